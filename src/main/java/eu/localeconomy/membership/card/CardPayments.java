package eu.localeconomy.membership.card;

import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.OrderAccount;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.membership.payment.PaymentEntry;
import eu.localeconomy.membership.payment.PaymentException;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Card payments of orders: a Checkout Session created as a direct charge on the tenant's connected account with the
 * platform's application fee, and the payment recorded once Stripe says the session is paid (on the success page or
 * by the webhook, whichever comes first: both record with the payment intent as idempotency key, so once).
 */
@Service
class CardPayments {

    private static final Logger log = LoggerFactory.getLogger(CardPayments.class);

    /** What the professional is told on the success page. */
    enum Confirmation { PAID, PENDING, REFUSED }

    private final StripeApi stripe;
    private final StripeConnect connect;
    private final StripeCheckouts checkouts;
    private final Payments payments;
    private final OrderTimeline timeline;
    private final Catalogue catalogue;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CardPayments(StripeApi stripe, StripeConnect connect, StripeCheckouts checkouts, Payments payments,
                 OrderTimeline timeline, Catalogue catalogue, MessageSource messages, TransactionTemplate transactions,
                 Clock clock) {
        this.stripe = stripe;
        this.connect = connect;
        this.checkouts = checkouts;
        this.payments = payments;
        this.timeline = timeline;
        this.catalogue = catalogue;
        this.messages = messages;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The platform's fee on an amount: basis points of it, rounded half-up to the cent. */
    static long applicationFee(long amountCents, int basisPoints) {
        return Math.addExact(Math.multiplyExact(amountCents, (long) basisPoints), 5_000L) / 10_000L;
    }

    /**
     * The URL of a Checkout Session for what is left to pay on the order: the open one for this balance when there
     * is one, else a new one. {@code base} is the absolute URL of the tenant's pages ({@code https://…/t/slug}).
     * CardException when the order cannot be paid by card now.
     */
    String checkout(TenantId tenant, UUID orderId, String customerEmail, Language language, String base, Actor actor) {
        OrderAccount account = payments.account(tenant, orderId).orElseThrow(() -> new CardException("card.error.notFound"));
        if (account.method() != PaymentMethod.CARD) {
            throw new CardException("card.error.notCard");
        }
        if (account.status() == OrderStatus.CANCELLED || account.status() == OrderStatus.REFUNDED
                || account.balance().cents() <= 0) {
            throw new CardException("card.error.nothingDue");
        }
        if (!stripe.configured()) {
            throw new CardException("card.error.notConfigured");
        }
        var connected = connect.status(tenant).account().filter(StripeAccounts.ConnectedAccount::chargesEnabled)
                .orElseThrow(() -> new CardException("card.error.notReady"));
        Money balance = account.balance();
        Instant now = clock.instant();
        var open = checkouts.open(tenant, orderId, balance.cents(), connected.accountId(), now);
        if (open.isPresent() && open.get().url() != null) {
            return open.get().url();
        }
        long fee = applicationFee(balance.cents(), stripe.properties().applicationFeeBasisPoints());
        String orderBase = base + "/pro/orders/" + orderId;
        String reference = account.creditorReference() != null ? account.creditorReference()
                : orderId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String campaign = catalogue.campaign(tenant, account.campaignId()).map(Campaign::name).orElse("");
        String name = messages.getMessage("card.checkout.line", new Object[]{campaign, reference}, language.locale());
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(balance.currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(balance.cents())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(name).build())
                                .build())
                        .build())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setApplicationFeeAmount(fee)
                        .putMetadata("tenant", tenant.value().toString())
                        .putMetadata("order", orderId.toString())
                        .build())
                .setClientReferenceId(orderId.toString())
                .putMetadata("tenant", tenant.value().toString())
                .putMetadata("order", orderId.toString())
                .setLocale(locale(language))
                .setSuccessUrl(orderBase + "/card/success?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(orderBase + "/card/cancelled");
        if (customerEmail != null && !customerEmail.isBlank()) {
            params.setCustomerEmail(customerEmail);
        }
        // Per order and balance; a new attempt after an expired session gets its own key (Stripe keeps keys 24 h).
        String key = "checkout-" + orderId + "-" + balance.cents() + "-" + checkouts.count(tenant, orderId);
        Session session;
        try {
            session = stripe.client().v1().checkout().sessions().create(params.build(),
                    StripeApi.on(connected.accountId(), key));
        } catch (StripeException e) {
            log.warn("Stripe refused a Checkout Session: {} ({})", e.getCode(), e.getStatusCode());
            throw new CardException("card.error.stripeUnavailable", e);
        }
        Instant expires = session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt());
        transactions.executeWithoutResult(s -> {
            checkouts.insert(new StripeCheckouts.Checkout(session.getId(), tenant, orderId, connected.accountId(),
                    balance.cents(), fee, balance.currency(), StripeCheckouts.Status.OPEN, session.getUrl(), null,
                    now, expires), now);
            timeline.record(tenant, orderId, "card.checkout.started", actor, Map.of("session", session.getId(),
                    "amountCents", balance.cents(), "applicationFeeCents", fee));
        });
        return session.getUrl();
    }

    /**
     * The professional is back from Stripe's page: the session (one of this order's) is read from Stripe and, when
     * paid, the payment recorded now rather than when the webhook arrives.
     */
    Confirmation confirm(TenantId tenant, UUID orderId, String sessionId, ZoneId zone) {
        var stored = sessionId == null ? null : checkouts.find(tenant, sessionId).filter(c -> c.orderId().equals(orderId))
                .orElse(null);
        if (stored == null || !stripe.configured()) {
            return Confirmation.PENDING;
        }
        Session session;
        try {
            session = stripe.client().v1().checkout().sessions().retrieve(sessionId, StripeApi.on(stored.accountId(), null));
        } catch (StripeException e) {
            log.warn("Stripe did not return a Checkout Session: {} ({})", e.getCode(), e.getStatusCode());
            return Confirmation.PENDING;
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            return Confirmation.PENDING;
        }
        try {
            transactions.executeWithoutResult(s -> settle(stored, session, zone));
            return Confirmation.PAID;
        } catch (PaymentException refused) {
            log.warn("A paid Checkout Session could not be recorded on its order: {}", refused.key());
            return Confirmation.REFUSED;
        }
    }

    /**
     * Records the payment of a paid session on its order (in the caller's transaction), keyed by the payment intent:
     * the success page and the webhook both get here, the second changes nothing.
     */
    void settle(StripeCheckouts.Checkout stored, Session session, ZoneId zone) {
        String intent = session.getPaymentIntent();
        String key = intent != null ? intent : session.getId();
        long cents = session.getAmountTotal() != null ? session.getAmountTotal() : stored.amountCents();
        String currency = session.getCurrency() != null ? session.getCurrency().toUpperCase(Locale.ROOT) : stored.currency();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        // Checked here rather than left to Payments: its refusal inside the caller's transaction would doom it.
        var order = payments.account(stored.tenant(), stored.orderId()).orElseThrow();
        boolean recorded = order.payments().stream().anyMatch(p -> key.equals(p.externalId()));
        if (!recorded && (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REFUNDED)) {
            throw new PaymentException(null, "card.error.orderClosed");
        }
        // The money is taken already: what exceeds the balance (paid meanwhile by other means) is kept as overpaid.
        payments.record(stored.tenant(), stored.orderId(), new PaymentEntry(PaymentMethod.CARD,
                new Money(cents, currency), today, key, null, true, key, key), Actor.SYSTEM);
        checkouts.completed(stored.tenant(), stored.sessionId(), intent, clock.instant());
    }

    /**
     * Expires the order's open sessions at Stripe (the order was cancelled: its page must not take money any more).
     * A session Stripe will not expire (paid or expired meanwhile) is left to its webhook.
     */
    void expireOpen(TenantId tenant, UUID orderId, String reason) {
        for (var open : checkouts.openOf(tenant, orderId)) {
            if (stripe.configured()) {
                try {
                    stripe.client().v1().checkout().sessions().expire(open.sessionId(),
                            StripeApi.on(open.accountId(), "expire-" + open.sessionId()));
                } catch (com.stripe.exception.InvalidRequestException notOpen) {
                    log.info("Stripe did not expire a Checkout Session of a cancelled order: {}", notOpen.getCode());
                    continue;
                } catch (StripeException e) {
                    // Thrown on: the event publication stays incomplete and is tried again.
                    throw new CardException("card.error.stripeUnavailable", e);
                }
            }
            if (checkouts.expired(tenant, open.sessionId(), clock.instant())) {
                timeline.record(tenant, orderId, "card.checkout.expired", null,
                        Map.of("session", open.sessionId(), "reason", reason));
            }
        }
    }

    private static SessionCreateParams.Locale locale(Language language) {
        return switch (language.code()) {
            case "fr" -> SessionCreateParams.Locale.FR;
            case "nl" -> SessionCreateParams.Locale.NL;
            case "de" -> SessionCreateParams.Locale.DE;
            default -> SessionCreateParams.Locale.EN;
        };
    }
}
