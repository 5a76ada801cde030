package eu.localeconomy.identifier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnterpriseNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"0403019261", "0428759497", "0566988259"})
    void acceptsValidNumbers(String input) {
        assertThat(EnterpriseNumber.parse(input).value()).isEqualTo(input);
        assertThat(EnterpriseNumber.isValid(input)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0431150351, checksum", "2403019261, format", "040301926, checksum", "04030192611, format", "'', format"})
    void rejectsInvalidNumbers(String input, String reason) {
        assertThatThrownBy(() -> EnterpriseNumber.parse(input))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.enterprise." + reason);
                });
        assertThat(EnterpriseNumber.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0403.019.261", "0403 019 261", "BE0403019261", "be 0403.019.261", "BE-0403-019-261",
            "403.019.261"})
    void normalisesPrintedAndVatForms(String input) {
        EnterpriseNumber n = EnterpriseNumber.parse(input);
        assertThat(n.value()).isEqualTo("0403019261");
        assertThat(n.formatted()).isEqualTo("0403.019.261");
        assertThat(n.vatNumber()).isEqualTo("BE0403019261");
    }
}
