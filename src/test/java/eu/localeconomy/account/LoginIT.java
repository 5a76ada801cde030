package eu.localeconomy.account;

import eu.localeconomy.shared.SecretBox;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@IntegrationTest
class LoginIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired SecretBox secretBox;
    @Autowired TotpCodes codes;
    @Autowired Clock clock;

    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
    }

    @Test
    void eachRoleLandsOnItsOwnAreaAfterLogin() throws Exception {
        for (Role role : Role.tenantRoles(TenantKind.MUNICIPALITY)) {
            var person = fixtures.person(tenant, role);
            login(tenant.slug(), person.email(), TestTenants.PASSWORD)
                    .andExpect(redirectedUrl(role.homePath(tenant.slug())));
        }
    }

    @Test
    void wrongPasswordUnknownEmailAndOtherTenantGetTheSameAnswer() throws Exception {
        var person = fixtures.person(tenant, Role.HELPDESK);
        var other = fixtures.tenant(TenantKind.MUNICIPALITY);
        String failure = "/t/" + tenant.slug() + "/login?error";
        login(tenant.slug(), person.email(), "wrong password here").andExpect(redirectedUrl(failure));
        login(tenant.slug(), "nobody@example.test", TestTenants.PASSWORD).andExpect(redirectedUrl(failure));
        login(other.slug(), person.email(), TestTenants.PASSWORD)
                .andExpect(redirectedUrl("/t/" + other.slug() + "/login?error"));
        assertThat(auditCount("login.failed")).isEqualTo(2);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        var person = fixtures.person(tenant, Role.FINANCE);
        for (int i = 0; i < 5; i++) {
            login(tenant.slug(), person.email(), "not the password " + i);
        }
        login(tenant.slug(), person.email(), TestTenants.PASSWORD)
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login?error"));
        var locked = jdbc.sql("select failed_logins, locked_until from user_account where id = ?")
                .param(person.principal().userId().value())
                .query((rs, n) -> new Object[]{rs.getInt(1), rs.getTimestamp(2)}).single();
        assertThat((Integer) locked[0]).isEqualTo(5);
        assertThat(((java.sql.Timestamp) locked[1]).toInstant()).isAfter(clock.instant());
        assertThat(auditCount("account.locked")).isEqualTo(1);
    }

    @Test
    void totpIsAskedAfterThePasswordAndOpensTheAreaOnlyWithAValidCode() throws Exception {
        var person = fixtures.person(tenant, Role.TENANT_ADMIN);
        String secret = codes.newSecret();
        jdbc.sql("update user_account set totp_secret = ?, totp_enabled = true where id = ?")
                .params(secretBox.encrypt(secret), person.principal().userId().value()).update();
        MvcResult first = login(tenant.slug(), person.email(), TestTenants.PASSWORD)
                .andExpect(redirectedUrl("/login/totp")).andReturn();
        // Sessions live in PostgreSQL (Spring Session): the cookie is what carries them between requests.
        Cookie session = first.getResponse().getCookie("LEPSESSION");
        mvc.perform(get("/t/" + tenant.slug() + "/office").cookie(session)).andExpect(status().isForbidden());
        mvc.perform(post("/login/totp").param("code", "000000").cookie(session).with(csrf()))
                .andExpect(status().isOk());
        String code = new dev.samstevens.totp.code.DefaultCodeGenerator()
                .generate(secret, Math.floorDiv(clock.instant().getEpochSecond(), 30));
        MvcResult verified = mvc.perform(post("/login/totp").param("code", code).cookie(session).with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/office")).andReturn();
        Cookie rotated = verified.getResponse().getCookie("LEPSESSION");
        mvc.perform(get("/t/" + tenant.slug() + "/office").cookie(rotated != null ? rotated : session))
                .andExpect(status().isOk());

        // The same code cannot be used a second time (someone who saw it over a shoulder is too late).
        Cookie second = login(tenant.slug(), person.email(), TestTenants.PASSWORD).andReturn().getResponse().getCookie("LEPSESSION");
        mvc.perform(post("/login/totp").param("code", code).cookie(second).with(csrf()))
                .andExpect(status().isOk()).andExpect(view().name("account/totp-login"));
    }

    @Test
    void anonymousVisitorsOfAProtectedPageAreSentToTheirTenantsLogin() throws Exception {
        mvc.perform(get("/t/" + tenant.slug() + "/office/staff"))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login"));
        mvc.perform(get("/admin")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void formsWithoutCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", "x@y.z").param("password", "p"))
                .andExpect(status().isForbidden());
    }

    private org.springframework.test.web.servlet.ResultActions login(String slug, String email, String password) throws Exception {
        return mvc.perform(post("/login").param("tenant", slug).param("email", email).param("password", password).with(csrf()));
    }

    private int auditCount(String action) {
        return jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = ?")
                .params(tenant.id().value(), action).query(Integer.class).single();
    }
}
