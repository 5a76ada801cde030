package eu.localeconomy.membership.invoice;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issued invoices and credit notes of orders, as the order pages and the extranet use them. Issuing reacts to
 * events ({@code OrderPlaced} or {@code OrderPaid} per the tenant's setting, {@code RefundRecorded} and
 * {@code OrderCancelled} for credit notes); staff may also issue an order's invoice by hand.
 */
@Service
public class Invoices {

    private static final String CONTRACT = "contract: membership.invoice";

    /** The order's invoice and credit notes, oldest first. */
    public List<InvoiceDocument> documentsOf(TenantId tenant, UUID orderId) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** The PDF/A-3 with embedded Factur-X of an issued invoice or credit note; empty when not this tenant's. */
    public Optional<byte[]> pdf(TenantId tenant, UUID documentId) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** A pro-forma of the order (not numbered, marked as such, with the payment instructions); empty when unknown. */
    public Optional<byte[]> proForma(TenantId tenant, UUID orderId, Language language) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** Issues the order's invoice now (idempotent: returns the existing one). InvoiceException names a missing mention. */
    public InvoiceDocument issue(TenantId tenant, UUID orderId, Actor actor) {
        throw new UnsupportedOperationException(CONTRACT);
    }
}
