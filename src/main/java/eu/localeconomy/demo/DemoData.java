package eu.localeconomy.demo;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.membership.MembershipDemo;
import eu.localeconomy.savings.SavingsDemo;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Loads the demo tenants and people once, and tells whoever started the platform how to log in. */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** One demo login; all share {@link #PASSWORD}. */
    record Login(String tenantSlug, String email, String name, Role role, Language language) {
    }

    static final String PASSWORD = "Demo-Password-2026";

    static final List<Login> LOGINS = List.of(
            new Login(null, "admin@platform.test", "Platform Administrator", Role.PLATFORM_ADMIN, Language.EN),
            new Login("duinhaven", "beheer@duinhaven.test", "An Peeters", Role.TENANT_ADMIN, Language.NL),
            new Login("duinhaven", "financien@duinhaven.test", "Karel Janssens", Role.FINANCE, Language.NL),
            new Login("duinhaven", "helpdesk@duinhaven.test", "Sofie Maes", Role.HELPDESK, Language.NL),
            new Login("duinhaven", "lezer@duinhaven.test", "Tom Claes", Role.READ_ONLY, Language.NL),
            new Login("duinhaven", "eigenaar@bakkerij-zeewind.test", "Lien Wouters", Role.MERCHANT_OWNER, Language.NL),
            new Login("duinhaven", "kassa@bakkerij-zeewind.test", "Jonas De Smet", Role.CASHIER, Language.NL),
            new Login("duinhaven", "burger@duinhaven.test", "Marie Vermeulen", Role.CITIZEN, Language.NL),
            new Login("baie-des-falaises", "admin@baie-des-falaises.test", "Claire Lefèvre", Role.TENANT_ADMIN, Language.FR),
            new Login("baie-des-falaises", "compta@baie-des-falaises.test", "Hugo Martin", Role.FINANCE, Language.FR),
            new Login("baie-des-falaises", "accueil@baie-des-falaises.test", "Inès Moreau", Role.HELPDESK, Language.FR),
            new Login("baie-des-falaises", "lecture@baie-des-falaises.test", "Paul Girard", Role.READ_ONLY, Language.FR),
            new Login("baie-des-falaises", "pro@hotel-des-falaises.test", "Julien Roux", Role.PROFESSIONAL, Language.FR));

    private final Tenants tenants;
    private final Accounts accounts;
    private final SavingsDemo savings;
    private final MembershipDemo membership;
    private final Environment environment;
    private final TransactionTemplate transactions;
    private final boolean enabled;
    /** The demo accounts working at Bakkerij Zeewind, linked to it once the savings demo has made the merchant. */
    private final Map<Role, UserId> merchantStaff = new EnumMap<>(Role.class);
    /** The demo professional, linked to the Hôtel des Falaises and its gîte by the membership demo. */
    private UserId professional;

    DemoData(Tenants tenants, Accounts accounts, SavingsDemo savings, MembershipDemo membership, Environment environment,
             TransactionTemplate transactions, @Value("${app.demo.enabled:false}") boolean enabled) {
        this.membership = membership;
        this.transactions = transactions;
        this.tenants = tenants;
        this.accounts = accounts;
        this.savings = savings;
        this.environment = environment;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!enabled) {
            return;
        }
        if (tenants.all().isEmpty()) {
            var citizen = transactions.execute(status -> load());
            var staff = new SavingsDemo.MerchantStaff(merchantStaff.get(Role.MERCHANT_OWNER), merchantStaff.get(Role.CASHIER));
            // After the commit: imports and issuance run as jobs on worker threads that must see the tenant.
            var duinhaven = tenants.findTenantBySlug("duinhaven").orElseThrow();
            savings.load(duinhaven.id(), duinhaven.zone(), citizen, staff);
            var falaises = tenants.findTenantBySlug("baie-des-falaises").orElseThrow();
            transactions.executeWithoutResult(status ->
                    membership.load(falaises.id(), falaises.zone(), professional));
            log.info("Demo data loaded.");
        }
        printLogins();
    }

    SavingsDemo.Citizen load() {
        var duinhaven = tenants.create(new Tenants.NewTenant("duinhaven", "Gemeente Duinhaven", TenantKind.MUNICIPALITY,
                Language.NL, "Europe/Brussels", "#0b5a7a",
                new Tenant.LegalIdentity("Gemeente Duinhaven", "Zeedijk 1", "8399", "Duinhaven", "BE", "0207123407",
                        "BE0207123407"), null));
        var falaises = tenants.create(new Tenants.NewTenant("baie-des-falaises", "Office de Tourisme de la Baie des Falaises",
                TenantKind.TOURISM_OFFICE, Language.FR, "Europe/Paris", "#8a3b12",
                new Tenant.LegalIdentity("Office de Tourisme Intercommunal de la Baie des Falaises", "2 quai du Port",
                        "14520", "Port-les-Falaises", "FR", "812345676", "FR19812345676"), null));
        SavingsDemo.Citizen citizen = null;
        for (Login login : LOGINS) {
            TenantId tenant = login.tenantSlug() == null ? null
                    : login.tenantSlug().equals(duinhaven.slug()) ? duinhaven.id() : falaises.id();
            UserId id = accounts.create(tenant, login.email(), login.name(), login.role(), login.language(), PASSWORD);
            if (login.role() == Role.MERCHANT_OWNER || login.role() == Role.CASHIER) {
                merchantStaff.put(login.role(), id);
            }
            if (login.role() == Role.PROFESSIONAL) {
                professional = id;
            }
            if (login.role() == Role.CITIZEN) {
                String[] name = login.name().split(" ", 2);
                citizen = new SavingsDemo.Citizen(id, name[0], name[1], login.email());
            }
        }
        return citizen;
    }

    private void printLogins() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        var out = new StringBuilder("\n\n  Local economy platform is ready: http://localhost:" + port + "/\n\n");
        out.append("  Demo logins (password for all: ").append(PASSWORD).append(")\n");
        for (Login login : LOGINS) {
            String page = login.tenantSlug() == null ? "/login" : "/t/" + login.tenantSlug() + "/login";
            out.append(String.format("    %-15s %-36s http://localhost:%s%s%n", login.role(), login.email(), port, page));
        }
        tenants.findTenantBySlug("duinhaven").ifPresent(duinhaven -> {
            out.append('\n');
            savings.hints(duinhaven.id(), duinhaven.slug(), duinhaven.zone(), "http://localhost:" + port)
                    .forEach(line -> out.append("  ").append(line).append('\n'));
        });
        out.append("\n  Development mailbox (password resets, invitations): http://localhost:").append(port).append("/dev/mailbox\n");
        // Printed, not logged: demo addresses are invented and this is the newcomer's first screen.
        System.out.println(out);
    }
}
