package eu.localeconomy.api;

import eu.localeconomy.account.Role;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.SecureTokens;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@IntegrationTest
class ApiIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired ApiTokens tokens;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeEach
    void tenant() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        admin = fixtures.person(tenant, Role.TENANT_ADMIN);
    }

    String token(ApiScope... scopes) {
        return tokens.create(tenant.id(), "test", EnumSet.of(scopes[0], scopes), null, admin.principal().userId(),
                admin.principal()).token();
    }

    @Test
    void tokenIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        String page = mvc.perform(post("/t/" + tenant.slug() + "/office/api-tokens").with(csrf())
                        .with(authentication(admin.authentication()))
                        .param("name", "Cash register").param("scopes", "TENANT_READ", "AUDIT_READ"))
                .andExpect(view().name("api/token-created")).andReturn().getResponse().getContentAsString();
        var matcher = java.util.regex.Pattern.compile("lep_[a-z0-9]{10}_[A-Za-z0-9_-]{43}").matcher(page);
        assertThat(matcher.find()).isTrue();
        String token = matcher.group();
        var stored = jdbc.sql("select token_hash, scopes from api_token where tenant_id = ?").param(tenant.id().value())
                .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).single();
        assertThat(stored).isEqualTo(SecureTokens.digest(token) + "|audit:read tenant:read");
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/office/api-tokens").with(authentication(admin.authentication())))
                .andReturn().getResponse().getContentAsString()).doesNotContain(token).contains(token.substring(0, 14));

        mvc.perform(get("/api/v1/tenant").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.slug").value(tenant.slug()))
                .andExpect(jsonPath("$.currency").value("EUR"));
    }

    @Test
    void tokenFormExplainsBadInput() throws Exception {
        String page = mvc.perform(post("/t/" + tenant.slug() + "/office/api-tokens").with(csrf())
                        .with(authentication(admin.authentication()))
                        .param("name", "").param("expiresOn", "2001-01-01"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // The administrator's own language (English) wins over the browser's.
        assertThat(page).contains("This field is required.").contains("Choose at least one scope.")
                .contains("The date must be in the future.");
    }

    @Test
    void missingRevokedExpiredOrForgedTokensAre401Problems() throws Exception {
        mvc.perform(get("/api/v1/tenant")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
        String token = token(ApiScope.TENANT_READ);
        mvc.perform(get("/api/v1/tenant").header("Authorization", "Bearer " + token.substring(0, token.length() - 2) + "xx"))
                .andExpect(status().isUnauthorized());
        var id = jdbc.sql("select id from api_token where tenant_id = ?").param(tenant.id().value()).query(java.util.UUID.class).single();
        tokens.revoke(tenant.id(), id, admin.principal());
        mvc.perform(get("/api/v1/tenant").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());

        String expiring = tokens.create(tenant.id(), "old", EnumSet.of(ApiScope.TENANT_READ), Instant.now().minusSeconds(1),
                admin.principal().userId(), admin.principal()).token();
        mvc.perform(get("/api/v1/tenant").header("Authorization", "Bearer " + expiring)).andExpect(status().isUnauthorized());
    }

    @Test
    void missingScopeIsA403Problem() throws Exception {
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token(ApiScope.TENANT_READ)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/forbidden"));
    }

    @Test
    void aTokenSeesOnlyItsOwnTenantsAuditTrail() throws Exception {
        var other = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        audit.record(Actor.SYSTEM, other.id(), "secret.other.tenant", "x", "1", Map.of());
        audit.record(Actor.SYSTEM, tenant.id(), "visible.own.tenant", "x", "2", Map.of());
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token(ApiScope.AUDIT_READ)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events[*].action", hasItem("visible.own.tenant")))
                .andExpect(jsonPath("$.events[*].action", not(hasItem("secret.other.tenant"))));
        mvc.perform(get("/api/v1/audit-events").param("size", "500").header("Authorization", "Bearer " + token(ApiScope.AUDIT_READ)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/v1/audit-events").param("from", "yesterday").header("Authorization", "Bearer " + token(ApiScope.AUDIT_READ)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void invitationsByApiAreValidatedFieldByField() throws Exception {
        String token = token(ApiScope.STAFF_WRITE);
        mvc.perform(post("/api/v1/staff/invitations").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"x@y.test\", \"role\": \"HELPDESK\", "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/malformed-json"));
        mvc.perform(post("/api/v1/staff/invitations").header("Authorization", "Bearer " + token).header("Accept-Language", "fr")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"x@y.test\", \"role\": \"KING\", \"language\": \"nl\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("role"))
                .andExpect(jsonPath("$.title").value("Valeur invalide"));
        mvc.perform(post("/api/v1/staff/invitations").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"not-an-address\", \"role\": \"HELPDESK\", \"language\": \"de\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("email")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("language")));
        mvc.perform(post("/api/v1/staff/invitations").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"c@y.test\", \"role\": \"CITIZEN\", \"language\": \"nl\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/staff-role"));
        mvc.perform(post("/api/v1/staff/invitations").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"new@y.test\", \"role\": \"FINANCE\", \"language\": \"fr\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.role").value("FINANCE"));
        mvc.perform(post("/api/v1/staff/invitations").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"" + admin.email() + "\", \"role\": \"FINANCE\", \"language\": \"fr\"}"))
                .andExpect(status().isConflict());
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'staff.invited' and actor_kind = 'API_TOKEN'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void unknownApiRoutesAndTheOpenApiDescription() throws Exception {
        mvc.perform(get("/api/v1/nothing").header("Authorization", "Bearer " + token(ApiScope.TENANT_READ)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/not-found"));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/tenant']").exists())
                .andExpect(jsonPath("$.components.securitySchemes.token.scheme").value("bearer"));
    }
}
