package eu.localeconomy.identifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NationalRegisterNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"85073003328", "17073003384", "93051822361", "42012205181", "90022742191",
            "90020200395", "75060898009", "00000100166", "00000100195", "00000000128", "00010000135", "85073500107"})
    void acceptsValidNationalRegisterNumbers(String input) {
        NationalRegisterNumber n = NationalRegisterNumber.parseNrn(input);
        assertThat(n.value()).isEqualTo(input);
        assertThat(n.isBis()).isFalse();
        assertThat(NationalRegisterNumber.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"12345678901, checksum", "85133000105, month", "00400100184, month"})
    void rejectsInvalidNationalRegisterNumbers(String input, String reason) {
        assertThatThrownBy(() -> NationalRegisterNumber.parseNrn(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.nrn." + reason);
                    assertThat(e.getMessage()).doesNotContain(input);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"98472899765", "01490700185", "75460898095", "75260898052", "85273500150", "85473500193"})
    void acceptsValidBisNumbers(String input) {
        NationalRegisterNumber n = NationalRegisterNumber.parseBis(input);
        assertThat(n.isBis()).isTrue();
        assertThat(NationalRegisterNumber.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"85533000191, month", "85333000148, month", "00000100195, month"})
    void rejectsInvalidBisNumbers(String input, String reason) {
        assertThatThrownBy(() -> NationalRegisterNumber.parseBis(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"85533000191", "85333000148", "12345678901", "85133000105"})
    void rejectsNumbersThatAreNeitherNrnNorBis(String input) {
        assertThat(NationalRegisterNumber.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"85073003328, 1900", "17073003384, 2000", "00000100166, 1900", "00000100195, 2000",
            "01490700185, 2000", "98472899765, 1900"})
    void infersTheCenturyFromTheMatchingCheck(String input, int century) {
        assertThat(NationalRegisterNumber.parse(input).birthCentury()).isEqualTo(century);
    }

    @ParameterizedTest
    @ValueSource(strings = {"85.07.30-033.28", "85 07 30 033 28", "850730-03328", " 85.07.30 033-28 "})
    void normalisesPrintedForms(String input) {
        NationalRegisterNumber n = NationalRegisterNumber.parse(input);
        assertThat(n.value()).isEqualTo("85073003328");
        assertThat(n.formatted()).isEqualTo("85.07.30-033.28");
        assertThat(n.lastTwoDigits()).isEqualTo("28");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8507300332", "850730033280", "8507300332A"})
    void rejectsMalformedInput(String input) {
        assertThatThrownBy(() -> NationalRegisterNumber.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.reason()).isEqualTo("format"));
        assertThat(NationalRegisterNumber.isValid(null)).isFalse();
    }

    @Test
    void toStringDoesNotPrintTheNumber() {
        NationalRegisterNumber n = NationalRegisterNumber.parse("85073003328");
        assertThat(n.toString()).isEqualTo("••.••.••-•••.28").doesNotContain("850730");
    }

    @Test
    void isMadeFromABirthDateAndCounterWithTheCheckDigitsOfItsCentury() {
        assertThat(NationalRegisterNumber.of(java.time.LocalDate.of(1985, 7, 30), 33).value()).isEqualTo("85073003328");
        assertThat(NationalRegisterNumber.of(java.time.LocalDate.of(2017, 7, 30), 33).value()).isEqualTo("17073003384");
        assertThat(NationalRegisterNumber.of(java.time.LocalDate.of(2017, 7, 30), 33).birthCentury()).isEqualTo(2000);
        assertThat(NationalRegisterNumber.masked("28")).isEqualTo("••.••.••-•••.28");
    }
}
