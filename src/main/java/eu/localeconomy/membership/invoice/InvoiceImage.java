package eu.localeconomy.membership.invoice;

/** An image printed on invoices: the tenant's logo or its bank details (a RIB). PNG or JPEG. */
public record InvoiceImage(byte[] bytes, String contentType) {

    public enum Kind { LOGO, BANK_DETAILS }
}
