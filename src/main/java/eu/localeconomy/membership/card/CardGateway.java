package eu.localeconomy.membership.card;

import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.param.RefundCreateParams;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.PaymentException;
import eu.localeconomy.membership.payment.PaymentGateway;
import eu.localeconomy.membership.payment.PaymentKind;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Stripe behind the CARD method: ready once the platform has a key and the tenant's connected account can take
 * charges; refunds through Stripe's refund API on the connected account. A refund Stripe already made (in the
 * Stripe dashboard, reported by {@code charge.refunded}) is recorded without asking Stripe for another one.
 */
@Component
class CardGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(CardGateway.class);

    /** A refund made at Stripe and reported by a webhook, being recorded on this thread. */
    private static final ThreadLocal<Refund> REPORTED = new ThreadLocal<>();

    /** The reported refund is on the order already: nothing to record. */
    static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded(String refundId) {
            super("refund " + refundId + " already recorded", null, false, false);
        }
    }

    private final StripeApi stripe;
    private final StripeConnect connect;
    /** Lazily: Payments itself is given the gateways. */
    private final ObjectProvider<Payments> payments;

    CardGateway(StripeApi stripe, StripeConnect connect, ObjectProvider<Payments> payments) {
        this.stripe = stripe;
        this.connect = connect;
        this.payments = payments;
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.CARD;
    }

    @Override
    public boolean ready(TenantId tenant) {
        return connect.ready(tenant);
    }

    @Override
    public String refund(TenantId tenant, UUID orderId, String externalPaymentId, Money amount, String idempotencyKey) {
        Refund reported = REPORTED.get();
        if (reported != null && externalPaymentId != null && externalPaymentId.equals(reported.getPaymentIntent())
                && reported.getAmount() != null && reported.getAmount() == amount.cents()) {
            // Here the order row is locked: a refund the office made meanwhile (its webhook raced ahead of its
            // commit) is visible now under Stripe's id, and must not be recorded a second time.
            boolean recorded = payments.getObject().account(tenant, orderId).stream()
                    .flatMap(a -> a.payments().stream())
                    .anyMatch(p -> p.kind() == PaymentKind.REFUND && reported.getId().equals(p.externalId()));
            if (recorded) {
                throw new AlreadyRecorded(reported.getId());
            }
            return reported.getId();
        }
        if (externalPaymentId == null) {
            throw new PaymentException(null, "card.error.refundNoPayment");
        }
        if (!stripe.configured()) {
            throw new PaymentException(null, "card.error.notConfigured");
        }
        var account = connect.status(tenant).account().orElseThrow(() -> new PaymentException(null, "card.error.notReady"));
        try {
            Refund refund = stripe.client().v1().refunds().create(RefundCreateParams.builder()
                            .setPaymentIntent(externalPaymentId)
                            .setAmount(amount.cents())
                            .putMetadata("tenant", tenant.value().toString())
                            .putMetadata("order", orderId.toString())
                            .build(),
                    StripeApi.on(account.accountId(), "refund-" + idempotencyKey));
            return refund.getId();
        } catch (StripeException e) {
            log.warn("Stripe refused a refund: {} ({})", e.getCode(), e.getStatusCode());
            throw new PaymentException(null, "card.error.refundRefused");
        }
    }

    /** Runs {@code recording} (which calls Payments.refund) knowing that Stripe already made {@code refund}. */
    static void reported(Refund refund, Runnable recording) {
        REPORTED.set(refund);
        try {
            recording.run();
        } finally {
            REPORTED.remove();
        }
    }
}
