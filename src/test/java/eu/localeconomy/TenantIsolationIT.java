package eu.localeconomy;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Walks every registered endpoint as every role of tenant A and proves that none of them returns or changes
 * tenant B's data: B's URLs answer 403/404 (or send to a login page), and no page of A shows B's data.
 */
@IntegrationTest
class TenantIsolationIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired DirectoryFixtures directory;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    Tenant a;
    Tenant b;
    TestTenants.Person bAdmin;

    /** Two tenants of a kind: municipalities reach the savings pages, tourism offices the membership pages. */
    void twoTenants(TenantKind kind) {
        a = fixtures.tenant(kind);
        b = fixtures.tenant(kind);
        bAdmin = fixtures.person(b, Role.TENANT_ADMIN);
        if (kind == TenantKind.TOURISM_OFFICE) {
            directory.establishment(b.id(), B_ESTABLISHMENT).email("contact@b-tenant.test").create();
        }
    }

    /** An establishment only tenant B has: no page of A may name it. */
    private static final String B_ESTABLISHMENT = "Hotel Secret of Tenant B";

    @ParameterizedTest
    @EnumSource(TenantKind.class)
    void noEndpointLetsAUserOfOneTenantReachAnother(TenantKind kind) throws Exception {
        twoTenants(kind);
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("the harness found the tenant endpoints").hasSizeGreaterThan(15);
        List<String> leaks = new ArrayList<>();
        for (Role role : Role.tenantRoles(kind)) {
            var person = fixtures.person(a, role);
            for (Endpoint endpoint : endpoints) {
                if (!endpoint.pattern().contains("{slug}")) {
                    continue;
                }
                String uri = endpoint.uri(b.slug());
                MvcResult result;
                try {
                    result = mvc.perform(request(endpoint.method(), uri).with(csrf())
                            .with(authentication(person.authentication()))).andReturn();
                } catch (Exception e) {
                    // Only a request that got past security reaches a handler that can fail.
                    leaks.add(role + " " + endpoint.method() + " " + uri + " reached its handler: " + e.getMessage());
                    continue;
                }
                int status = result.getResponse().getStatus();
                boolean publicPage = PUBLIC_TENANT_PAGES.contains(endpoint.pattern());
                boolean refused = status == 403 || status == 404 || status == 400 || status == 405
                        || (status == 302 && String.valueOf(result.getResponse().getRedirectedUrl()).contains("/login"));
                if (!publicPage && !refused) {
                    leaks.add(role + " " + endpoint.method() + " " + uri + " -> " + status);
                }
                String body = result.getResponse().getContentAsString();
                if (body.contains(bAdmin.email()) || body.contains(B_ESTABLISHMENT)) {
                    leaks.add(role + " " + endpoint.method() + " " + uri + " shows tenant B's staff");
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TenantKind.class)
    void tenantPagesOfTheOwnTenantNeverShowAnotherTenantsData(TenantKind kind) throws Exception {
        twoTenants(kind);
        var admin = fixtures.person(a, Role.TENANT_ADMIN);
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.pattern().contains("{slug}") || endpoint.method() != HttpMethod.GET) {
                continue;
            }
            String body = mvc.perform(request(HttpMethod.GET, endpoint.uri(a.slug()))
                    .with(authentication(admin.authentication()))).andReturn().getResponse().getContentAsString();
            assertThat(body).as(endpoint.uri(a.slug())).doesNotContain(bAdmin.email()).doesNotContain(b.id().toString())
                    .doesNotContain(B_ESTABLISHMENT);
        }
    }

    @ParameterizedTest
    @EnumSource(TenantKind.class)
    void noEndpointAnswersWithAServerErrorToEmptyOrGarbledInput(TenantKind kind) throws Exception {
        twoTenants(kind);
        var admin = fixtures.person(a, Role.TENANT_ADMIN);
        var platformAdmin = fixtures.platformAdministrator();
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.pattern().startsWith("/api/")) {
                continue; // the API has its own contract tests for bad input (ApiContractIT)
            }
            var who = endpoint.pattern().contains("{slug}") ? admin.authentication() : platformAdmin;
            for (var params : List.of(java.util.Map.<String, String>of(), java.util.Map.of("role", "KING", "email", "x",
                    "from", "yesterday", "page", "-1", "language", "xx", "scopes", "ALL", "expiresOn", "soon",
                    "token", "\u0000", "kind", "CASTLE", "primaryColour", "red"))) {
                var request = request(endpoint.method(), endpoint.uri(a.slug())).with(csrf())
                        .with(authentication(who));
                params.forEach(request::param);
                try {
                    int status = mvc.perform(request).andReturn().getResponse().getStatus();
                    if (status >= 500) {
                        failures.add(endpoint.method() + " " + endpoint.pattern() + " " + params.keySet() + " -> " + status);
                    }
                } catch (Exception e) {
                    failures.add(endpoint.method() + " " + endpoint.pattern() + " " + params.keySet() + " threw " + e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Tenant pages every visitor may open: the public site, login, reset and invitation pages, theme and logo, the
     * merchant app's manifest and service worker (no data; browsers fetch manifests without cookies), the public list
     * of participating merchants and the online application.
     */
    private static final Set<String> PUBLIC_TENANT_PAGES = Set.of("/t/{slug}", "/t/{slug}/", "/t/{slug}/login",
            "/t/{slug}/theme.css", "/t/{slug}/logo", "/t/{slug}/password/forgot", "/t/{slug}/password/reset",
            "/t/{slug}/invitation", "/t/{slug}/enrol", "/t/{slug}/enrol/not-received", "/t/{slug}/enrol/details",
            "/t/{slug}/enrol/verify", "/t/{slug}/c/{token}", "/t/{slug}/login/link", "/t/{slug}/login/link/{token}",
            "/t/{slug}/merchant/app.webmanifest", "/t/{slug}/merchant/sw.js", "/t/{slug}/merchants",
            "/t/{slug}/merchants/apply", "/t/{slug}/merchants/apply/sent");

    record Endpoint(HttpMethod method, String pattern) {
        String uri(String slug) {
            return pattern.replace("{slug}", slug).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }

    private List<Endpoint> endpoints() {
        Set<Endpoint> found = new LinkedHashSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    found.add(new Endpoint(HttpMethod.GET, pattern));
                }
                for (RequestMethod m : methods) {
                    found.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern));
                }
            }
        });
        return new ArrayList<>(found);
    }
}
