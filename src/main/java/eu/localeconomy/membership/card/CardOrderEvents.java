package eu.localeconomy.membership.card;

import eu.localeconomy.membership.payment.OrderCancelled;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** What card payments do when an order changes elsewhere. */
@Component
class CardOrderEvents {

    private final CardPayments cards;

    CardOrderEvents(CardPayments cards) {
        this.cards = cards;
    }

    /** A cancelled order's open Checkout Sessions are expired at Stripe, after the cancellation committed. */
    @ApplicationModuleListener
    void on(OrderCancelled cancelled) {
        cards.expireOpen(cancelled.tenant(), cancelled.orderId(), "order.cancelled");
    }
}
