package eu.localeconomy.membership.card;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.param.RefundListParams;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.OrderAccount;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.membership.payment.PaymentException;
import eu.localeconomy.membership.payment.PaymentKind;
import eu.localeconomy.membership.payment.PaymentRecord;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.membership.payment.RefundEntry;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stripe's events, once their signature is verified: each handled in ONE transaction with the insert of its id
 * ({@code membership_stripe_event}), so a replay finds the id and changes nothing, and a failure rolls the id back
 * with everything else and Stripe's retry runs it again.
 */
@Service
class StripeEvents {

    private static final Logger log = LoggerFactory.getLogger(StripeEvents.class);

    enum Outcome { PROCESSED, IGNORED, UNKNOWN_ACCOUNT, REFUSED, DUPLICATE }

    private final JdbcClient jdbc;
    private final StripeApi stripe;
    private final StripeAccounts accounts;
    private final StripeCheckouts checkouts;
    private final StripeConnect connect;
    private final CardPayments cards;
    private final Payments payments;
    private final OrderTimeline timeline;
    private final Tenants tenants;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StripeEvents(JdbcClient jdbc, StripeApi stripe, StripeAccounts accounts, StripeCheckouts checkouts,
                 StripeConnect connect, CardPayments cards, Payments payments, OrderTimeline timeline, Tenants tenants,
                 TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.stripe = stripe;
        this.accounts = accounts;
        this.checkouts = checkouts;
        this.connect = connect;
        this.cards = cards;
        this.payments = payments;
        this.timeline = timeline;
        this.tenants = tenants;
        this.transactions = transactions;
        this.clock = clock;
    }

    Outcome handle(Event event) {
        return transactions.execute(s -> handleInTransaction(event));
    }

    private Outcome handleInTransaction(Event event) {
        var connected = accounts.byAccountId(event.getAccount());
        // The id first: a concurrent delivery of the same event waits here for this one's outcome.
        int inserted = jdbc.sql("""
                        insert into membership_stripe_event (event_id, type, account_id, tenant_id, received_at, outcome)
                        values (?, ?, ?, ?, ?, 'RECEIVED') on conflict (event_id) do nothing""")
                .params(event.getId(), truncate(event.getType(), 100), event.getAccount(),
                        connected.map(a -> a.tenant().value()).orElse(null), Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return Outcome.DUPLICATE;
        }
        Outcome outcome;
        if (connected.isEmpty()) {
            log.info("Stripe event {} ({}) for an account unknown here ignored", event.getId(), event.getType());
            outcome = Outcome.UNKNOWN_ACCOUNT;
        } else {
            TenantId tenant = connected.get().tenant();
            ZoneId zone = tenants.findById(tenant).map(Tenant::zone).orElse(ZoneId.of("Europe/Paris"));
            outcome = switch (event.getType()) {
                case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                        completed(tenant, object(event, Session.class), zone);
                case "checkout.session.expired" -> expired(tenant, object(event, Session.class));
                case "charge.refunded" -> refunded(tenant, connected.get().accountId(), object(event, Charge.class), zone);
                case "account.updated" -> accountUpdated(tenant, connected.get().accountId(), object(event, Account.class));
                default -> Outcome.IGNORED;
            };
        }
        jdbc.sql("update membership_stripe_event set outcome = ? where event_id = ?")
                .params(outcome.name(), event.getId()).update();
        return outcome;
    }

    private Outcome completed(TenantId tenant, Session session, ZoneId zone) {
        var stored = checkouts.find(tenant, session.getId()).orElse(null);
        if (stored == null) {
            log.info("Stripe Checkout Session not created by the platform ignored");
            return Outcome.IGNORED;
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            // Paid later by an asynchronous method: async_payment_succeeded records it.
            checkouts.completed(tenant, session.getId(), session.getPaymentIntent(), clock.instant());
            return Outcome.IGNORED;
        }
        try {
            cards.settle(stored, session, zone);
            return Outcome.PROCESSED;
        } catch (PaymentException refused) {
            // Money taken for an order that cannot take it (cancelled meanwhile): kept for staff, not retried forever.
            log.warn("A paid Checkout Session could not be recorded on its order: {}", refused.key());
            timeline.record(tenant, stored.orderId(), "card.payment.refused", null,
                    Map.of("session", session.getId(), "reason", refused.key()));
            return Outcome.REFUSED;
        }
    }

