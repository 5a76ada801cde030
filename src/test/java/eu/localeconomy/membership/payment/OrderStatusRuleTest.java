package eu.localeconomy.membership.payment;

import eu.localeconomy.membership.extranet.OrderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The order's status from what it costs, received and gave back (held = paid − refunded). */
class OrderStatusRuleTest {

    @ParameterizedTest(name = "due {0}, paid {1}, refunded {2} → {3}")
    @CsvSource({
            "10000,     0,     0, AWAITING_PAYMENT",
            "10000,  2500,     0, PARTIALLY_PAID",
            "10000,  9999,     0, PARTIALLY_PAID",
            "10000, 10000,     0, PAID",
            // An overpayment is paid; giving back its surplus keeps it paid, more than that does not.
            "10000, 10500,     0, PAID",
            "10000, 10500,   500, PAID",
            "10000, 10500,   501, PARTIALLY_PAID",
            // A partial refund follows the balance; a refund of everything received ends the order.
            "10000, 10000,  3000, PARTIALLY_PAID",
            "10000,  2500,  2500, REFUNDED",
            "10000, 10000, 10000, REFUNDED",
            "10000, 10500, 10500, REFUNDED"})
    void followsWhatTheOrderHolds(long due, long paid, long refunded, OrderStatus expected) {
        assertThat(Payments.status(due, paid, refunded)).isEqualTo(expected);
    }
}
