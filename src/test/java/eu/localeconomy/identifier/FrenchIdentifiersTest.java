package eu.localeconomy.identifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SIREN, SIRET, French VAT numbers and APE codes. */
class FrenchIdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"404833048", "552008443", "732829320", "350792008", "775672272", "820043784"})
    void acceptsValidSirens(String input) {
        assertThat(Siren.parse(input).value()).isEqualTo(input);
        assertThat(Siren.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"404833047, checksum", "40483304, format", "40483304A, format"})
    void rejectsInvalidSirens(String input, String reason) {
        assertThatThrownBy(() -> Siren.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.siren." + reason);
                });
        assertThat(Siren.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"404 833 048", "404.833.048", "404-833-048", " 404833048 "})
    void normalisesPrintedSirens(String input) {
        Siren siren = Siren.parse(input);
        assertThat(siren.value()).isEqualTo("404833048");
        assertThat(siren.formatted()).isEqualTo("404 833 048");
    }

    @ParameterizedTest
    @ValueSource(strings = {"73282932000074", "35600000009075", "35600000049837", "35600000000048"})
    void acceptsValidSirets(String input) {
        assertThat(Siret.parse(input).value()).isEqualTo(input);
        assertThat(Siret.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"73282932000079, checksum", "35600000049838, checksum", "40483304700012, siren",
            "7328293200007, format"})
    void rejectsInvalidSirets(String input, String reason) {
        assertThatThrownBy(() -> Siret.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.siret." + reason);
                });
        assertThat(Siret.isValid(input)).isFalse();
    }

    @Test
    void laPosteHeadOfficeUsesLuhnNotTheDigitSum() {
        // Digit sum of the head office is 26: it is valid only because it passes Luhn.
        assertThat(Siret.isValid("35600000000048")).isTrue();
        // Luhn-valid but digit sum not a multiple of 5: a La Poste establishment other than the head office.
        assertThat(Siret.isValid("35600000000030")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"732 829 320 00074", "732.829.320.00074", "732829320-00074"})
    void normalisesPrintedSirets(String input) {
        Siret siret = Siret.parse(input);
        assertThat(siret.value()).isEqualTo("73282932000074");
        assertThat(siret.formatted()).isEqualTo("732 829 320 00074");
        assertThat(siret.siren()).isEqualTo(Siren.parse("732829320"));
        assertThat(siret.nic()).isEqualTo("00074");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR40303265045", "FR23334175221", "FR46443121975", "FR44732829320", "FR83404833048",
            "FR19552008443"})
    void acceptsValidVatNumbers(String input) {
        assertThat(FrenchVatNumber.parse(input).value()).isEqualTo(input);
        assertThat(FrenchVatNumber.isValid(input)).isTrue();
        // The numeric key is the one computed from the SIREN.
        assertThat(FrenchVatNumber.forSiren(new Siren(input.substring(4))).value()).isEqualTo(input);
    }

    @ParameterizedTest
    @CsvSource({"FR84323140391, checksum", "FR8440483304, format", "BE83404833048, format", "FR8_404833048, format"})
    void rejectsInvalidVatNumbers(String input, String reason) {
        assertThatThrownBy(() -> FrenchVatNumber.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.vat-fr." + reason);
                });
        assertThat(FrenchVatNumber.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FRA1404833048", "FR1A404833048", "FRZZ404833048"})
    void acceptsAlphanumericKeysOnFormatAlone(String input) {
        assertThat(FrenchVatNumber.isValid(input)).isTrue();
    }

    @Test
    void computesTheKeyForASiren() {
        assertThat(FrenchVatNumber.forSiren(Siren.parse("404833048")).value()).isEqualTo("FR83404833048");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR 83 404 833 048", "fr83404833048", "FR83.404.833.048", "FR-83-404833048"})
    void normalisesPrintedVatNumbers(String input) {
        FrenchVatNumber vat = FrenchVatNumber.parse(input);
        assertThat(vat.value()).isEqualTo("FR83404833048");
        assertThat(vat.formatted()).isEqualTo("FR 83 404 833 048");
        assertThat(vat.sirenDigits()).isEqualTo("404833048");
    }

    @ParameterizedTest
    @CsvSource({"62.02A, 62.02A", "6202A, 62.02A", "62.02a, 62.02A", "62.02 A, 62.02A", "' 4711F ', 47.11F"})
    void normalisesApeCodes(String input, String canonical) {
        ApeCode ape = ApeCode.parse(input);
        assertThat(ape.value()).isEqualTo(canonical);
        assertThat(ape.formatted()).isEqualTo(canonical);
        assertThat(ape.compact()).isEqualTo(canonical.replace(".", ""));
        assertThat(ApeCode.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "62.02", "620A", "62.020A", "62-02A", "6.202A", "62.02AB", "A2.02A"})
    void rejectsMalformedApeCodes(String input) {
        assertThatThrownBy(() -> ApeCode.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("identifier.ape.format"));
        assertThat(ApeCode.isValid(input)).isFalse();
    }
}
