package eu.localeconomy.api;

import eu.localeconomy.account.Role;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API's contract as a client meets it: every error is a complete, localised problem document; wrong methods,
 * parameters and bodies are the client's fault (4xx) and name what was wrong; a browser session never opens the API;
 * and the token screen belongs to the tenant's administrators only.
 */
@IntegrationTest
class ApiContractIT {

    private static final String ERRORS = "https://errors.localeconomy.eu/";

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired ApiTokens tokens;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeEach
    void tenant() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        admin = fixtures.person(tenant, Role.TENANT_ADMIN);
    }

    private ApiTokens.Created create(Tenant owner, TestTenants.Person by, Instant expiresAt, ApiScope first, ApiScope... more) {
        return tokens.create(owner.id(), "contract", EnumSet.of(first, more), expiresAt, by.principal().userId(), by.principal());
    }

    private String token(ApiScope first, ApiScope... more) {
        return create(tenant, admin, null, first, more).token();
    }

    private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static ResultActions isProblem(ResultActions result, int status, String type) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ERRORS + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.instance").isNotEmpty())
                .andExpect(jsonPath("$.properties").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))));
    }

    @Test
    void tenantEndpointDescribesTheTokensOwnTenant() throws Exception {
        mvc.perform(bearer(get("/api/v1/tenant"), token(ApiScope.TENANT_READ)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(tenant.id().value().toString()))
                .andExpect(jsonPath("$.slug").value(tenant.slug()))
                .andExpect(jsonPath("$.name").value(tenant.name()))
                .andExpect(jsonPath("$.kind").value("MUNICIPALITY"))
                .andExpect(jsonPath("$.defaultLanguage").value("nl"))
                .andExpect(jsonPath("$.timeZone").value("Europe/Brussels"))
                .andExpect(jsonPath("$.currency").value("EUR"));
    }

    @Test
    void everyKindOfBadCredentialIsA401ProblemWithoutASession() throws Exception {
        String genuine = token(ApiScope.TENANT_READ);
        String unknownPrefix = "lep_zzzzzzzzzz" + genuine.substring(14);
        for (String header : List.of("Bearer ", "Bearer lep_", "Bearer lep_abc", "Bearer " + unknownPrefix,
                "Bearer " + genuine + "x", "Bearer " + "lep_".repeat(100), "Basic dXNlcjpwYXNz", genuine)) {
            var result = mvc.perform(get("/api/v1/tenant").header("Authorization", header));
            isProblem(result, 401, "unauthenticated")
                    .andExpect(jsonPath("$.instance").value("/api/v1/tenant"))
                    .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                    .andExpect(header().doesNotExist("Set-Cookie"));
        }
        // The genuine token works, and answering it leaves no session behind either.
        mvc.perform(bearer(get("/api/v1/tenant"), genuine)).andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"));
    }

    @Test
    void aBrowserSessionDoesNotOpenTheApi() throws Exception {
        var login = mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", admin.email())
                .param("password", TestTenants.PASSWORD).with(csrf())).andReturn().getResponse();
        Cookie session = login.getCookie("LEPSESSION");
        assertThat(session).as("the login opened a session").isNotNull();
        // The same cookie opens the back office …
        mvc.perform(get("/t/" + tenant.slug() + "/office/api-tokens").cookie(session)).andExpect(status().isOk());
        // … but never the API, which would otherwise be open to cross-site requests (it has no CSRF protection).
        isProblem(mvc.perform(get("/api/v1/tenant").cookie(session)), 401, "unauthenticated");
        isProblem(mvc.perform(post("/api/v1/staff/invitations").cookie(session).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"csrf@y.test\", \"role\": \"TENANT_ADMIN\", \"language\": \"nl\"}")), 401, "unauthenticated");
    }

    @Test
    void problemsSpeakTheClientsLanguage() throws Exception {
        mvc.perform(get("/api/v1/tenant").header("Accept-Language", "nl-BE,nl;q=0.9"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.title").value("Authenticatie vereist"));
        mvc.perform(get("/api/v1/tenant").header("Accept-Language", "fr"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.title").value("Authentification requise"));
        mvc.perform(get("/api/v1/tenant").header("Accept-Language", "de"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.title").value("Authentication required"));

        String token = token(ApiScope.STAFF_WRITE, ApiScope.AUDIT_READ);
        String badEmail = "{\"email\": \"not-an-address\", \"role\": \"HELPDESK\", \"language\": \"nl\"}";
        var messages = new java.util.HashMap<String, String>();
        for (String language : List.of("nl", "fr", "en")) {
            String body = mvc.perform(bearer(post("/api/v1/staff/invitations"), token).header("Accept-Language", language)
                            .contentType(MediaType.APPLICATION_JSON).content(badEmail))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value(ERRORS + "validation"))
                    .andExpect(jsonPath("$.errors[0].field").value("email"))
                    .andReturn().getResponse().getContentAsString();
            messages.put(language, body);
        }
        assertThat(messages.get("en")).contains("Enter a valid e-mail address");
        assertThat(messages.get("nl")).doesNotContain("Enter a valid").contains("Ongeldige aanvraag");
        assertThat(messages.get("fr")).doesNotContain("Enter a valid").contains("Requête invalide");
        assertThat(messages.values()).doesNotHaveDuplicates();

        mvc.perform(bearer(get("/api/v1/audit-events"), token).param("page", "x").header("Accept-Language", "nl"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.title").value("Ongeldige parameter"))
                .andExpect(jsonPath("$.detail", containsString("page")));
    }

    @Test
    void wrongMethodIs405AndUnknownRouteIs404() throws Exception {
        String token = token(ApiScope.TENANT_READ, ApiScope.STAFF_WRITE);
        isProblem(mvc.perform(bearer(post("/api/v1/tenant"), token).contentType(MediaType.APPLICATION_JSON).content("{}")),
                405, "method-not-allowed")
                .andExpect(header().string("Allow", containsString("GET")))
                .andExpect(jsonPath("$.detail", containsString("POST")));
        isProblem(mvc.perform(bearer(get("/api/v1/staff/invitations"), token)), 405, "method-not-allowed")
                .andExpect(header().string("Allow", containsString("POST")));
        isProblem(mvc.perform(bearer(delete("/api/v1/tenant"), token)), 405, "method-not-allowed");
        isProblem(mvc.perform(bearer(get("/api/v1/nothing/here"), token)), 404, "not-found")
                .andExpect(jsonPath("$.instance").value("/api/v1/nothing/here"));
        isProblem(mvc.perform(bearer(post("/api/v2/tenant"), token)), 404, "not-found");
    }

    @Test
    void bodiesThatAreNotJsonOrNotTheRightShapeAre4xxProblems() throws Exception {
        String token = token(ApiScope.STAFF_WRITE);
        var invite = bearer(post("/api/v1/staff/invitations"), token);
        isProblem(mvc.perform(invite.contentType(MediaType.APPLICATION_JSON)), 400, "malformed-json");
        isProblem(mvc.perform(bearer(post("/api/v1/staff/invitations"), token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": {\"nested\": true}, \"role\": \"HELPDESK\", \"language\": \"nl\"}")), 400, "invalid-field")
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.detail", containsString("email")));
        isProblem(mvc.perform(bearer(post("/api/v1/staff/invitations"), token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"a@b.test\", \"role\": \"helpdesk\", \"language\": \"nl\"}")), 400, "invalid-field")
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        isProblem(mvc.perform(bearer(post("/api/v1/staff/invitations"), token).contentType(MediaType.APPLICATION_JSON)
                .content("{}")), 400, "validation")
                .andExpect(jsonPath("$.errors[*].field", hasItem("email")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("role")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("language")));
        isProblem(mvc.perform(bearer(post("/api/v1/staff/invitations"), token).contentType(MediaType.TEXT_PLAIN)
                .content("email=a@b.test")), 415, "unsupported-media-type");
        isProblem(mvc.perform(bearer(post("/api/v1/staff/invitations"), token).contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_XML).content("{\"email\": \"a@b.test\", \"role\": \"HELPDESK\", \"language\": \"nl\"}")),
                406, "not-acceptable");
        assertThat(jdbc.sql("select count(*) from account_token where tenant_id = ? and purpose = 'INVITATION'")
                .param(tenant.id().value()).query(Integer.class).single()).as("no bad request invited anyone").isZero();
    }

    @Test
    void anInvitationByApiIsCreatedAuditedAndMailed() throws Exception {
        var created = create(tenant, admin, null, ApiScope.STAFF_WRITE);
        String body = mvc.perform(bearer(post("/api/v1/staff/invitations"), created.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"colleague@y.test\", \"role\": \"READ_ONLY\", \"language\": \"fr\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("colleague@y.test"))
                .andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(com.jayway.jsonpath.JsonPath.read(body, "$.id"));
        isProblem(mvc.perform(bearer(post("/api/v1/staff/invitations"), created.token()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"" + admin.email() + "\", \"role\": \"READ_ONLY\", \"language\": \"fr\"}")),
                409, "email-taken");
        isProblem(mvc.perform(bearer(post("/api/v1/staff/invitations"), created.token()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"cashier@y.test\", \"role\": \"CASHIER\", \"language\": \"fr\"}")),
                400, "staff-role")
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        var invitation = jdbc.sql("select email, role, language, created_by from account_token where id = ? and tenant_id = ?")
                .params(id, tenant.id().value())
                .query((rs, n) -> Map.of("email", rs.getString(1), "role", rs.getString(2), "language", rs.getString(3),
                        "createdBy", String.valueOf(rs.getObject(4)))).single();
        assertThat(invitation).containsEntry("email", "colleague@y.test").containsEntry("role", "READ_ONLY")
                .containsEntry("language", "fr").containsEntry("createdBy", "null");
        assertThat(jdbc.sql("select actor_id from audit_event where tenant_id = ? and action = 'staff.invited' and actor_kind = 'API_TOKEN'")
                .param(tenant.id().value()).query(UUID.class).single()).isEqualTo(created.id());
        assertThat(jdbc.sql("select count(*) from mail_outbox where tenant_id = ? and recipient = 'colleague@y.test' and language = 'fr'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void auditEventsArePagedNewestFirstAndFiltered() throws Exception {
        for (int i = 1; i <= 5; i++) {
            audit.record(Actor.SYSTEM, tenant.id(), i % 2 == 0 ? "contract.even" : "contract.odd", "x", String.valueOf(i), Map.of());
        }
        String token = token(ApiScope.AUDIT_READ);
        String first = mvc.perform(bearer(get("/api/v1/audit-events"), token).param("action", "contract.odd").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(0)).andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.events.length()").value(2))
                .andExpect(jsonPath("$.events[*].action", everyItem(org.hamcrest.Matchers.is("contract.odd"))))
                .andReturn().getResponse().getContentAsString();
        List<String> firstTargets = com.jayway.jsonpath.JsonPath.read(first, "$.events[*].targetId");
        assertThat(firstTargets).containsExactly("5", "3");
        mvc.perform(bearer(get("/api/v1/audit-events"), token).param("action", "contract.odd").param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.events.length()").value(1)).andExpect(jsonPath("$.events[0].targetId").value("1"));

        Instant later = clock.instant().plus(Duration.ofHours(1));
        mvc.perform(bearer(get("/api/v1/audit-events"), token).param("from", later.toString()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.events.length()").value(0));
        mvc.perform(bearer(get("/api/v1/audit-events"), token).param("to", later.toString()).param("action", "contract.even"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.events.length()").value(2));

        for (var bad : List.of(Map.entry("page", "-1"), Map.entry("page", "x"), Map.entry("page", "99999999999"),
                Map.entry("page", "100000000"), Map.entry("size", "0"), Map.entry("size", "201"),
                Map.entry("from", "2024-13-01"), Map.entry("to", "tomorrow"))) {
            mvc.perform(bearer(get("/api/v1/audit-events"), token).param(bad.getKey(), bad.getValue()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value(bad.getKey()));
        }
    }

    @Test
    void lastUseIsRecordedAtMostOnceAMinute() throws Exception {
        var created = create(tenant, admin, null, ApiScope.TENANT_READ);
        assertThat(lastUsed(created.id())).isNull();
        mvc.perform(bearer(get("/api/v1/tenant"), created.token())).andExpect(status().isOk());
        assertThat(lastUsed(created.id())).isNotNull();

        Instant recent = clock.instant().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        setLastUsed(created.id(), recent);
        mvc.perform(bearer(get("/api/v1/tenant"), created.token())).andExpect(status().isOk());
        assertThat(lastUsed(created.id())).as("not rewritten within a minute").isEqualTo(recent);

        Instant old = clock.instant().minus(Duration.ofMinutes(5));
        setLastUsed(created.id(), old);
        mvc.perform(bearer(get("/api/v1/tenant"), created.token())).andExpect(status().isOk());
        assertThat(lastUsed(created.id())).isAfter(old.plus(Duration.ofMinutes(4)));
    }

    @Test
    void thePrincipalIsASerializableActorWithScopeAuthorities() throws Exception {
        var created = create(tenant, admin, null, ApiScope.AUDIT_READ, ApiScope.STAFF_WRITE);
        var client = tokens.authenticate(created.token()).orElseThrow();
        assertThat(client.actorKind()).isEqualTo(Actor.Kind.API_TOKEN);
        assertThat(client.actorId()).isEqualTo(created.id());
        assertThat(client.tenantId()).isEqualTo(tenant.id());
        assertThat(client.scopes()).containsExactlyInAnyOrder(ApiScope.AUDIT_READ, ApiScope.STAFF_WRITE);
        assertThat(ApiScope.AUDIT_READ.authority()).isEqualTo("SCOPE_audit:read");
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(client);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(client);
        }
        // A token expiring in the future still works; its expiry is honoured to the second.
        var expiring = create(tenant, admin, clock.instant().plusSeconds(60), ApiScope.TENANT_READ);
        assertThat(tokens.authenticate(expiring.token())).isPresent();
    }

    @Test
    void theTokenScreenBelongsToTheTenantsAdministrators() throws Exception {
        var other = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        var otherAdmin = fixtures.person(other, Role.TENANT_ADMIN);
        var created = create(tenant, admin, null, ApiScope.TENANT_READ);
        String page = "/t/" + tenant.slug() + "/office/api-tokens";
        String revoke = page + "/" + created.id() + "/revoke";

        for (Role role : List.of(Role.FINANCE, Role.HELPDESK, Role.READ_ONLY)) {
            var colleague = fixtures.person(tenant, role);
            mvc.perform(get(page).with(authentication(colleague.authentication()))).andExpect(status().isForbidden());
            mvc.perform(post(revoke).with(csrf()).with(authentication(colleague.authentication())))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get(page).with(authentication(otherAdmin.authentication())))
                .andExpect(status().is(org.hamcrest.Matchers.oneOf(403, 404)));
        // Another tenant's administrator cannot revoke it through their own tenant's URL either.
        mvc.perform(post("/t/" + other.slug() + "/office/api-tokens/" + created.id() + "/revoke").with(csrf())
                        .with(authentication(otherAdmin.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("alert", "api.tokens.notFound"));
        mvc.perform(bearer(get("/api/v1/tenant"), created.token())).andExpect(status().isOk());
        // A page of this package fails like a page (HTML), not like the API.
        mvc.perform(post(page + "/not-a-uuid/revoke").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().isBadRequest())
                .andExpect(result -> assertThat(String.valueOf(result.getResponse().getContentType())).doesNotContain("json"));
        // Revoking needs the CSRF token.
        mvc.perform(post(revoke).with(authentication(admin.authentication()))).andExpect(status().isForbidden());

        mvc.perform(post(revoke).with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "api.tokens.revoked"));
        isProblem(mvc.perform(bearer(get("/api/v1/tenant"), created.token())), 401, "unauthenticated");
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'api.token.revoked' and actor_id = ?")
                .params(tenant.id().value(), admin.principal().userId().value()).query(Integer.class).single()).isEqualTo(1);
        String details = jdbc.sql("select details::text from audit_event where tenant_id = ? and action = 'api.token.created' and target_id = ?")
                .params(tenant.id().value(), created.id().toString()).query(String.class).single();
        assertThat(details).contains(created.token().substring(4, 14)).doesNotContain(created.token().substring(15));

        String list = mvc.perform(get(page).with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Revoked").doesNotContain(created.token());
    }

    @Test
    void theTokenFormRejectsBadInputInThePersonsLanguage() throws Exception {
        String page = "/t/" + tenant.slug() + "/office/api-tokens";
        String answer = mvc.perform(post(page).with(csrf()).with(authentication(admin.authentication()))
                        .param("name", "x".repeat(101)).param("scopes", "NOT_A_SCOPE").param("expiresOn", "31/12/2099"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("This text is too long.").contains("This value has the wrong format.")
                .doesNotContain("lep_");
        var dutch = fixtures.person(tenant, Role.TENANT_ADMIN);
        var dutchAuth = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                new eu.localeconomy.account.AccountPrincipal(dutch.principal().userId(), tenant.id(), tenant.slug(), "NL",
                        Role.TENANT_ADMIN, eu.localeconomy.shared.Language.NL),
                null, dutch.authentication().getAuthorities());
        String dutchAnswer = mvc.perform(post(page).with(csrf()).with(authentication(dutchAuth)).param("name", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(dutchAnswer).doesNotContain("This field is required.").doesNotContain("Choose at least one scope.");
        assertThat(jdbc.sql("select count(*) from api_token where tenant_id = ?").param(tenant.id().value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theOpenApiDescriptionCoversTheApiOnlyAndSwaggerUiLoads() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.info.title").isNotEmpty())
                .andExpect(jsonPath("$.info.version").value("v1"))
                .andExpect(jsonPath("$.components.securitySchemes.token.type").value("http"))
                .andExpect(jsonPath("$.components.securitySchemes.token.scheme").value("bearer"))
                .andExpect(jsonPath("$.security[0].token").exists())
                .andExpect(jsonPath("$.paths['/api/v1/audit-events'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/staff/invitations'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/staff/invitations'].post.responses['201']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/tenant'].get.responses['401'].content['application/problem+json']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/tenant'].get.responses['200'].content['application/json']").exists())
                .andExpect(jsonPath("$.components.schemas.ProblemDetail.properties.type").exists())
                .andExpect(jsonPath("$.components.schemas.InvitationRequest.properties.role.enum",
                        org.hamcrest.Matchers.containsInAnyOrder("TENANT_ADMIN", "FINANCE", "HELPDESK", "READ_ONLY")));
        String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        Map<String, Object> paths = com.jayway.jsonpath.JsonPath.read(docs, "$.paths");
        assertThat(paths.keySet()).isNotEmpty().allMatch(path -> path.startsWith("/api/v1/"));
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk())
                .andExpect(content().string(containsString("swagger-initializer.js")));
        mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value("/v3/api-docs"));
    }

    private Instant lastUsed(UUID id) {
        return jdbc.sql("select last_used_at from api_token where id = ?").param(id)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).list().getFirst();
    }

    private void setLastUsed(UUID id, Instant when) {
        jdbc.sql("update api_token set last_used_at = ? where id = ?").params(Timestamp.from(when), id).update();
    }
}
