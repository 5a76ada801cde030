package eu.localeconomy.membership.reminder;

/**
 * What makes a step fire for an establishment, with the default delay and whether the step ignores the opt-out
 * (the invitation and an unpaid invoice are mandatory: the first is the campaign itself, the second a payment
 * demand).
 */
public enum Trigger {
    /** Sent on demand ("Send invitations now"), then by the daily sweep to prospects added since. */
    INVITATION(0, true),
    /** N days after the invitation, no order. */
    NO_ORDER(14, false),
    /** A basket with lines untouched for N days, no order. */
    BASKET_ABANDONED(3, false),
    /** N days after the order's due date, not paid. */
    INVOICE_UNPAID(30, true);

    private final int defaultDays;
    private final boolean mandatory;

    Trigger(int defaultDays, boolean mandatory) {
        this.defaultDays = defaultDays;
        this.mandatory = mandatory;
    }

    public int defaultDays() {
        return defaultDays;
    }

    public boolean mandatory() {
        return mandatory;
    }

    /** The step is about an order: {amount} and {dueDate} have a value, the timeline records the send. */
    public boolean aboutOrder() {
        return this == INVOICE_UNPAID;
    }
}
