package eu.localeconomy.membership.invoice;

/**
 * What the tenant prints on its invoices: the seller's mentions, texts and numbering. Blank texts are null.
 * Images (logo, bank details) are saved apart ({@link InvoiceSetup#saveImage}). {@code issueAt}: when an order's
 * invoice is issued.
 */
public record InvoiceSettings(String legalName, String legalForm, String street, String postcode, String city,
                              String country, String siren, String siret, String apeCode, String vatNumber,
                              VatRegime vatRegime, String vatExemptionText,
                              String referentName, String referentEmail, String referentPhone,
                              String bankDetails, String paymentTerms, String earlyPaymentText,
                              String latePenaltyText, String recoveryIndemnityText, String footer, IssueAt issueAt,
                              String invoiceFormat, String invoicePrefix, String creditNoteFormat,
                              String creditNotePrefix) {

    public enum VatRegime { STANDARD, EXEMPT }

    public enum IssueAt { ORDER, PAYMENT }

    public static final String DEFAULT_INVOICE_FORMAT = "FA-{YYYY}-{SEQ:5}";
    public static final String DEFAULT_CREDIT_NOTE_FORMAT = "AV-{YYYY}-{SEQ:5}";

    /** A tenant that has saved nothing: no mentions, issue at payment, the default formats. */
    public static InvoiceSettings none() {
        return new InvoiceSettings(null, null, null, null, null, "FR", null, null, null, null, VatRegime.STANDARD,
                null, null, null, null, null, null, null, null, null, null, IssueAt.PAYMENT,
                DEFAULT_INVOICE_FORMAT, "", DEFAULT_CREDIT_NOTE_FORMAT, "");
    }
}
