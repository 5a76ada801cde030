package eu.localeconomy.membership.invoice;

import eu.localeconomy.membership.extranet.OrderPlaced;
import eu.localeconomy.membership.payment.OrderCancelled;
import eu.localeconomy.membership.payment.OrderPaid;
import eu.localeconomy.membership.payment.RefundRecorded;
import eu.localeconomy.shared.Actor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Issues invoices and credit notes after the order's own transaction committed (the event publication registry
 * retries an event whose listener failed). Each issue runs in its own transaction (see {@link Invoices}), so the
 * listeners themselves take none. A missing mention never fails the payment: the invoice is blocked instead.
 * <p>
 * A refund or cancellation of an order without an invoice (issue at payment, refunded before it was fully paid)
 * gives no credit note: there is nothing to cancel, and the money given back is in the accounting export.
 */
@Component
class InvoiceEvents {

    private final Invoices invoices;
    private final InvoiceSetup setup;

    InvoiceEvents(Invoices invoices, InvoiceSetup setup) {
        this.invoices = invoices;
        this.setup = setup;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPlaced placed) {
        if (setup.settings(placed.tenant()).issueAt() == InvoiceSettings.IssueAt.ORDER) {
            invoices.issueForEvent(placed.tenant(), placed.orderId());
        }
    }

    /** Issue at payment; with issue at order, a retry of an invoice that was blocked then. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPaid paid) {
        invoices.issueForEvent(paid.tenant(), paid.orderId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RefundRecorded refund) {
        invoices.creditNote(refund.tenant(), refund.orderId(), "refund:" + refund.refundId(), refund.amount(),
                Actor.SYSTEM);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled cancelled) {
        invoices.creditNote(cancelled.tenant(), cancelled.orderId(), Invoices.SOURCE_CANCEL, null, Actor.SYSTEM);
    }
}
