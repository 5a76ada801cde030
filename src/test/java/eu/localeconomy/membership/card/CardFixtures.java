package eu.localeconomy.membership.card;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.support.StripeStub;
import org.springframework.stereotype.Component;

/** A tenant whose Stripe account is connected (on the test stub) and can take charges: card payments are ready. */
@Component
public class CardFixtures {

    private final StripeConnect connect;
    private final StripeStub stripe;

    CardFixtures(StripeConnect connect, StripeStub stripe) {
        this.connect = connect;
        this.stripe = stripe;
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
