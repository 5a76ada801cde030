package eu.localeconomy.membership.invoice;

import eu.localeconomy.shared.Money;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An issued invoice or credit note of an order, as listed on the order pages. {@code creditedInvoiceId}: the invoice
 * a credit note cancels (in part or whole), null for an invoice. Amounts incl. VAT; a credit note's are positive.
 */
public record InvoiceDocument(UUID id, UUID orderId, Kind kind, String number, LocalDate issuedOn, Money gross,
                              UUID creditedInvoiceId) {

    public enum Kind { INVOICE, CREDIT_NOTE }
}
