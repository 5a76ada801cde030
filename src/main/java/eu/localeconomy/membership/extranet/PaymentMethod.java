package eu.localeconomy.membership.extranet;

/** How the professional says they will pay an order (the payment itself comes with invoicing). */
public enum PaymentMethod {
    TRANSFER, CHEQUE, CASH, CARD
}
