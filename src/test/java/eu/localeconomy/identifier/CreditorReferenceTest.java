package eu.localeconomy.identifier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditorReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"RF18 5390 0754 7034", "RF18 5390 0754 70Y", "RF712348231", "RF03SW3EZRUFBK"})
    void acceptsValidReferences(String input) {
        assertThat(CreditorReference.parse(input).value()).isEqualTo(input.replace(" ", ""));
        assertThat(CreditorReference.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"RF17 5390 0754 7034, checksum", "RF68 5390 0754 7034, checksum", "RF18, format",
            "RF18 1234 5678 9012 3456 7890 12, format", "XX18 5390 0754 7034, format", "RF1X 5390, format"})
    void rejectsInvalidReferences(String input, String reason) {
        assertThatThrownBy(() -> CreditorReference.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.rf." + reason);
                });
        assertThat(CreditorReference.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"rf18 5390 0754 7034, RF18539007547034, RF18 5390 0754 7034",
            "RF18-5390-0754-70y, RF185390075470Y, RF18 5390 0754 70Y",
            "RF03SW3EZRUFBK, RF03SW3EZRUFBK, RF03 SW3E ZRUF BK"})
    void normalisesPrintedForms(String input, String value, String formatted) {
        CreditorReference rf = CreditorReference.parse(input);
        assertThat(rf.value()).isEqualTo(value);
        assertThat(rf.formatted()).isEqualTo(formatted);
    }

    @ParameterizedTest
    @CsvSource({"539007547034, RF18539007547034", "5390075470Y, RF185390075470Y", "2348231, RF712348231",
            "SW3EZRUFBK, RF03SW3EZRUFBK", "sw3e zruf bk, RF03SW3EZRUFBK"})
    void createsTheCheckDigits(String reference, String expected) {
        CreditorReference rf = CreditorReference.create(reference);
        assertThat(rf.value()).isEqualTo(expected);
        assertThat(CreditorReference.isValid(rf.formatted())).isTrue();
        assertThat(rf.reference()).isEqualTo(expected.substring(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "A", "INVOICE2024000123", "123456789012345678901", "0000"})
    void createdReferencesRoundTrip(String reference) {
        CreditorReference rf = CreditorReference.create(reference);
        assertThat(CreditorReference.parse(rf.formatted())).isEqualTo(rf);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567890123456789012", "ÀB"})
    void refusesToCreateFromABadReference(String reference) {
        assertThatThrownBy(() -> CreditorReference.create(reference)).isInstanceOf(InvalidIdentifierException.class);
    }
}
