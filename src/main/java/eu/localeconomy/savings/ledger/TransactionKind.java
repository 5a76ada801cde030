package eu.localeconomy.savings.ledger;

/** The business transactions the ledger records. */
public enum TransactionKind {
    /** A purchase in the earn window that credited the card. */
    EARN,
    /** Voucher spent at a merchant in the spend window. */
    REDEEM,
    /** The card's credit turned into a voucher at the conversion date. */
    CONVERSION,
    /** The merchant undid one of its own transactions within the reversal window. */
    REVERSAL,
    /** The city compensated a transaction, with a reason, at any time. */
    CORRECTION
}
