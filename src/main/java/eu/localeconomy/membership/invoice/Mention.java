package eu.localeconomy.membership.invoice;

/**
 * The mandatory mentions of a French B2B invoice (Code de commerce L441-9, CGI 242 nonies A), checked before issue in
 * this order. {@code field}: the invoice settings field that supplies it (null when it comes from the order or the
 * directory). The label is the message {@code invoice.mention.<name in camel case>}.
 */
public enum Mention {
    SELLER_NAME("legalName"),
    SELLER_LEGAL_FORM("legalForm"),
    SELLER_ADDRESS("street"),
    SELLER_SIREN("siren"),
    SELLER_VAT("vatNumber"),
    VAT_EXEMPTION("vatExemptionText"),
    BUYER_NAME(null),
    BUYER_ADDRESS(null),
    SERVICE_PERIOD(null),
    DESIGNATION(null),
    QUANTITY(null),
    UNIT_PRICE(null),
    VAT_PER_RATE(null),
    TOTALS(null),
    DUE_DATE(null),
    EARLY_PAYMENT("earlyPaymentText"),
    LATE_PENALTY("latePenaltyText"),
    RECOVERY_INDEMNITY("recoveryIndemnityText");

    private final String field;

    Mention(String field) {
        this.field = field;
    }

    String field() {
        return field;
    }

    /** The bundle key of its label, e.g. {@code invoice.mention.sellerLegalForm}. */
    public String labelKey() {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return "invoice.mention." + camel;
    }
}
