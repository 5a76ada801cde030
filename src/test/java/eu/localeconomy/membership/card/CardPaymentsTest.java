package eu.localeconomy.membership.card;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's fee: basis points of the amount, rounded half-up to the cent. */
class CardPaymentsTest {

    @ParameterizedTest(name = "{0} cents at {1} bp = {2}")
    @CsvSource({
            "12345, 100, 123",   // 123.45 → 123
            "12350, 100, 124",   // 123.50 → 124 (half-up)
            "12349, 100, 123",
            "1, 5000, 1",        // 0.5 → 1
            "1, 4999, 0",
            "0, 100, 0",
            "21600, 0, 0",
            "21600, 10000, 21600",
            "21600, 250, 540",
            "99999999999, 100, 1000000000"})
    void feeIsRoundedHalfUp(long amount, int basisPoints, long fee) {
        assertThat(CardPayments.applicationFee(amount, basisPoints)).isEqualTo(fee);
    }
}
