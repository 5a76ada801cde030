package eu.localeconomy.savings.portal;

import eu.localeconomy.account.Role;
import eu.localeconomy.savings.ledger.Counter;
import eu.localeconomy.savings.ledger.Ledger;
import eu.localeconomy.savings.ledger.Receipt;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.CitizenFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The citizen portal: the own card only, e-mail change, consent withdrawal, data export and erasure requests. */
@IntegrationTest
class PortalIT {

    static final String AN_NRN = "85073003328";
    static final String BERT_NRN = "87021512307";
    static final String CHLOE_NRN = "90010104576";

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired CitizenFixtures citizens;
    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired MerchantFixtures merchants;

    Tenant tenant;
    Programme programme;
    SavingsFixtures.CardOfHousehold household;
    SavingsFixtures.CardOfHousehold neighbours;

    @BeforeEach
    void programmeWithTwoHouseholds() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
        household = savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300", List.of(
                new SavingsFixtures.Adult("An", "Peeters", AN_NRN, LocalDate.of(1985, 7, 30)),
                new SavingsFixtures.Adult("Bert", "Claes", BERT_NRN, LocalDate.of(1987, 2, 15))));
        neighbours = savings.residentHousehold(tenant, programme, "Kerkstraat", "3", "8300", List.of(
                new SavingsFixtures.Adult("Chloé", "Maes", CHLOE_NRN, LocalDate.of(1990, 1, 1))));
    }

    @Test
    void thePortalShowsTheOwnCardItsRulesAndAnEmptyHistory() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        String page = page(an, "/me");
        assertThat(page).contains(household.number().formatted())
                .contains("Resident").contains("33.33 % of every purchase").contains("150.00")
                .contains("No purchases registered yet")
                .contains("in the earn period")
                .contains(programme.text("title", Language.EN))
                .contains("/me/card.pdf").contains("/me/card/qr").contains("/t/" + tenant.slug() + "/account")
                .contains("Only you")
                .doesNotContain(neighbours.number().formatted());
        // Credit 0 of a cap of 150: the whole cap is still to earn.
        assertThat(page.split("150.00", -1).length - 1).isGreaterThanOrEqualTo(2);
    }

    @Test
    void purchasesScannedAtAShopShowAsCreditRemainingAndHistoryNewestFirst() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        UUID shop = merchants.approvedMerchant(tenant.id(), "Bakkerij Zeezicht");
        Counter counter = new Counter(tenant.id(), shop, null, null);
        ledger.earn(counter, household.cardId(), 30_00, "scan-1");
        Receipt mistake = ledger.earn(counter, household.cardId(), 6_00, "scan-2");
        ledger.reverse(counter, mistake.transactionId(), "scan-3");

        String page = page(an, "/me");
        assertThat(page).contains("10.00").contains("140.00")
                .contains("Credit earned").contains("Cancelled by the shop").contains("Bakkerij Zeezicht")
                .doesNotContain("No purchases registered yet");
        // Newest first: the reversal, then the purchase it cancelled.
        String history = page.substring(page.indexOf("<tbody"));
        assertThat(history.indexOf("Cancelled by the shop")).isLessThan(history.indexOf("Credit earned"));
        assertThat(page).contains("-€2.00");

        String german = mvc.perform(get("/t/" + tenant.slug() + "/me").with(authentication(as(an, Language.DE))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(german).contains("Guthaben gespart").contains("Vom Geschäft storniert").contains("10,00");
        String french = mvc.perform(get("/t/" + tenant.slug() + "/me").with(authentication(as(an, Language.FR))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(french).contains("Crédit épargné").contains("Annulé par le commerçant");
        String dutch = mvc.perform(get("/t/" + tenant.slug() + "/me").with(authentication(as(an, Language.NL))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(dutch).contains("Tegoed gespaard").contains("Geannuleerd door de winkel").contains("140,00");
    }

    @Test
    void otherEnrolledAdultsAppearByFirstNameOnly() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        citizens.enrol(tenant, programme, household, "Bert");
        String page = page(an, "/me");
        assertThat(page).contains("You and Bert").doesNotContain("Claes");
    }

    @Test
    void thePortalSpeaksGermanAndDutch() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        String german = mvc.perform(get("/t/" + tenant.slug() + "/me").with(authentication(as(an, Language.DE))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(german).contains("lang=\"de\"").contains("Einwohner").contains("Noch keine Einkäufe erfasst");
        String dutch = mvc.perform(get("/t/" + tenant.slug() + "/me").with(authentication(as(an, Language.NL))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(dutch).contains("lang=\"nl\"").contains("Inwoner").contains("33,33 % van elke aankoop");
    }

    @Test
    void aCitizenOnlyEverSeesTheirOwnCardAndNeverAnotherTenants() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        var chloe = citizens.enrol(tenant, programme, neighbours, "Chloé");
        assertThat(page(chloe, "/me")).contains(neighbours.number().formatted())
                .doesNotContain(household.number().formatted());
        assertThat(page(an, "/me")).doesNotContain(neighbours.number().formatted());

        var other = tenants.tenant(TenantKind.MUNICIPALITY);
        var otherProgramme = savings.openProgramme(other);
        var otherCard = savings.residentHousehold(other, otherProgramme, "Dorp", "1", "9000", List.of(
                new SavingsFixtures.Adult("Dirk", "Wouters", AN_NRN, LocalDate.of(1985, 7, 30))));
        citizens.enrol(other, otherProgramme, otherCard, "Dirk");
        for (String path : List.of("/me", "/me/data.json", "/me/email", "/me/consent", "/me/erasure")) {
            mvc.perform(get("/t/" + other.slug() + path).with(authentication(an.person().authentication())))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/t/" + other.slug() + "/me/consent").param("confirm", "true").with(csrf())
                .with(authentication(an.person().authentication()))).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from savings_enrolment where tenant_id = ? and status = 'ACTIVE'")
                .param(other.id().value()).query(Integer.class).single()).isEqualTo(1);
        // Staff have their own area, not the portal.
        mvc.perform(get("/t/" + tenant.slug() + "/me")
                        .with(authentication(tenants.person(tenant, Role.HELPDESK).authentication())))
                .andExpect(status().isForbidden());
    }

    @Test
    void aCitizenWithoutCardIsToldSoAndAWithdrawnEnrolmentIsShownClearly() throws Exception {
        var nobody = tenants.person(tenant, Role.CITIZEN);
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/me").with(authentication(nobody.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("No card linked to your account").contains("/t/" + tenant.slug() + "/enrol");

        var an = citizens.enrol(tenant, programme, household, "An");
        jdbc.sql("update savings_enrolment set status = 'WITHDRAWN', consent_withdrawn_at = now() where id = ?")
                .param(an.enrolmentId()).update();
        assertThat(page(an, "/me")).contains("No card linked to your account")
                .contains("Card " + household.number().formatted() + ": you withdrew your consent on");
    }

    @Test
    void theEmailChangesWithTheCurrentPasswordAndTheOldAddressIsTold() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        var taken = tenants.person(tenant, Role.HELPDESK);
        changeEmail(an, "an.new@example.test", "wrong password").andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "password", "portal.email.passwordWrong"));
        changeEmail(an, taken.email().toUpperCase(), TestTenants.PASSWORD).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "email", "portal.email.taken"));
        changeEmail(an, "not an address", TestTenants.PASSWORD).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "email"));
        assertThat(email(an)).isEqualTo(an.person().email());

        changeEmail(an, "an.new@example.test", TestTenants.PASSWORD)
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/me"));
        assertThat(email(an)).isEqualTo("an.new@example.test");
        assertThat(jdbc.sql("select email from savings_enrolment where id = ?").param(an.enrolmentId())
                .query(String.class).single()).isEqualTo("an.new@example.test");
        assertThat(mailsTo(an.person().email(), "citizen-email-changed")).isEqualTo(1);
        assertThat(audit("account.email.changed")).isEqualTo(1);
        assertThat(audit("account.email.change-refused")).isEqualTo(1);
    }

    @Test
    void aPasswordlessCitizenConfirmsTheNewAddressByTheLinkSentToIt() throws Exception {
        var an = citizens.enrolPasswordless(tenant, programme, household, "An");
        assertThat(page(an, "/me/email")).contains("Send the confirmation link").doesNotContain("id=\"password\"");
        changeEmail(an, "an.phone@example.test", null).andExpect(redirectedUrl("/t/" + tenant.slug() + "/me"));
        assertThat(email(an)).isEqualTo(an.person().email());
        String body = jdbc.sql("select text_body from mail_outbox where recipient = ? and template = 'citizen-email-confirm'")
                .param("an.phone@example.test").query(String.class).single();
        var matcher = java.util.regex.Pattern.compile("/me/email/confirm/([A-Za-z0-9_\\-]+)").matcher(body);
        assertThat(matcher.find()).isTrue();
        String token = matcher.group(1);

        // Another citizen cannot use the link, even logged in.
        var bert = citizens.enrol(tenant, programme, household, "Bert");
        confirm(bert, token).andExpect(redirectedUrl("/t/" + tenant.slug() + "/me/email"));
        assertThat(email(bert)).isEqualTo(bert.person().email());

        assertThat(page(an, "/me/email/confirm/" + token)).contains("Confirm my new address");
        assertThat(email(an)).as("opening the link alone changes nothing").isEqualTo(an.person().email());
        confirm(an, token).andExpect(redirectedUrl("/t/" + tenant.slug() + "/me"));
        assertThat(email(an)).isEqualTo("an.phone@example.test");
        assertThat(jdbc.sql("select email from savings_enrolment where id = ?").param(an.enrolmentId())
                .query(String.class).single()).isEqualTo("an.phone@example.test");
        // A link opened before logging in comes back after the login page.
        var anonymous = mvc.perform(get("/t/" + tenant.slug() + "/me/email/confirm/" + token))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login")).andReturn();
        mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", bert.person().email())
                        .param("password", TestTenants.PASSWORD).with(csrf())
                        .cookie(anonymous.getResponse().getCookies()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/me/email/confirm/" + token));
        // Single use.
        confirm(an, token).andExpect(redirectedUrl("/t/" + tenant.slug() + "/me/email"));
        confirm(an, "\u0000").andExpect(redirectedUrl("/t/" + tenant.slug() + "/me/email"));
    }

    @Test
    void withdrawingConsentEndsAccessAndReleasesTheCardOnlyWhenNobodyElseIsEnrolled() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        var bert = citizens.enrol(tenant, programme, household, "Bert");
        assertThat(page(an, "/me/consent")).contains("Withdraw my consent").contains("keep using it");
        mvc.perform(post("/t/" + tenant.slug() + "/me/consent").with(csrf())
                        .with(authentication(an.person().authentication())))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "confirm", "portal.consent.confirmRequired"));
        assertThat(enrolmentStatus(an)).isEqualTo("ACTIVE");

        // An is logged in on two devices; withdrawing on one ends both.
        Cookie phone = login(an);
        Cookie computer = login(an);
        mvc.perform(get("/t/" + tenant.slug() + "/me").cookie(computer)).andExpect(status().isOk());
        mvc.perform(post("/t/" + tenant.slug() + "/me/consent").param("confirm", "true").cookie(phone).with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/"));
        mvc.perform(get("/t/" + tenant.slug() + "/me").cookie(computer))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login"));
        mvc.perform(get("/t/" + tenant.slug() + "/me").cookie(phone))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login"));
        mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", an.person().email())
                .param("password", TestTenants.PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/login?error"));

        assertThat(enrolmentStatus(an)).isEqualTo("WITHDRAWN");
        assertThat(jdbc.sql("select consent_withdrawn_at is not null from savings_enrolment where id = ?")
                .param(an.enrolmentId()).query(Boolean.class).single()).isTrue();
        assertThat(cardStatus(household)).as("Bert still uses the card").isEqualTo("ACTIVE");
        assertThat(audit("enrolment.consent-withdrawn")).isEqualTo(1);
        assertThat(audit("account.disabled")).isEqualTo(1);

        mvc.perform(post("/t/" + tenant.slug() + "/me/consent").param("confirm", "true").param("erasure", "true")
                        .param("reason", "Moving abroad").with(csrf()).with(authentication(bert.person().authentication())))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/"));
        assertThat(cardStatus(household)).as("nobody is enrolled any more").isEqualTo("ISSUED");
        assertThat(jdbc.sql("select reason from savings_erasure_request where user_id = ? and status = 'OPEN'")
                .param(bert.person().principal().userId().value()).query(String.class).single()).isEqualTo("Moving abroad");
    }

    @Test
    void theDataExportHoldsEverythingAboutThePersonAndIsAudited() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        citizens.enrol(tenant, programme, household, "Bert");
        var response = mvc.perform(get("/t/" + tenant.slug() + "/me/data.json")
                        .with(authentication(an.person().authentication())))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn().getResponse();
        String body = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode data = JsonMapper.builder().build().readTree(body);
        assertThat(data.get("account").get("email").asString()).isEqualTo(an.person().email());
        assertThat(data.get("account").get("language").asString()).isEqualTo("en");
        assertThat(data.get("account").get("createdAt").asString()).isNotBlank();
        JsonNode enrolment = data.get("enrolments").get(0);
        assertThat(enrolment.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(enrolment.get("channel").asString()).isEqualTo("CARD");
        assertThat(enrolment.get("privacyNoticeVersion").asInt()).isEqualTo(1);
        assertThat(enrolment.get("consentedAt").asString()).isNotBlank();
        assertThat(enrolment.get("card").get("number").asString()).isEqualTo(household.number().formatted());
        assertThat(enrolment.get("card").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(enrolment.get("household").get("street").asString()).isEqualTo("Zeedijk");
        assertThat(enrolment.get("household").get("postcode").asString()).isEqualTo("8300");
        assertThat(enrolment.get("household").get("category").asString()).isEqualTo("Resident");
        JsonNode member = enrolment.get("householdMember");
        assertThat(member.get("firstName").asString()).isEqualTo("An");
        assertThat(member.get("lastName").asString()).isEqualTo("Peeters");
        assertThat(member.get("birthDate").asString()).isEqualTo("1985-07-30");
        assertThat(member.get("nationalRegisterNumberLastTwoDigits").asString()).isEqualTo("28");
        assertThat(body).doesNotContain(AN_NRN).doesNotContain("Claes").doesNotContain(BERT_NRN);
        assertThat(data.get("auditEvents").valueStream().map(e -> e.get("action").asString()).toList())
                .contains("account.created");
        assertThat(audit("personal-data.exported")).isEqualTo(1);
        assertThat(data.get("enrolments").size()).isEqualTo(1);
    }

    @Test
    void erasureRequestsAreRecordedOnceAndHandledByTheHelpdesk() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        assertThat(page(an, "/me/erasure")).contains("Ask for erasure");
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/t/" + tenant.slug() + "/me/erasure").param("reason", "No longer\u0000 interested")
                            .with(csrf()).with(authentication(an.person().authentication())))
                    .andExpect(redirectedUrl("/t/" + tenant.slug() + "/me/erasure"));
        }
        assertThat(jdbc.sql("select count(*) from savings_erasure_request where tenant_id = ?")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(1);
        assertThat(audit("erasure.requested")).isEqualTo(1);
        assertThat(page(an, "/me/erasure")).contains("being handled").doesNotContain("Send my request");
        var id = jdbc.sql("select id from savings_erasure_request where tenant_id = ?").param(tenant.id().value())
                .query(java.util.UUID.class).single();

        var helpdesk = tenants.person(tenant, Role.HELPDESK);
        String list = mvc.perform(get("/t/" + tenant.slug() + "/office/erasure-requests")
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains(an.person().email()).contains(household.number().formatted())
                .contains("No longer interested");
        assertThat(audit("erasure-requests.viewed")).isEqualTo(1);
        for (Role refused : List.of(Role.FINANCE, Role.READ_ONLY, Role.CITIZEN)) {
            mvc.perform(get("/t/" + tenant.slug() + "/office/erasure-requests")
                    .with(authentication(tenants.person(tenant, refused).authentication()))).andExpect(status().isForbidden());
        }

        // A refusal needs a note; another tenant's administrator cannot decide this request.
        decide(helpdesk, tenant, id, "REFUSED", " ");
        var otherTenant = tenants.tenant(TenantKind.MUNICIPALITY);
        decide(tenants.person(otherTenant, Role.TENANT_ADMIN), otherTenant, id, "DONE", "done");
        assertThat(erasureStatus(id)).isEqualTo("OPEN");

        decide(helpdesk, tenant, id, "DONE", "Account and enrolment data erased");
        assertThat(erasureStatus(id)).isEqualTo("DONE");
        assertThat(audit("erasure.done")).isEqualTo(1);
        decide(helpdesk, tenant, id, "REFUSED", "too late");
        assertThat(erasureStatus(id)).as("a handled request stays handled").isEqualTo("DONE");
        assertThat(page(an, "/me/erasure")).contains("Done").contains("Account and enrolment data erased")
                .contains("Send my request");
        mvc.perform(get("/t/" + tenant.slug() + "/office/erasure-requests").param("status", "DONE").param("page", "x")
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk());
    }

    @Test
    void thePortalAnswersEmptyOrGarbledInputWithoutServerErrors() throws Exception {
        var an = citizens.enrol(tenant, programme, household, "An");
        var garbled = java.util.Map.of("email", "x\u0000@example.test", "password", "\u0000", "token", "\u0000",
                "confirm", "maybe", "erasure", "x", "reason", "\u0000".repeat(3), "page", "-1", "status", "x");
        List<String> failures = new java.util.ArrayList<>();
        for (String path : List.of("/me", "/me/email", "/me/email/confirm", "/me/email/confirm/x", "/me/consent", "/me/erasure", "/me/data.json")) {
            for (var method : List.of(org.springframework.http.HttpMethod.GET, org.springframework.http.HttpMethod.POST)) {
                for (var params : List.of(java.util.Map.<String, String>of(), garbled)) {
                    var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .request(method, "/t/" + tenant.slug() + path).with(csrf())
                            .with(authentication(an.person().authentication()));
                    params.forEach(request::param);
                    int status = mvc.perform(request).andReturn().getResponse().getStatus();
                    if (status >= 500) {
                        failures.add(method + " " + path + " " + params.keySet() + " -> " + status);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(email(an)).isEqualTo(an.person().email());
    }

    private void decide(TestTenants.Person staff, Tenant where, java.util.UUID id, String decision, String note)
            throws Exception {
        mvc.perform(post("/t/" + where.slug() + "/office/erasure-requests/" + id + "/decision")
                        .param("decision", decision).param("note", note).with(csrf())
                        .with(authentication(staff.authentication())))
                .andExpect(redirectedUrl("/t/" + where.slug() + "/office/erasure-requests"));
    }

    private String page(CitizenFixtures.Citizen citizen, String path) throws Exception {
        return mvc.perform(get("/t/" + tenant.slug() + path).with(authentication(citizen.person().authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private org.springframework.security.core.Authentication as(CitizenFixtures.Citizen citizen, Language language) {
        var principal = citizen.person().principal().withLanguage(language);
        return new TestTenants.Person(tenant, citizen.person().email(), principal).authentication();
    }

    private ResultActions changeEmail(CitizenFixtures.Citizen citizen, String email, String password) throws Exception {
        var request = post("/t/" + tenant.slug() + "/me/email").param("email", email).with(csrf())
                .with(authentication(citizen.person().authentication()));
        if (password != null) {
            request.param("password", password);
        }
        return mvc.perform(request);
    }

    private ResultActions confirm(CitizenFixtures.Citizen citizen, String token) throws Exception {
        return mvc.perform(post("/t/" + tenant.slug() + "/me/email/confirm").param("token", token).with(csrf())
                .with(authentication(citizen.person().authentication())));
    }

    private Cookie login(CitizenFixtures.Citizen citizen) throws Exception {
        return mvc.perform(post("/login").param("tenant", tenant.slug()).param("email", citizen.person().email())
                        .param("password", TestTenants.PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/me"))
                .andReturn().getResponse().getCookie("LEPSESSION");
    }

    private String email(CitizenFixtures.Citizen citizen) {
        return jdbc.sql("select email from user_account where id = ?").param(citizen.person().principal().userId().value())
                .query(String.class).single();
    }

    private String enrolmentStatus(CitizenFixtures.Citizen citizen) {
        return jdbc.sql("select status from savings_enrolment where id = ?").param(citizen.enrolmentId())
                .query(String.class).single();
    }

    private String cardStatus(SavingsFixtures.CardOfHousehold card) {
        return jdbc.sql("select status from savings_card where id = ?").param(card.cardId()).query(String.class).single();
    }

    private String erasureStatus(java.util.UUID id) {
        return jdbc.sql("select status from savings_erasure_request where id = ?").param(id).query(String.class).single();
    }

    private int mailsTo(String recipient, String template) {
        return jdbc.sql("select count(*) from mail_outbox where recipient = ? and template = ?")
                .params(recipient, template).query(Integer.class).single();
    }

    private int audit(String action) {
        return jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = ?")
                .params(tenant.id().value(), action).query(Integer.class).single();
    }
}
