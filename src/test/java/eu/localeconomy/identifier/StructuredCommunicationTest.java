package eu.localeconomy.identifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructuredCommunicationTest {

    @ParameterizedTest
    @ValueSource(strings = {"+++010/8068/17183+++", "+++012/3456/78939+++", "+++085/1927/54115+++",
            "+++312/4013/98067+++", "+++000/0000/00097+++", "+++123/4567/89002+++", "+++868/0542/73023+++"})
    void acceptsValidCommunications(String input) {
        StructuredCommunication c = StructuredCommunication.parse(input);
        assertThat(c.formatted()).isEqualTo(input);
        assertThat(c.value()).hasSize(12).containsOnlyDigits();
        assertThat(StructuredCommunication.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"010/8068/17180, checksum", "868054273024, checksum", "8680542730241, format", "86805427302, format"})
    void rejectsInvalidCommunications(String input, String reason) {
        assertThatThrownBy(() -> StructuredCommunication.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.ogm." + reason);
                });
        assertThat(StructuredCommunication.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"010806817183", "010/8068/17183", "+++ 010 / 8068 / 17183 +++", "***010/8068/17183***",
            "010.8068.17183"})
    void normalisesPrintedForms(String input) {
        StructuredCommunication c = StructuredCommunication.parse(input);
        assertThat(c.value()).isEqualTo("010806817183");
        assertThat(c.formatted()).isEqualTo("+++010/8068/17183+++");
    }

    @ParameterizedTest
    @CsvSource({"108068171, +++010/8068/17183+++", "0, +++000/0000/00097+++", "1234567890, +++123/4567/89002+++",
            "8680542730, +++868/0542/73023+++"})
    void generatesTheCheckDigits(long base, String expected) {
        StructuredCommunication c = StructuredCommunication.of(base);
        assertThat(c.formatted()).isEqualTo(expected);
        assertThat(StructuredCommunication.isValid(c.formatted())).isTrue();
        assertThat(StructuredCommunication.isValid(c.value())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 97, 194, 9_999_999_999L, 4_242_424_242L})
    void generatedCommunicationsRoundTrip(long base) {
        StructuredCommunication c = StructuredCommunication.of(base);
        assertThat(StructuredCommunication.parse(c.formatted())).isEqualTo(c);
    }

    @Test
    void refusesBasesOutsideTenDigits() {
        assertThatThrownBy(() -> StructuredCommunication.of(10_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StructuredCommunication.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
