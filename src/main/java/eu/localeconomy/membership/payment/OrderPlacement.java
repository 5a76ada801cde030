package eu.localeconomy.membership.payment;

import eu.localeconomy.directory.Establishments;
import eu.localeconomy.identifier.CreditorReference;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.OrderPlaced;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * What payments add to an order when it is placed and when it is paid, in the transaction that did it: the due date
 * and the transfer's creditor reference; the establishment's membership of the campaign's season.
 */
@Component
class OrderPlacement {

    /** Digits of the order reference: short enough to type in a banking app, long enough never to collide. */
    static final int REFERENCE_DIGITS = 16;

    private final PaymentStore store;
    private final Payments payments;
    private final OrderTimeline timeline;
    private final Tenants tenants;
    private final Catalogue catalogue;
    private final Establishments establishments;

    OrderPlacement(PaymentStore store, Payments payments, OrderTimeline timeline, Tenants tenants, Catalogue catalogue,
                   Establishments establishments) {
        this.store = store;
        this.payments = payments;
        this.timeline = timeline;
        this.tenants = tenants;
        this.catalogue = catalogue;
        this.establishments = establishments;
    }

    @EventListener
    void on(OrderPlaced event) {
        var order = store.order(event.tenant(), event.orderId()).orElseThrow();
        ZoneId zone = tenants.findById(event.tenant()).map(Tenant::zone).orElse(ZoneId.of("Europe/Paris"));
        LocalDate placedOn = LocalDate.ofInstant(order.placedAt(), zone);
        LocalDate due = placedOn.plusDays(payments.settings(event.tenant()).dueDays());
        String reference = creditorReference(event);
        store.placed(event.tenant(), event.orderId(), due, reference);
        timeline.record(event.tenant(), event.orderId(), "placed", Actor.user(
                order.placedBy() == null ? null : new UserId(order.placedBy()), event.tenant()), Map.of("method", order.method().name(),
                "grossCents", order.grossCents(), "currency", order.currency(), "dueDate", due.toString()));
    }

    /** The RF reference from digits of the order id; the next digits on the (most unlikely) clash with another order. */
    private String creditorReference(OrderPlaced event) {
        String digits = digitsOf(event.orderId());
        for (int start = 0; start + REFERENCE_DIGITS <= digits.length(); start++) {
            String value = CreditorReference.create(digits.substring(start, start + REFERENCE_DIGITS)).value();
            if (!store.creditorReferenceTaken(event.tenant(), value)) {
                return value;
            }
        }
        throw new IllegalStateException("no free creditor reference");
    }

    static String digitsOf(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return new java.math.BigInteger(1, bytes.array()).toString();
    }

    @EventListener
    void on(OrderPaid event) {
        catalogue.campaign(event.tenant(), event.campaignId()).ifPresent(campaign ->
                establishments.recordMembership(event.tenant(), event.establishmentId(), campaign.season(), "ORDER",
                        Actor.SYSTEM));
    }

    /** Everything received given back: the season the payment recorded is withdrawn (imports' and staff's stay). */
    @EventListener
    void on(RefundRecorded event) {
        if (event.statusAfter() != OrderStatus.REFUNDED) {
            return;
        }
        store.order(event.tenant(), event.orderId()).ifPresent(order ->
                catalogue.campaign(event.tenant(), order.campaign()).ifPresent(campaign ->
                        establishments.withdrawMembership(event.tenant(), order.establishment(), campaign.season(),
                                "ORDER", Actor.SYSTEM)));
    }
}
