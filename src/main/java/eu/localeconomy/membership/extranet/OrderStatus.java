package eu.localeconomy.membership.extranet;

/** Only AWAITING_PAYMENT is used until payments arrive; the others are in the schema already. */
public enum OrderStatus {
    AWAITING_PAYMENT, PARTIALLY_PAID, PAID, CANCELLED, REFUNDED
}