    private Outcome expired(TenantId tenant, Session session) {
        var stored = checkouts.find(tenant, session.getId()).orElse(null);
        if (stored == null) {
            return Outcome.IGNORED;
        }
        if (checkouts.expired(tenant, session.getId(), clock.instant())) {
            timeline.record(tenant, stored.orderId(), "card.checkout.expired", null, Map.of("session", session.getId()));
        }
        return Outcome.PROCESSED;
    }

    private Outcome refunded(TenantId tenant, String accountId, Charge charge, ZoneId zone) {
        String intent = charge.getPaymentIntent();
        var stored = intent == null ? null : checkouts.byPaymentIntent(tenant, intent).orElse(null);
        if (stored == null) {
            return Outcome.IGNORED;
        }
        OrderAccount account = payments.account(tenant, stored.orderId()).orElse(null);
        PaymentRecord payment = account == null ? null : account.payments().stream()
                .filter(p -> p.kind() == PaymentKind.PAYMENT && p.method() == PaymentMethod.CARD && intent.equals(p.externalId()))
                .findFirst().orElse(null);
        if (payment == null) {
            return Outcome.IGNORED;
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        boolean any = false;
        for (Refund refund : refunds(charge, accountId)) {
            if (!("succeeded".equals(refund.getStatus()) || "pending".equals(refund.getStatus()))
                    || refund.getAmount() == null || refund.getAmount() <= 0) {
                continue;
            }
            // A refund the platform made itself is on the order already under Stripe's id.
            boolean known = account.payments().stream().anyMatch(p -> p.kind() == PaymentKind.REFUND
                    && (refund.getId().equals(p.externalId()) || refund.getId().equals(p.reference())));
            if (known) {
                continue;
            }
            Refund withIntent = refund.getPaymentIntent() == null ? copyWithIntent(refund, intent) : refund;
            String currency = refund.getCurrency() != null ? refund.getCurrency().toUpperCase(Locale.ROOT)
                    : payment.amount().currency();
            try {
                CardGateway.reported(withIntent, () -> payments.refund(tenant, stored.orderId(), new RefundEntry(
                        payment.id(), new Money(refund.getAmount(), currency), today, refund.getId(),
                        "Stripe", refund.getId()), Actor.SYSTEM));
                any = true;
            } catch (CardGateway.AlreadyRecorded made) {
                // The office's own refund, committed while this event waited for the order: nothing to add.
            }
        }
        return any ? Outcome.PROCESSED : Outcome.IGNORED;
    }

    private List<Refund> refunds(Charge charge, String accountId) {
        if (charge.getRefunds() != null && charge.getRefunds().getData() != null && !charge.getRefunds().getData().isEmpty()) {
            return charge.getRefunds().getData();
        }
        try {
            // Charges no longer embed their refunds: ask for them on the connected account.
            return stripe.client().v1().refunds().list(RefundListParams.builder().setCharge(charge.getId()).setLimit(100L).build(),
                    StripeApi.on(accountId, null)).getData();
        } catch (StripeException e) {
            // A 500 makes Stripe send the event again later.
            throw new IllegalStateException("Stripe did not list the refunds of a charge: " + e.getCode(), e);
        }
    }

    private static Refund copyWithIntent(Refund refund, String intent) {
        Refund copy = new Refund();
        copy.setId(refund.getId());
        copy.setAmount(refund.getAmount());
        copy.setCurrency(refund.getCurrency());
        copy.setStatus(refund.getStatus());
        copy.setPaymentIntent(intent);
        return copy;
    }

    private Outcome accountUpdated(TenantId tenant, String accountId, Account account) {
        if (!Objects.equals(accountId, account.getId())) {
            return Outcome.IGNORED;
        }
        connect.apply(tenant, account, Actor.SYSTEM);
        return Outcome.PROCESSED;
    }

    /** The event's object, even when it was written with another API version than the SDK's. */
    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        var deserializer = event.getDataObjectDeserializer();
        StripeObject object = deserializer.getObject().orElse(null);
        if (object == null) {
            try {
                object = deserializer.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                throw new IllegalStateException("Stripe event " + event.getId() + " could not be read", e);
            }
        }
        return type.cast(object);
    }

    private static String truncate(String text, int length) {
        return text == null ? "" : text.length() > length ? text.substring(0, length) : text;
    }
}
