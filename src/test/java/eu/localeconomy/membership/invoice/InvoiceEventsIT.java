package eu.localeconomy.membership.invoice;

import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.OrderEvent;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.membership.payment.RefundEntry;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.OrderFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Invoices and credit notes follow the order's events after its transaction: issued at order, a cancellation gives
 * a full credit note mirroring the invoice, both on the order's timeline; issued at payment, a part payment refunded
 * before the order was paid gives no invoice and no credit note (nothing to cancel).
 */
@IntegrationTest
class InvoiceEventsIT {

    @Autowired InvoiceFixtures fixtures;
    @Autowired OrderFixtures orderFixtures;
    @Autowired Invoices invoices;
    @Autowired Payments payments;
    @Autowired Orders orders;
    @Autowired OrderTimeline timeline;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void issuedAtOrderThenCancelledGivesAFullCreditNoteOnTheTimeline() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.ORDER);
        TenantId tenant = office.tenant().id();
        UUID order = fixtures.placeHotelOrder(office, PaymentMethod.CHEQUE);
        var invoice = await(() -> invoices.documentsOf(tenant, order), 1).getFirst();
        assertThat(invoice.kind()).isEqualTo(InvoiceDocument.Kind.INVOICE);

        payments.cancel(tenant, order, "Ne souhaite plus adhérer", office.admin().principal());
        var documents = await(() -> invoices.documentsOf(tenant, order), 2);
        var credit = documents.get(1);
        assertThat(credit.kind()).isEqualTo(InvoiceDocument.Kind.CREDIT_NOTE);
        assertThat(credit.creditedInvoiceId()).isEqualTo(invoice.id());
        assertThat(credit.gross()).isEqualTo(invoice.gross());
        assertThat(invoices.xml(tenant, credit.id()).orElseThrow())
                .contains("<ram:TypeCode>381</ram:TypeCode>", "Page brochure", "Guide papier");
        var kinds = await(() -> timeline.of(tenant, order).stream().map(OrderEvent::kind)
                .filter(k -> k.endsWith(".issued")).toList(), 2);
        assertThat(kinds).containsExactly("invoice.issued", "credit-note.issued");
        // A cancelled order's invoice is not issued again, nor a second credit note; an order cancelled before any
        // invoice gets none.
        assertThat(invoices.issue(tenant, order, Actor.SYSTEM)).isEqualTo(invoice);
        assertThat(invoices.creditNote(tenant, order, "refund:late", Money.euros(100), Actor.SYSTEM)).isEmpty();
        var unissued = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        UUID cancelled = fixtures.placeHotelOrder(unissued, PaymentMethod.CHEQUE);
        payments.cancel(unissued.tenant().id(), cancelled, "Erreur", unissued.admin().principal());
        assertThatThrownBy(() -> invoices.issue(unissued.tenant().id(), cancelled, Actor.SYSTEM))
                .isInstanceOfSatisfying(InvoiceException.class, e -> assertThat(e.key()).isEqualTo("invoice.error.cancelled"));
    }

    @Test
    void issuedAtPaymentAPartPaymentRefundedBeforeGivesNoDocument() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        TenantId tenant = office.tenant().id();
        UUID order = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        var placed = new OrderFixtures.Placed(office, order, orders.find(tenant, order).orElseThrow().gross());
        var part = orderFixtures.pay(placed, 10_000);
        payments.refund(tenant, order, new RefundEntry(part.id(), Money.euros(10_000), orderFixtures.today(placed),
                "Retour", "Erreur de virement", UUID.randomUUID().toString()), office.admin().principal());
        // Once every listener of the order's events has run (their publications completed), nothing was issued.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && jdbc.sql("""
                        select count(*) from event_publication where completion_date is null and serialized_event like ?""")
                .param("%" + order + "%").query(Integer.class).single() > 0) {
            Thread.sleep(100);
        }
        assertThat(jdbc.sql("select count(*) from event_publication where serialized_event like ? and event_type like '%RefundRecorded'")
                .param("%" + order + "%").query(Integer.class).single()).isPositive();
        assertThat(invoices.documentsOf(tenant, order)).isEmpty();

        assertThatThrownBy(() -> invoices.creditNote(tenant, order, "cancel", null, Actor.SYSTEM).orElseThrow())
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    private static <T> List<T> await(Supplier<List<T>> read, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<T> found = read.get();
        while (found.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = read.get();
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(size);
        return found;
    }
}
