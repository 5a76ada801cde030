package eu.localeconomy.savings.register;

import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading register files: delimiters, masks and the column names a mapping is guessed from. */
class RegisterFileTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a;b;c                      | ;
            a,b,c                      | ,
            a\\tb\\tc                  | \\t
            "x;y",b,c                  | ,
            single                     | ;
            a;b,c;d                    | ;
            """)
    void theDelimiterIsTheOneThatSplitsTheHeaderMost(String header, String expected) {
        assertThat(RegisterFile.delimiter(header.replace("\\t", "\t") + "\n1;2;3\n")).isEqualTo(expected.replace("\\t", "\t").charAt(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            85.07.30-033.28 | **.**.**-***.28
            85073003328     | *********28
            12              | 12
            abc-1           | **c-1
            ''              | ''
            """)
    void nationalRegisterNumbersAreMaskedToTheirLastTwoCharacters(String typed, String masked) {
        assertThat(RegisterRows.mask(typed)).isEqualTo(masked);
    }

    @Test
    void invalidUtf8IsReadAsWindows1252AndAnnouncedUtf8MustBeValid() throws Exception {
        byte[] cp1252 = "Rue de l'Église;Françoise\n".getBytes(RegisterFile.WINDOWS_1252);
        assertThat(RegisterFile.decode(cp1252).charset()).isEqualTo(RegisterFile.WINDOWS_1252);
        assertThat(RegisterFile.decode(cp1252).text()).isEqualTo("Rue de l'Église;Françoise\n");
        assertThat(RegisterFile.decode("Zoë;€\n".getBytes(StandardCharsets.UTF_8)).charset()).isEqualTo(StandardCharsets.UTF_8);
        byte[] bomThenLatin1 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ';', (byte) 0xE9};
        assertThatThrownBy(() -> RegisterFile.decode(bomThenLatin1)).isInstanceOf(RegisterFile.UnreadableException.class);
        assertThatThrownBy(() -> RegisterFile.decode(new byte[]{'a', 0, 'b'})).isInstanceOf(RegisterFile.UnreadableException.class);
    }

    @Test
    void theMappingIsGuessedFromDutchFrenchAndEnglishHeaders() {
        List<String> french = List.of("N° de ménage", "Rue", "Numéro", "Boîte", "Code postal", "Commune", "NISS", "Nom",
                "Prénom", "Date de naissance");
        assertThat(RegisterImports.guess(french, Register.POPULATION, ResidentIdentifier.NATIONAL_REGISTER_NUMBER))
                .containsEntry(RegisterField.HOUSEHOLD_ID, 0).containsEntry(RegisterField.BOX, 3)
                .containsEntry(RegisterField.NRN, 6).containsEntry(RegisterField.FIRST_NAME, 8).hasSize(10);
        List<String> english = List.of("Tax assessment number", "Street", "Number", "Postcode", "Municipality", "Owner",
                "Owner address", "Owner postcode", "Owner city", "Owner country");
        assertThat(RegisterImports.guess(english, Register.SECOND_HOME, ResidentIdentifier.NATIONAL_REGISTER_NUMBER))
                .containsEntry(RegisterField.TAX_NUMBER, 0).containsEntry(RegisterField.OWNER_NAME, 5)
                .containsEntry(RegisterField.OWNER_COUNTRY, 9).doesNotContainKey(RegisterField.BOX).hasSize(10);
        assertThat(RegisterImports.guess(french, Register.POPULATION, ResidentIdentifier.BIRTH_DATE))
                .doesNotContainKey(RegisterField.NRN).containsEntry(RegisterField.BIRTH_DATE, 9);
    }
}
