package eu.localeconomy.account;

import eu.localeconomy.support.SmtpInbox;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * E-mailed links end to end over a real SMTP server (GreenMail): password reset and staff invitation, each usable
 * once, in the recipient's language, and refused with a clear page when used again.
 */
@IntegrationTest
class MailedLinksIT {

    static final int SMTP_PORT = SmtpInbox.freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired Tenants tenants;
    @Autowired JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = fixtures.tenant(TenantKind.TOURISM_OFFICE);
    }

    @Test
    void passwordResetLinkWorksOnceAndInTheRecipientsLanguage() throws Exception {
        var person = fixtures.person(tenant, Role.PROFESSIONAL);
        jdbc.sql("update user_account set language = 'fr' where id = ?").param(person.principal().userId().value()).update();

        mvc.perform(post("/t/" + tenant.slug() + "/password/forgot").param("email", person.email()).with(csrf()))
                .andExpect(view().name("account/password-forgot-sent"));
        MimeMessage mail = SmtpInbox.awaitMailTo(smtp, person.email());
        assertThat(mail.getSubject()).isEqualTo("Choisissez un nouveau mot de passe");
        String link = SmtpInbox.linkIn(GreenMailUtil.getBody(mail), "/password/reset?token=");

        mvc.perform(get(link)).andExpect(view().name("account/password-reset"));
        String reset = link.substring(0, link.indexOf('?'));
        String token = link.substring(link.indexOf("token=") + 6);
        mvc.perform(post(reset).param("token", token).param("password", "short").param("confirmation", "short").with(csrf()))
                .andExpect(view().name("account/password-reset"));
        mvc.perform(post(reset).param("token", token).param("password", "a brand new passphrase")
                        .param("confirmation", "a brand new passphrase").with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login?reset"));
        mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", person.email())
                        .param("password", "a brand new passphrase").with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/pro"));

        mvc.perform(get(link)).andExpect(view().name("account/link-invalid"));
        mvc.perform(post(reset).param("token", token).param("password", "another passphrase!")
                .param("confirmation", "another passphrase!").with(csrf())).andExpect(view().name("account/link-invalid"));
    }

    @Test
    void forgotPasswordAnswersTheSameForUnknownAddressesAndSendsNothing() throws Exception {
        mvc.perform(post("/t/" + tenant.slug() + "/password/forgot").param("email", "nobody@nowhere.test").with(csrf()))
                .andExpect(view().name("account/password-forgot-sent"));
        Thread.sleep(1000);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).flatMap(m -> {
            try {
                return Arrays.stream(m.getAllRecipients());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).map(Object::toString)).doesNotContain("nobody@nowhere.test");
        mvc.perform(post("/t/" + tenant.slug() + "/password/forgot").param("email", "not an address").with(csrf()))
                .andExpect(view().name("account/password-forgot"));
    }

    @Test
    void expiredResetLinkIsRefusedWithAWayToAskAgain() throws Exception {
        var person = fixtures.person(tenant, Role.HELPDESK);
        mvc.perform(post("/t/" + tenant.slug() + "/password/forgot").param("email", person.email()).with(csrf()));
        String link = SmtpInbox.linkIn(GreenMailUtil.getBody(SmtpInbox.awaitMailTo(smtp, person.email())), "/password/reset?token=");
        jdbc.sql("update account_token set expires_at = now() - interval '1 minute' where user_id = ?")
                .param(person.principal().userId().value()).update();
        String page = mvc.perform(get(link)).andExpect(view().name("account/link-invalid"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("/t/" + tenant.slug() + "/password/forgot");
    }

    @Test
    void invitedColleagueCreatesTheAccountOnceAndLogsIn() throws Exception {
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        String email = "new.colleague@" + tenant.slug() + ".test";
        mvc.perform(post("/t/" + tenant.slug() + "/office/staff/invitations").param("email", email)
                        .param("role", "FINANCE").param("language", "NL").with(csrf())
                        .with(authentication(admin.authentication())))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/office/staff"));
        MimeMessage mail = SmtpInbox.awaitMailTo(smtp, email);
        assertThat(mail.getSubject()).isEqualTo("Uw uitnodiging voor " + tenant.name());
        String link = SmtpInbox.linkIn(GreenMailUtil.getBody(mail), "/invitation?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        String path = link.substring(0, link.indexOf('?'));

        mvc.perform(get(link)).andExpect(view().name("account/invitation"));
        mvc.perform(post(path).param("token", token).param("displayName", "Nieuwe Collega")
                        .param("password", "een lange zin als wachtwoord").param("confirmation", "een lange zin als wachtwoord").with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login?welcome"));
        mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", email)
                        .param("password", "een lange zin als wachtwoord").with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/office"));
        mvc.perform(get(link)).andExpect(view().name("account/link-invalid"));

        // A second invitation to an address that already has an account is refused on the form.
        mvc.perform(post("/t/" + tenant.slug() + "/office/staff/invitations").param("email", email)
                        .param("role", "HELPDESK").param("language", "EN").with(csrf())
                        .with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andExpect(view().name("account/staff"));
    }

    @Test
    void newTenantsFirstAdministratorIsInvited() throws Exception {
        String slug = "fresh-" + System.nanoTime() % 100000;
        tenants.create(new Tenants.NewTenant(slug, "Fresh Town", TenantKind.MUNICIPALITY, Language.EN,
                "Europe/Brussels", "#123456", new Tenant.LegalIdentity(null, null, null, null, "BE", null, null),
                "first.admin@" + slug + ".test"));
        MimeMessage mail = SmtpInbox.awaitMailTo(smtp, "first.admin@" + slug + ".test");
        assertThat(mail.getSubject()).isEqualTo("Your invitation to Fresh Town");
        assertThat(GreenMailUtil.getBody(mail)).contains("/t/" + slug + "/invitation?token=");
    }
}
