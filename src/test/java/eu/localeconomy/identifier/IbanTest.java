package eu.localeconomy.identifier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IbanTest {

    @ParameterizedTest
    @CsvSource({"BE68 5390 0754 7034, BE68539007547034, BE68 5390 0754 7034",
            "BE54 0000 0000 0097, BE54000000000097, BE54 0000 0000 0097",
            "be68539007547034, BE68539007547034, BE68 5390 0754 7034",
            "BE68-5390-0754-7034, BE68539007547034, BE68 5390 0754 7034",
            "FR14 2004 1010 0505 0001 3M02 606, FR1420041010050500013M02606, FR14 2004 1010 0505 0001 3M02 606"})
    void acceptsAndNormalisesValidIbans(String input, String value, String formatted) {
        Iban iban = Iban.parse(input);
        assertThat(iban.value()).isEqualTo(value);
        assertThat(iban.formatted()).isEqualTo(formatted);
        assertThat(Iban.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"BE69 5390 0754 7034, checksum", "BE68 5390 0754 703, format", "XX68 5390 0754 7034, format", "US68 5390 0754 7034, country",
            "'', format"})
    void rejectsInvalidIbans(String input, String reason) {
        assertThatThrownBy(() -> Iban.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.iban." + reason);
                });
        assertThat(Iban.isValid(input)).isFalse();
    }
}
