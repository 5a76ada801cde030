package eu.localeconomy.membership.extranet;

import eu.localeconomy.support.SmtpInbox;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Invitations to the extranet over a real SMTP server (GreenMail): invite, follow the mailed link, sign up, find the
 * establishments on the professional's home; an existing professional is linked directly and told by mail.
 */
@IntegrationTest
class InvitationIT {

    static final int SMTP_PORT = SmtpInbox.freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired DirectoryFixtures directory;
    @Autowired Professionals professionals;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person admin;
    String office;

    @BeforeEach
    void setUp() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        admin = tenants.person(tenant, Role.TENANT_ADMIN);
        office = "/t/" + tenant.slug() + "/office/professionals";
    }

    @Test
    void anInvitedProfessionalSignsUpAndActsForEveryEstablishmentOfTheirAddress() throws Exception {
        String email = "owner-" + tenant.slug() + "@falaises.test";
        EstablishmentId hotel = establishment("Hôtel des Falaises", email);
        EstablishmentId campsite = establishment("Camping de la Baie", email.toUpperCase());
        EstablishmentId other = establishment("Gîte du Phare", "phare-" + tenant.slug() + "@phare.test");
        EstablishmentId silent = establishment("Restaurant sans courriel", null);

        mvc.perform(post(office + "/invite").param("establishment", hotel.toString(), campsite.toString(),
                                silent.toString(), "not-a-uuid", UUID.randomUUID().toString())
                        .with(csrf()).with(authentication(admin.authentication())))
                .andExpect(redirectedUrl(office))
                .andExpect(flash().attribute("inviteSummary", Map.of(ProfessionalInvitations.Outcome.INVITED, 2,
                        ProfessionalInvitations.Outcome.NO_EMAIL, 1)));

        // One invitation for the address, in the tenant's language.
        MimeMessage mail = SmtpInbox.awaitMailTo(smtp, email);
        assertThat(mail.getSubject()).isEqualTo("Votre invitation à " + tenant.name());
        assertThat(GreenMailUtil.getBody(mail)).contains("Professionnel");
        assertThat(jdbc.sql("select count(*) from mail_outbox where lower(recipient) = lower(?)").param(email)
                .query(Integer.class).single()).isEqualTo(1);
        String page = mvc.perform(get(office).with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Invited on", "No e-mail address", "Not invited");

        String link = SmtpInbox.linkIn(GreenMailUtil.getBody(mail), "/invitation?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        mvc.perform(post(link.substring(0, link.indexOf('?'))).param("token", token).param("displayName", "Anne Marin")
                        .param("password", "une longue phrase de passe").param("confirmation", "une longue phrase de passe")
                        .with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login?welcome"));
        UserId account = new UserId(jdbc.sql("select id from user_account where tenant_id = ? and lower(email) = lower(?)")
                .params(tenant.id().value(), email).query(UUID.class).single());

        assertThat(professionals.establishmentsOf(tenant.id(), account)).containsExactlyInAnyOrder(hotel, campsite);
        assertThat(professionals.mayActFor(tenant.id(), account, hotel)).isTrue();
        assertThat(professionals.mayActFor(tenant.id(), account, other)).as("another establishment").isFalse();
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = ?")
                .params(tenant.id().value(), "membership.professional.linked").query(Integer.class).single()).isEqualTo(2);

        // They log in and find both establishments at home.
        var login = mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", email)
                        .param("password", "une longue phrase de passe").with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/pro")).andReturn();
        String home = mvc.perform(get("/t/" + tenant.slug() + "/pro").cookie(login.getResponse().getCookie("LEPSESSION")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("Hôtel des Falaises", "Camping de la Baie").doesNotContain("Gîte du Phare");
        assertThat(mvc.perform(get(office).with(authentication(admin.authentication())))
                .andReturn().getResponse().getContentAsString()).contains("Anne Marin", "Account active");
    }

    @Test
    void anExistingProfessionalIsLinkedAtOnceAndToldByMail() throws Exception {
        TestTenants.Person pro = tenants.person(tenant, Role.PROFESSIONAL);
        EstablishmentId first = establishment("Hôtel de la Plage", pro.email());
        professionals.link(tenant.id(), pro.principal().userId(), first, Actor.SYSTEM);
        EstablishmentId second = establishment("Résidence du Port", pro.email());

        mvc.perform(post(office + "/invite").param("establishment", first.toString(), second.toString())
                        .with(csrf()).with(authentication(admin.authentication())))
                .andExpect(flash().attribute("inviteSummary", Map.of(ProfessionalInvitations.Outcome.LINKED, 1,
                        ProfessionalInvitations.Outcome.ALREADY_LINKED, 1)));

        assertThat(professionals.establishmentsOf(tenant.id(), pro.principal().userId()))
                .containsExactlyInAnyOrder(first, second);
        MimeMessage mail = SmtpInbox.awaitMailTo(smtp, pro.email());
        // The account's own language (English for test people).
        assertThat(mail.getSubject()).isEqualTo("A new establishment in your " + tenant.name() + " account");
        // The delivered body is quoted-printable: read the text as the outbox rendered it.
        String body = jdbc.sql("select text_body from mail_outbox where recipient = ? and template = 'membership-establishment-added'")
                .param(pro.email()).query(String.class).single();
        assertThat(body).contains("Résidence du Port", "/t/" + tenant.slug() + "/pro").doesNotContain("Hôtel de la Plage");
        assertThat(jdbc.sql("select count(*) from account_token where tenant_id = ? and lower(email) = lower(?)")
                .params(tenant.id().value(), pro.email()).query(Integer.class).single()).as("no invitation").isZero();
    }

    @Test
    void staffAddressesAreNotInvitedAndOnlyAdministratorsInvite() throws Exception {
        EstablishmentId hotel = establishment("Hôtel du Personnel", admin.email());
        mvc.perform(post(office + "/invite").param("establishment", hotel.toString())
                        .with(csrf()).with(authentication(admin.authentication())))
                .andExpect(flash().attribute("inviteSummary", Map.of(ProfessionalInvitations.Outcome.EMAIL_TAKEN, 1)));
        mvc.perform(post(office + "/invite").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(flash().attribute("alert", "professionals.invite.noneSelected"));
        mvc.perform(post(office + "/invite-segment").param("segment", "garbage").with(csrf())
                        .with(authentication(admin.authentication())))
                .andExpect(flash().attribute("alert", "professionals.invite.noSegment"));

        var readOnly = tenants.person(tenant, Role.READ_ONLY);
        String page = mvc.perform(get(office).with(authentication(readOnly.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Hôtel du Personnel").doesNotContain("type=\"checkbox\"").doesNotContain("/invite\"");
        // The search answers htmx with the results alone.
        String fragment = mvc.perform(get(office).param("q", "personnel").header("HX-Request", "true")
                        .with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).startsWith("<div id=\"professional-results\"").contains("Hôtel du Personnel")
                .doesNotContain("<html");
        mvc.perform(post(office + "/invite").param("establishment", hotel.toString()).with(csrf())
                .with(authentication(readOnly.authentication()))).andExpect(status().isForbidden());
    }

    @Test
    void everyEstablishmentOfASavedSegmentIsInvited() throws Exception {
        EstablishmentId campsite = directory.establishment(tenant.id(), "Camping des Dunes").type(EstablishmentType.CAMPSITE)
                .email("dunes-" + tenant.slug() + "@dunes.test").create();
        directory.establishment(tenant.id(), "Camping du Silence").type(EstablishmentType.CAMPSITE)
                .create();
        establishment("Hôtel hors segment", "hotel-" + tenant.slug() + "@hotel.test");
        SegmentId campsites = directory.segment(tenant.id(), "Campings", DirectoryFixtures.is("type", "CAMPSITE"));

        mvc.perform(post(office + "/invite-segment").param("segment", campsites.toString())
                        .with(csrf()).with(authentication(admin.authentication())))
                .andExpect(flash().attribute("inviteSummary", Map.of(ProfessionalInvitations.Outcome.INVITED, 1,
                        ProfessionalInvitations.Outcome.NO_EMAIL, 1)));
        assertThat(jdbc.sql("select establishment_id from membership_invitation where tenant_id = ?")
                .param(tenant.id().value()).query(UUID.class).list()).containsExactly(campsite.value());
    }

    @Test
    void aMunicipalityHasNoProfessionals() throws Exception {
        Tenant city = tenants.tenant(TenantKind.MUNICIPALITY);
        var cityAdmin = tenants.person(city, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + city.slug() + "/office/professionals").with(authentication(cityAdmin.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/t/" + city.slug() + "/office/professionals/invite").param("establishment", UUID.randomUUID().toString())
                .with(csrf()).with(authentication(cityAdmin.authentication()))).andExpect(status().isNotFound());
    }

    @Test
    void anotherTenantsEstablishmentsAreIgnored() throws Exception {
        Tenant other = tenants.tenant(TenantKind.TOURISM_OFFICE);
        EstablishmentId elsewhere = directory.establishment(other.id(), "Ailleurs").email("x-" + other.slug() + "@x.test")
                .create();
        mvc.perform(post(office + "/invite").param("establishment", elsewhere.toString())
                        .with(csrf()).with(authentication(admin.authentication())))
                .andExpect(flash().attribute("inviteSummary", Map.of()));
        assertThat(jdbc.sql("select count(*) from membership_invitation where establishment_id = ?")
                .param(elsewhere.value()).query(Integer.class).single()).isZero();
    }

    EstablishmentId establishment(String name, String email) {
        return directory.establishment(tenant.id(), name).email(email).city("14000", "Falaise").create();
    }
}
