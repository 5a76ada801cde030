package eu.localeconomy.membership.followup;

import eu.localeconomy.membership.extranet.OrderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage rule, one row per situation: a live order decides, then "not this season", then the furthest step. */
class StageTest {

    @ParameterizedTest(name = "order {0}, declined {1}, basket {2}, visited {3}, invited {4} → {5}")
    @CsvSource(nullValues = "-", value = {
            // order,          declined, basket, visited, invited, stage
            "-,                false,    false,  false,   false,   NOT_INVITED",
            "-,                false,    false,  false,   true,    INVITED",
            "-,                false,    false,  true,    false,   VISITED",
            "-,                false,    false,  true,    true,    VISITED",
            "-,                false,    true,   false,   false,   BASKET",
            "-,                false,    true,   true,    true,    BASKET",
            "AWAITING_PAYMENT, false,    false,  false,   false,   ORDERED",
            "PARTIALLY_PAID,   false,    false,  true,    true,    ORDERED",
            "PAID,             false,    false,  false,   false,   PAID",
            "PAID,             true,     false,  false,   false,   PAID",
            "AWAITING_PAYMENT, true,     false,  false,   false,   ORDERED",
            "-,                true,     true,   true,    true,    DECLINED",
            "-,                true,     false,  false,   false,   DECLINED",
            "CANCELLED,        false,    false,  true,    true,    VISITED",
            "CANCELLED,        true,     false,  false,   false,   DECLINED",
            "REFUNDED,         false,    false,  false,   true,    INVITED",
            "REFUNDED,         false,    true,   false,   false,   BASKET",
    })
    void theFurthestStepWins(OrderStatus order, boolean declined, boolean basket, boolean visited, boolean invited,
                             Stage expected) {
        assertThat(Stage.of(order, declined, basket, visited, invited)).isEqualTo(expected);
    }
}
