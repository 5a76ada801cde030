package eu.localeconomy.savings.ledger;

/**
 * Why the ledger refused a movement. Each has a stable code: the API's problem type ends with it and the
 * pages' message key is {@code ledger.problem.<code>}.
 */
public enum LedgerProblem {
    UNKNOWN_CARD("unknown-card"),
    CARD_NOT_ACTIVE("card-not-active"),
    CARD_BLOCKED("card-blocked"),
    OUTSIDE_PHASE("outside-phase"),
    CAP_REACHED("cap-reached"),
    INSUFFICIENT_VOUCHER("insufficient-voucher-balance"),
    MERCHANT_SUSPENDED("merchant-suspended"),
    LIMIT_EXCEEDED("limit-exceeded"),
    INVALID_AMOUNT("invalid-amount"),
    IDEMPOTENCY_CONFLICT("idempotency-key-reused"),
    UNKNOWN_TRANSACTION("unknown-transaction"),
    NOT_REVERSIBLE("not-reversible"),
    REVERSAL_WINDOW_CLOSED("reversal-window-closed"),
    ALREADY_REVERSED("already-reversed"),
    /** The idempotency key is missing or not 1–100 characters of letters, digits and {@code _ . : -}. */
    INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key"),
    /** A city correction without its reason. */
    REASON_REQUIRED("reason-required");

    private final String code;

    LedgerProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
