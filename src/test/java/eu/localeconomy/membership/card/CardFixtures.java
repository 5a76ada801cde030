package eu.localeconomy.membership.card;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.support.StripeStub;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** A tenant whose Stripe account is connected (on the test stub) and can take charges: card payments are ready. */
@Component
public class CardFixtures {

    /** A card payment as Stripe made it: the session, its payment intent, the connected account. */
    public record CardPaid(String account, String session, String paymentIntent) {
    }

    private final StripeConnect connect;
    private final StripeStub stripe;
    private final CardPayments cards;

    CardFixtures(StripeConnect connect, StripeStub stripe, CardPayments cards) {
        this.connect = connect;
        this.stripe = stripe;
        this.cards = cards;
    }

    /**
     * The order's professional pays its balance by card: a Checkout Session, paid on the stub, confirmed as on the
     * success page (the order's status follows; the webhook would add nothing).
     */
    public CardPaid payByCard(TenantContext tenant, UUID orderId, TestTenants.Person professional) {
        String url = cards.checkout(tenant.id(), orderId, professional.email(), Language.FR,
                "http://localhost" + tenant.path(), professional.principal());
        String session = url.substring(url.lastIndexOf('/') + 1);
        var paid = stripe.pay(session);
        var confirmation = cards.confirm(tenant.id(), orderId, session, tenant.zone());
        if (confirmation != CardPayments.Confirmation.PAID) {
            throw new IllegalStateException("card payment not recorded: " + confirmation);
        }
        String account = connect.status(tenant.id()).account().orElseThrow().accountId();
        return new CardPaid(account, session, (String) paid.get("payment_intent"));
    }

    /** Connects the tenant's account as the office would (onboarding, Stripe's checks, return); its {@code acct_} id. */
    public String connect(TenantId tenant) {
        connect.onboardingLink(tenant, "http://localhost/return", "http://localhost/refresh", Actor.SYSTEM);
        String account = connect.status(tenant).account().orElseThrow().accountId();
        stripe.enableCharges(account);
        connect.refresh(tenant, Actor.SYSTEM);
        return account;
    }
}
