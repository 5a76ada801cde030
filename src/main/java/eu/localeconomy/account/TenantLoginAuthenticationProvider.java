package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenants;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an e-mail and password against the accounts of the tenant whose login form was used. Every failure looks
 * the same from outside (same message, same work: a password hash is always computed), so the form reveals
 * neither which e-mails exist nor which accounts are locked.
 */
@Component
class TenantLoginAuthenticationProvider implements AuthenticationProvider {

    private final UserAccountRepository accounts;
    private final Tenants tenants;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final String dummyHash;

    TenantLoginAuthenticationProvider(UserAccountRepository accounts, Tenants tenants, PasswordEncoder passwordEncoder,
                                      LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var details = authentication.getDetails() instanceof LoginDetails d ? d : new LoginDetails(null, null);
        String email = authentication.getName() == null ? "" : authentication.getName().trim();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();

        Optional<TenantContext> tenant = details.tenantSlug() == null || details.tenantSlug().isBlank()
                ? Optional.empty() : tenants.findBySlug(details.tenantSlug());
        TenantId tenantId = tenant.map(TenantContext::id).orElse(null);
        if (!throttle.tryAttempt(details.remoteAddress())) {
            audit.record(Actor.ANONYMOUS, tenantId, "login.throttled", null, null, Map.of());
            throw new LoginThrottledException();
        }
        boolean tenantMissing = details.tenantSlug() != null && !details.tenantSlug().isBlank() && tenant.isEmpty();
        Optional<UserAccount> found = tenantMissing || email.isEmpty() || email.length() > 254
                ? Optional.empty() : accounts.findByEmail(tenantId, email);
        if (found.isEmpty()) {
            passwordEncoder.matches(password, dummyHash);
            audit.record(Actor.ANONYMOUS, tenantId, "login.failed", null, null, Map.of("reason", "unknown-account"));
            throw new BadCredentialsException("bad credentials");
        }
        UserAccount account = found.get();
        Instant now = clock.instant();
        if (account.lockedAt(now)) {
            passwordEncoder.matches(password, dummyHash);
            audit.record(Actor.ANONYMOUS, tenantId, "login.failed", "user", account.id(), Map.of("reason", "locked"));
            throw new BadCredentialsException("bad credentials");
        }
        if (account.passwordHash() == null || !passwordEncoder.matches(password, account.passwordHash())) {
            int failures = account.failedLogins() + 1;
            Instant lockedUntil = throttle.lockAfter(failures, now);
            accounts.recordFailure(account.id(), failures, lockedUntil);
            audit.record(Actor.ANONYMOUS, tenantId, lockedUntil == null ? "login.failed" : "account.locked", "user",
                    account.id(), Map.of("reason", "bad-password", "consecutiveFailures", failures));
            throw new BadCredentialsException("bad credentials");
        }
        if (!account.enabled()) {
            audit.record(Actor.ANONYMOUS, tenantId, "login.failed", "user", account.id(), Map.of("reason", "disabled"));
            throw new BadCredentialsException("bad credentials");
        }
        accounts.recordSuccess(account.id(), now);
        if (passwordEncoder.upgradeEncoding(account.passwordHash())) {
            accounts.updatePassword(account.id(), passwordEncoder.encode(password));
        }
        var principal = new AccountPrincipal(account.id(), account.tenantId(), tenant.map(TenantContext::slug).orElse(null),
                account.displayName(), account.role(), account.language() == null
                ? tenant.map(TenantContext::defaultLanguage).orElse(Language.EN) : account.language());
        if (account.totpEnabled()) {
            audit.record(principal, tenantId, "login.password.accepted", "user", account.id(), Map.of("secondFactor", "required"));
            return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    List.of(new SimpleGrantedAuthority(SecondFactor.PENDING)));
        }
        audit.record(principal, tenantId, "login.succeeded", "user", account.id(), Map.of());
        return fullyAuthenticated(principal);
    }

    static Authentication fullyAuthenticated(AccountPrincipal principal) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(principal.role().authority())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
