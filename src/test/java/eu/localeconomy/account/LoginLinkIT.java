package eu.localeconomy.account;

import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Passwordless login for citizens: the same answer whether or not the address has an account, a link that works
 * once within its minutes, and none for staff.
 */
@IntegrationTest
class LoginLinkIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
    }

    MvcResult ask(String email) throws Exception {
        return mvc.perform(post("/t/" + tenant.slug() + "/login/link").param("email", email).with(csrf())).andReturn();
    }

    String link(String email) {
        List<String> bodies = jdbc.sql("select text_body from mail_outbox where recipient = ? and template = 'citizen-login-link' order by created_at desc")
                .param(email).query(String.class).list();
        assertThat(bodies).as("login link mails to " + email).isNotEmpty();
        Matcher m = Pattern.compile("(/t/[a-z0-9-]+/login/link/[A-Za-z0-9_-]+)").matcher(bodies.getFirst());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aCitizenLogsInOnceWithTheLink() throws Exception {
        var citizen = fixtures.person(tenant, Role.CITIZEN);
        var answer = ask(citizen.email());
        var unknown = ask("nobody-" + tenant.slug() + "@nowhere.test");
        assertThat(answer.getModelAndView().getViewName()).isEqualTo(unknown.getModelAndView().getViewName())
                .isEqualTo("account/login-link-sent");
        assertThat(main(answer)).isEqualTo(main(unknown));
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient like 'nobody-%'").query(Integer.class).single()).isZero();

        String link = link(citizen.email());
        // Opening it (as a mail scanner would) does not use it.
        var opened = mvc.perform(get(link)).andReturn();
        assertThat(opened.getModelAndView().getViewName()).isEqualTo("account/login-link-confirm");
        var used = mvc.perform(post(link).with(csrf())).andReturn();
        assertThat(used.getResponse().getRedirectedUrl()).isEqualTo("/t/" + tenant.slug() + "/me");
        Cookie session = used.getResponse().getCookie("LEPSESSION");
        assertThat(session).isNotNull();
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/account").cookie(session)).andReturn().getResponse()
                .getStatus()).isEqualTo(200);

        var again = mvc.perform(post(link).with(csrf())).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(404);
        assertThat(again.getModelAndView().getViewName()).isEqualTo("account/link-invalid");
        assertThat(again.getResponse().getContentAsString()).contains("/t/" + tenant.slug() + "/login/link\"");
    }

    /** The page's main content: the rest carries per-request tokens (CSRF, request id). */
    static String main(MvcResult result) throws Exception {
        String html = result.getResponse().getContentAsString();
        return html.substring(html.indexOf("<main"), html.indexOf("</main>"));
    }

    @Test
    void anExpiredOrReplacedLinkIsRefused() throws Exception {
        var citizen = fixtures.person(tenant, Role.CITIZEN);
        ask(citizen.email());
        String first = link(citizen.email());
        ask(citizen.email());
        String second = link(citizen.email());
        assertThat(mvc.perform(post(first).with(csrf())).andReturn().getResponse().getStatus()).as("replaced").isEqualTo(404);
        jdbc.sql("update account_token set expires_at = now() - interval '1 second' where user_id = ? and purpose = 'LOGIN_LINK'")
                .param(citizen.principal().userId().value()).update();
        assertThat(mvc.perform(get(second)).andReturn().getResponse().getStatus()).as("expired").isEqualTo(404);
        assertThat(mvc.perform(post(second).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void staffGetNoLink() throws Exception {
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        assertThat(ask(admin.email()).getModelAndView().getViewName()).isEqualTo("account/login-link-sent");
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(admin.email())
                .query(Integer.class).single()).isZero();
        assertThat(ask("not an address").getModelAndView().getViewName()).isEqualTo("account/login-link");
    }

    @Test
    void theTenantLoginPageOffersTheLink() throws Exception {
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/login")).andReturn().getResponse().getContentAsString())
                .contains("/t/" + tenant.slug() + "/login/link");
    }

    @Test
    void aTourismProfessionalLogsInWithTheLinkToTheExtranet() throws Exception {
        tenant = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/login")).andReturn().getResponse().getContentAsString())
                .contains("/t/" + tenant.slug() + "/login/link");
        var professional = fixtures.person(tenant, Role.PROFESSIONAL);
        assertThat(ask(professional.email()).getModelAndView().getViewName()).isEqualTo("account/login-link-sent");

        var used = mvc.perform(post(link(professional.email())).with(csrf())).andReturn();
        assertThat(used.getResponse().getRedirectedUrl()).isEqualTo("/t/" + tenant.slug() + "/pro");

        // Office staff of a tourism office still log in with their password.
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        ask(admin.email());
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(admin.email())
                .query(Integer.class).single()).isZero();
    }
}
