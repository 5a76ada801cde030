package eu.localeconomy.membership.card;

import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's Stripe Connect account: created by the platform when the office first connects, completed by the
 * office on Stripe's onboarding pages (an Account Link), refreshed when the office comes back and on
 * {@code account.updated}. Card payments are offered once Stripe says the account can take charges.
 */
@Service
class StripeConnect {

    private static final Logger log = LoggerFactory.getLogger(StripeConnect.class);

    /** What the office page shows. {@code account} is empty before the first connection. */
    record Status(boolean configured, Optional<StripeAccounts.ConnectedAccount> account) {

        /** Public: the office page's template calls it. */
        public boolean ready() {
            return configured && account.map(StripeAccounts.ConnectedAccount::chargesEnabled).orElse(false);
        }
    }

    private final StripeApi stripe;
    private final StripeAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    StripeConnect(StripeApi stripe, StripeAccounts accounts, AuditLog audit, Clock clock) {
        this.stripe = stripe;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    Status status(TenantId tenant) {
        return new Status(stripe.configured(), accounts.find(tenant));
    }

    boolean ready(TenantId tenant) {
        return status(tenant).ready();
    }

    /**
     * The onboarding link for the tenant's account, creating the account first when it has none. The office is sent
     * to it; Stripe sends it back to {@code returnUrl} (done or left) or {@code refreshUrl} (link expired).
     */
    String onboardingLink(TenantId tenant, String returnUrl, String refreshUrl, Actor actor) {
        var client = stripe.client();
        try {
            var account = accounts.find(tenant).orElse(null);
            if (account == null) {
                Account created = client.v1().accounts().create(AccountCreateParams.builder()
                                .setType(AccountCreateParams.Type.STANDARD)
                                .setCountry("FR")
                                .putMetadata("tenant", tenant.value().toString())
                                .build(),
                        // One account per tenant even when the button is pressed twice.
                        StripeApi.on(null, "account-" + tenant.value()));
                account = accounts.create(tenant, created.getId(), Boolean.TRUE.equals(created.getChargesEnabled()),
                        Boolean.TRUE.equals(created.getDetailsSubmitted()), clock.instant());
                audit.record(actor, tenant, "membership.stripe.account.created", "membership_stripe_account",
                        tenant.value(), Map.of("account", account.accountId()));
            }
            var link = client.v1().accountLinks().create(AccountLinkCreateParams.builder()
                    .setAccount(account.accountId())
                    .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                    .setReturnUrl(returnUrl)
                    .setRefreshUrl(refreshUrl)
                    .build(), StripeApi.on(null, null));
            audit.record(actor, tenant, "membership.stripe.onboarding.started", "membership_stripe_account",
                    tenant.value(), Map.of("account", account.accountId()));
            return link.getUrl();
        } catch (StripeException e) {
            log.warn("Stripe refused the onboarding of a tenant's account: {} ({})", e.getCode(), e.getStatusCode());
            throw new CardException("card.error.stripeUnavailable", e);
        }
    }

    /** Reads the account back from Stripe (the office returned from onboarding). Empty when it has none. */
    Optional<StripeAccounts.ConnectedAccount> refresh(TenantId tenant, Actor actor) {
        var account = accounts.find(tenant);
        if (account.isEmpty() || !stripe.configured()) {
            return account;
        }
        try {
            Account current = stripe.client().v1().accounts().retrieve(account.get().accountId(), StripeApi.on(null, null));
            apply(tenant, current, actor);
            return accounts.find(tenant);
        } catch (StripeException e) {
            log.warn("Stripe did not return a tenant's account: {} ({})", e.getCode(), e.getStatusCode());
            throw new CardException("card.error.stripeUnavailable", e);
        }
    }

    /** Takes Stripe's view of the account (on return, or from {@code account.updated}); audited when it changed. */
    void apply(TenantId tenant, Account account, Actor actor) {
        boolean charges = Boolean.TRUE.equals(account.getChargesEnabled());
        boolean details = Boolean.TRUE.equals(account.getDetailsSubmitted());
        if (accounts.update(tenant, account.getId(), charges, details, clock.instant())) {
            audit.record(actor, tenant, "membership.stripe.account.updated", "membership_stripe_account",
                    tenant.value(), Map.of("account", account.getId(), "chargesEnabled", charges,
                            "detailsSubmitted", details));
        }
    }
}
