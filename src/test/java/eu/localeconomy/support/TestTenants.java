package eu.localeconomy.support;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates tenants and people for tests through the modules' public APIs, with unique names per call. */
@Component
public class TestTenants {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Tenants tenants;
    private final Accounts accounts;

    TestTenants(Tenants tenants, Accounts accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    public Tenant tenant(TenantKind kind) {
        int n = SEQUENCE.incrementAndGet();
        String slug = "test-" + kind.name().toLowerCase().replace('_', '-') + "-" + n + "-" + System.nanoTime() % 100000;
        return tenants.create(new Tenants.NewTenant(slug, "Tenant " + slug, kind,
                kind == TenantKind.MUNICIPALITY ? Language.NL : Language.FR,
                kind == TenantKind.MUNICIPALITY ? "Europe/Brussels" : "Europe/Paris", "#0b5a7a",
                new Tenant.LegalIdentity("Legal " + slug, "Street 1", "1000", "City", "BE", null, null), null));
    }

    public Person person(Tenant tenant, Role role) {
        return person(tenant, role, Language.EN);
    }

    /** A person whose account speaks this language (mails they receive are in it). */
    public Person person(Tenant tenant, Role role, Language language) {
        String email = role.name().toLowerCase() + "-" + SEQUENCE.incrementAndGet() + "@" + tenant.slug() + ".test";
        UserId id = accounts.create(tenant.id(), email, role.name() + " of " + tenant.slug(), role, language, PASSWORD);
        return new Person(tenant, email, new AccountPrincipal(id, tenant.id(), tenant.slug(), role.name(), role, language));
    }

    /** A platform administrator's login, as the login form would have produced it. */
    public Authentication platformAdministrator() {
        UserId id = accounts.create(null, "root-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@platform.test",
                "Root", Role.PLATFORM_ADMIN, Language.EN, PASSWORD);
        return new Person(null, null, new AccountPrincipal(id, null, null, "Root", Role.PLATFORM_ADMIN, Language.EN))
                .authentication();
    }

    public record Person(Tenant tenant, String email, AccountPrincipal principal) {

        /** A logged-in session for MockMvc, as the login form would have produced it. */
        public Authentication authentication() {
            return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    List.of(new SimpleGrantedAuthority(principal.role().authority())));
        }
    }
}
