package eu.localeconomy.membership.payment;

/** Money in (a payment) or out (a refund) for an order. */
public enum PaymentKind {
    PAYMENT, REFUND
}
