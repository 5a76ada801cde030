package eu.localeconomy.savings.enrolment;

import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.card.CardTokens;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.savings.programme.Rounding;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.SavingsFixtures.Adult;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The enrolment website end to end on MockMvc: identification by card and identifier, every refusal, guessing
 * protection, the e-mail step with consent, the verification link, the account and the activated card.
 */
@IntegrationTest
class EnrolmentIT {

    static final String PASSWORD = "a long enough passphrase";

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired Programmes programmes;
    @Autowired CardTokens cardTokens;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    Tenant tenant;
    Programme programme;

    @BeforeEach
    void programme() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
    }

    /** A valid Belgian national register number of someone born in the 1900s. */
    static String nrn(String birth, int sequence) {
        String base = birth + String.format("%03d", sequence);
        return base + String.format("%02d", 97 - Long.parseLong(base) % 97);
    }

    SavingsFixtures.CardOfHousehold resident(String... nrns) {
        var adults = java.util.Arrays.stream(nrns).map(n -> new Adult("An", "Peeters-" + n.substring(9), n,
                LocalDate.of(1900 + Integer.parseInt(n.substring(0, 2)), Integer.parseInt(n.substring(2, 4)),
                        Integer.parseInt(n.substring(4, 6))))).toList();
        return savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300", adults);
    }

    MvcResult identify(CitizenSession citizen, String cardNumber, String identifier) throws Exception {
        return citizen.perform(post("/t/" + tenant.slug() + "/enrol").param("cardNumber", cardNumber)
                .param("identifier", identifier));
    }

    MvcResult giveEmail(CitizenSession citizen, String email) throws Exception {
        return citizen.perform(post("/t/" + tenant.slug() + "/enrol/details").param("email", email)
                .param("language", "fr").param("consent", "true"));
    }

    String verificationToken(String email) {
        String body = jdbc.sql("select text_body from mail_outbox where recipient = ? order by created_at desc limit 1")
                .param(email).query(String.class).single();
        Matcher m = Pattern.compile("/enrol/verify\\?token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(m.find()).as("verification link in the mail").isTrue();
        return m.group(1);
    }

    static String view(MvcResult result) {
        return result.getModelAndView() == null ? null : result.getModelAndView().getViewName();
    }

    static Object model(MvcResult result, String name) {
        return result.getModelAndView().getModel().get(name);
    }

    /** Identification, e-mail with consent, verification with a password: the full happy path. */
    MvcResult enrol(CitizenSession citizen, CardNumber number, String identifier, String email, String mode) throws Exception {
        assertThat(identify(citizen, number.formatted(), identifier).getResponse().getRedirectedUrl())
                .isEqualTo("/t/" + tenant.slug() + "/enrol/details");
        assertThat(view(giveEmail(citizen, email))).isEqualTo("savings/citizen/enrol-sent");
        String token = verificationToken(email);
        var verify = citizen.perform(get("/t/" + tenant.slug() + "/enrol/verify").param("token", token));
        assertThat(view(verify)).isEqualTo("savings/citizen/enrol-verify");
        return citizen.perform(post("/t/" + tenant.slug() + "/enrol/verify").param("token", token).param("mode", mode)
                .param("password", "link".equals(mode) ? "" : PASSWORD)
                .param("confirmation", "link".equals(mode) ? "" : PASSWORD));
    }

    @Test
    void aResidentEnrolsWithCardAndNationalRegisterNumberAndIsLoggedIn() throws Exception {
        String nrn = nrn("850730", 33);
        var card = resident(nrn);
        var citizen = new CitizenSession(mvc);

        var form = citizen.perform(get("/t/" + tenant.slug() + "/enrol"));
        assertThat(form.getResponse().getContentAsString()).contains("Save and enjoy").contains("name=\"cardNumber\"");

        // Typed with dots and dashes, in lower case: shapes do not matter.
        var result = enrol(citizen, card.number(), nrn.substring(0, 2) + "." + nrn.substring(2, 4) + "." + nrn.substring(4, 6)
                + "-" + nrn.substring(6, 9) + "." + nrn.substring(9), "an.peeters@example.test", "password");
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/t/" + tenant.slug() + "/me");

        var row = jdbc.sql("""
                        select e.status, e.privacy_notice_version, e.consented_at is not null, e.email_verified_at is not null,
                               c.status, c.activated_at is not null, u.role, u.password_hash is not null, u.language, e.channel
                        from savings_enrolment e join savings_card c on c.id = e.card_id join user_account u on u.id = e.user_id
                        where e.card_id = ?""")
                .param(card.cardId()).query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getBoolean(8),
                        rs.getString(9), rs.getString(10))).single();
        assertThat(row).containsExactly("ACTIVE", 1, true, true, "ACTIVE", true, "CITIZEN", true, "fr", "CARD");

        // The session is the citizen's: the logged-in layout shows the logout form (whatever /me shows).
        var me = citizen.perform(get("/t/" + tenant.slug() + "/enrol"));
        assertThat(me.getResponse().getContentAsString()).contains("action=\"/logout\"");
        // The password chosen works on the login form.
        var login = new CitizenSession(mvc).perform(post("/login").param("tenant", tenant.slug())
                .param("email", "an.peeters@example.test").param("password", PASSWORD));
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/t/" + tenant.slug() + "/me");

        // Nothing personal in the audit trail of the enrolment.
        String audit = jdbc.sql("select string_agg(action || ' ' || details::text, '|') from audit_event where tenant_id = ?")
                .param(tenant.id().value()).query(String.class).single();
        assertThat(audit).contains("enrolment.identified", "enrolment.started", "enrolment.activated")
                .doesNotContain(nrn).doesNotContain("an.peeters@example.test");
    }

    @Test
    void everyAdultOfTheHouseholdMayEnrolOnTheSameCard() throws Exception {
        String first = nrn("700101", 11);
        String second = nrn("720202", 12);
        var card = resident(first, second);
        enrol(new CitizenSession(mvc), card.number(), first, "first@example.test", "password");
        var result = enrol(new CitizenSession(mvc), card.number(), second, "second@example.test", "link");
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/t/" + tenant.slug() + "/me");
        assertThat(jdbc.sql("select count(*) from savings_enrolment where card_id = ? and status = 'ACTIVE'")
                .param(card.cardId()).query(Integer.class).single()).isEqualTo(2);
        // Passwordless: the account has no password at all.
        assertThat(jdbc.sql("select password_hash is null from user_account where email = 'second@example.test'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aSecondHomeOwnerEnrolsWithTheTaxAssessmentNumber() throws Exception {
        var card = savings.secondHome(tenant, programme, "Jean Dupont", "123-4567890-12", "Lippenslaan", "5", "8300");
        var result = enrol(new CitizenSession(mvc), card.number(), "123 4567890 12", "jean.dupont@example.test", "password");
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/t/" + tenant.slug() + "/me");
        // The same card with a national register number does not match.
        var other = new CitizenSession(mvc);
        assertThat(model(identify(other, card.number().value(), nrn("850730", 33)), "alert")).isEqualTo("enrol.mismatch");
    }

    @Test
    void aWrongCardAndAWrongIdentifierGetTheSameNeutralAnswer() throws Exception {
        var card = resident(nrn("850730", 33));
        var unknownCard = identify(new CitizenSession(mvc), CardNumber.random().formatted(), nrn("850730", 33));
        var wrongPerson = identify(new CitizenSession(mvc), card.number().formatted(), nrn("900101", 45));

        assertThat(view(unknownCard)).isEqualTo(view(wrongPerson)).isEqualTo("savings/citizen/enrol");
        assertThat(model(unknownCard, "alert")).isEqualTo(model(wrongPerson, "alert")).isEqualTo("enrol.mismatch");
        assertThat(unknownCard.getResponse().getStatus()).isEqualTo(wrongPerson.getResponse().getStatus()).isEqualTo(200);
        String message = "We could not match this card number and identifier";
        assertThat(unknownCard.getResponse().getContentAsString()).contains(message);
        assertThat(wrongPerson.getResponse().getContentAsString()).contains(message);
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'enrolment.mismatch'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void inputShapesAreFieldErrorsThatRevealNothingAboutCards() throws Exception {
        var citizen = new CitizenSession(mvc);
        var result = identify(citizen, "K7Q-M4X-PAA", "85.07.30-033.29");
        assertThat(view(result)).isEqualTo("savings/citizen/enrol");
        var errors = result.getModelAndView().getModel().get("org.springframework.validation.BindingResult.form");
        assertThat(errors.toString()).contains("enrol.error.nrn");
        assertThat(result.getResponse().getContentAsString())
                .contains("Check the number: this is not a valid national register number.");
        var empty = identify(citizen, "", "");
        assertThat(empty.getResponse().getContentAsString()).contains("This field is required.");
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'enrolment.mismatch'")
                .param(tenant.id().value()).query(Integer.class).single()).isZero();
    }

    @Test
    void fiveMismatchesLockTheCardEvenForTheRightPerson() throws Exception {
        String nrn = nrn("850730", 33);
        var card = resident(nrn);
        for (int i = 1; i <= 5; i++) {
            var result = identify(new CitizenSession(mvc), card.number().value(), nrn("600101", i));
            assertThat(model(result, "alert")).as("attempt %d", i).isEqualTo("enrol.mismatch");
        }
        Instant lockedUntil = jdbc.sql("select locked_until from savings_card where id = ?").param(card.cardId())
                .query(Instant.class).single();
        assertThat(lockedUntil).isAfter(Instant.now().plusSeconds(29 * 60)).isBefore(Instant.now().plusSeconds(31 * 60));

        var rightPerson = identify(new CitizenSession(mvc), card.number().value(), nrn);
        assertThat(rightPerson.getResponse().getStatus()).isEqualTo(429);
        assertThat(model(rightPerson, "alert")).isEqualTo("enrol.tooManyAttempts");
        assertThat(rightPerson.getResponse().getContentAsString()).contains("Too many attempts. Try again later.");
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'enrolment.card-locked' and target_id = ?")
                .params(tenant.id().value(), card.cardId().toString()).query(Integer.class).single()).isEqualTo(1);

        // Once the lock has passed, the right person gets through.
        jdbc.sql("update savings_card set locked_until = now() - interval '1 minute' where id = ?").param(card.cardId()).update();
        assertThat(identify(new CitizenSession(mvc), card.number().value(), nrn).getResponse().getRedirectedUrl())
                .endsWith("/enrol/details");
    }

    @Test
    void oneAddressIsLimitedInItsAttempts() throws Exception {
        var citizen = new CitizenSession(mvc, "10.99.0." + (1 + (int) (Math.random() * 250)));
        int refused = 0;
        for (int i = 0; i < 21; i++) {
            var result = identify(citizen, CardNumber.random().value(), nrn("850730", 33));
            if (result.getResponse().getStatus() == 429) {
                refused++;
            }
        }
        assertThat(refused).as("the 21st attempt of one address within the window").isEqualTo(1);
        // Another address is not affected.
        assertThat(identify(new CitizenSession(mvc), CardNumber.random().value(), nrn("850730", 33)).getResponse()
                .getStatus()).isEqualTo(200);
    }

    @Test
    void theSamePersonAgainIsToldTheCardIsAlreadyActivated() throws Exception {
        String nrn = nrn("850730", 33);
        var card = resident(nrn);
        enrol(new CitizenSession(mvc), card.number(), nrn, "an@example.test", "password");
        var again = identify(new CitizenSession(mvc), card.number().value(), nrn);
        assertThat(view(again)).isEqualTo("savings/citizen/enrol-outcome");
        assertThat(model(again, "outcome")).isEqualTo("already");
        assertThat(again.getResponse().getContentAsString()).contains("/t/" + tenant.slug() + "/login");
    }

    @Test
    void aBlockedCardAnExcludedHouseholdAndAClosedEnrolmentHaveTheirOwnMessages() throws Exception {
        String nrn = nrn("850730", 33);
        var blocked = resident(nrn);
        jdbc.sql("update savings_card set status = 'BLOCKED' where id = ?").param(blocked.cardId()).update();
        var result = identify(new CitizenSession(mvc), blocked.number().value(), nrn);
        assertThat(model(result, "outcome")).isEqualTo("blocked");
        assertThat(result.getResponse().getContentAsString()).contains("This card has been blocked.");

        String other = nrn("710505", 21);
        var excluded = resident(other);
        jdbc.sql("update savings_household set status = 'EXCLUDED' where id = ?").param(excluded.householdId()).update();
        result = identify(new CitizenSession(mvc), excluded.number().value(), other);
        assertThat(model(result, "outcome")).isEqualTo("excluded");

        // A programme whose enrolment window ended yesterday.
        var closedTenant = tenants.tenant(TenantKind.MUNICIPALITY);
        LocalDate today = LocalDate.now(clock.withZone(closedTenant.zone()));
        var closed = programmes.create(closedTenant.id(), new Programmes.Draft("closed", "Closed", Map.of(),
                Rounding.HALF_UP, ResidentIdentifier.NATIONAL_REGISTER_NUMBER, today.minusDays(60), today.minusDays(1),
                today.minusDays(10), today.plusDays(20), today.plusDays(30), today.plusDays(40), today.plusDays(90),
                List.of(new Programmes.CategoryDraft("RESIDENT", Map.of("en", "Resident"), Register.POPULATION,
                        new Rate(1, 3), 150_00))));
        var card = savings.residentHousehold(closedTenant, closed, "Markt", "1", "8300",
                List.of(new Adult("Jan", "Claes", nrn, LocalDate.of(1985, 7, 30))));
        var page = mvc.perform(get("/t/" + closedTenant.slug() + "/enrol").header("Accept-Language", "en")).andReturn();
        assertThat(page.getResponse().getContentAsString()).contains("Enrolment is open from")
                .doesNotContain("name=\"cardNumber\"");
        result = new CitizenSession(mvc).perform(post("/t/" + closedTenant.slug() + "/enrol")
                .param("cardNumber", card.number().value()).param("identifier", nrn));
        assertThat(model(result, "outcome")).isEqualTo("closed");
    }

    @Test
    void theQrCodeOpensTheFormPreFilledAndAForgedOneIsRefused() throws Exception {
        String nrn = nrn("850730", 33);
        var card = resident(nrn);
        var citizen = new CitizenSession(mvc);
        String token = cardTokens.tokenFor(tenant.id(), card.cardId());
        var scanned = citizen.perform(get("/t/" + tenant.slug() + "/c/" + token));
        assertThat(scanned.getResponse().getStatus()).isEqualTo(200);
        assertThat(view(scanned)).isEqualTo("savings/citizen/enrol");
        assertThat(scanned.getResponse().getContentAsString()).contains("value=\"" + card.number().formatted() + "\"");
        // The number cleared from the form: the card verified from the QR code, kept in the session, still counts.
        assertThat(identify(citizen, "", nrn).getResponse().getRedirectedUrl()).endsWith("/enrol/details");

        char last = token.charAt(token.length() - 1);
        String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        var refused = new CitizenSession(mvc).perform(get("/t/" + tenant.slug() + "/c/" + forged));
        assertThat(refused.getResponse().getStatus()).isEqualTo(404);
        assertThat(refused.getResponse().getContentAsString()).contains("This QR code is not valid");
        // A genuine token of another tenant is forged here.
        var otherTenant = tenants.tenant(TenantKind.MUNICIPALITY);
        assertThat(new CitizenSession(mvc).perform(get("/t/" + otherTenant.slug() + "/c/" + token)).getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'enrolment.qr-rejected'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void consentIsRequiredAndTheEmailStepNeedsAnIdentification() throws Exception {
        String nrn = nrn("850730", 33);
        var card = resident(nrn);
        var stranger = new CitizenSession(mvc);
        assertThat(stranger.perform(get("/t/" + tenant.slug() + "/enrol/details")).getResponse().getRedirectedUrl())
                .isEqualTo("/t/" + tenant.slug() + "/enrol");
        assertThat(stranger.perform(post("/t/" + tenant.slug() + "/enrol/details").param("email", "x@example.test")
                .param("language", "nl").param("consent", "true")).getResponse().getRedirectedUrl())
                .isEqualTo("/t/" + tenant.slug() + "/enrol");

        var citizen = new CitizenSession(mvc);
        identify(citizen, card.number().value(), nrn);
        var details = citizen.perform(get("/t/" + tenant.slug() + "/enrol/details"));
        assertThat(details.getResponse().getContentAsString()).contains("Privacy notice (version 1)")
                .contains("type=\"checkbox\" id=\"consent\"").doesNotContain("checked");
        var noConsent = citizen.perform(post("/t/" + tenant.slug() + "/enrol/details").param("email", "an@example.test")
                .param("language", "nl"));
        assertThat(noConsent.getResponse().getContentAsString()).contains("tick the box");
        var badEmail = citizen.perform(post("/t/" + tenant.slug() + "/enrol/details").param("email", "not an address")
                .param("language", "xx").param("consent", "true"));
        assertThat(badEmail.getResponse().getContentAsString()).contains("Enter a valid e-mail address")
                .contains("Choose one of the proposed values.");
        assertThat(jdbc.sql("select count(*) from savings_enrolment where card_id = ?").param(card.cardId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theVerificationLinkWorksOnceAndExpires() throws Exception {
        String nrn = nrn("850730", 33);
        var card = resident(nrn);
        var citizen = new CitizenSession(mvc);
        identify(citizen, card.number().value(), nrn);
        giveEmail(citizen, "once@example.test");
        String token = verificationToken("once@example.test");
        var shortPassword = citizen.perform(post("/t/" + tenant.slug() + "/enrol/verify").param("token", token)
                .param("mode", "password").param("password", "short").param("confirmation", "short"));
        assertThat(view(shortPassword)).isEqualTo("savings/citizen/enrol-verify");
        var done = citizen.perform(post("/t/" + tenant.slug() + "/enrol/verify").param("token", token)
                .param("mode", "link"));
        assertThat(done.getResponse().getRedirectedUrl()).endsWith("/me");

        var reused = new CitizenSession(mvc).perform(get("/t/" + tenant.slug() + "/enrol/verify").param("token", token));
        assertThat(reused.getResponse().getStatus()).isEqualTo(404);
        assertThat(view(reused)).isEqualTo("savings/citizen/enrol-link-invalid");
        var reposted = new CitizenSession(mvc).perform(post("/t/" + tenant.slug() + "/enrol/verify").param("token", token)
                .param("mode", "link"));
        assertThat(view(reposted)).isEqualTo("savings/citizen/enrol-link-invalid");

        // Another household's link, expired before use.
        String other = nrn("720202", 12);
        var late = new CitizenSession(mvc);
        var second = resident(other);
        identify(late, second.number().value(), other);
        giveEmail(late, "late@example.test");
        String lateToken = verificationToken("late@example.test");
        jdbc.sql("update savings_enrolment set verification_expires_at = now() - interval '1 minute' where email = 'late@example.test'")
                .update();
        assertThat(view(late.perform(get("/t/" + tenant.slug() + "/enrol/verify").param("token", lateToken))))
                .isEqualTo("savings/citizen/enrol-link-invalid");
        assertThat(view(late.perform(post("/t/" + tenant.slug() + "/enrol/verify").param("token", lateToken)
                .param("mode", "link")))).isEqualTo("savings/citizen/enrol-link-invalid");
        assertThat(jdbc.sql("select status from savings_card where id = ?").param(second.cardId()).query(String.class)
                .single()).isEqualTo("ISSUED");
    }

    @Test
    void withBirthDatesResidentsIdentifyWithTheirDateOfBirth() throws Exception {
        var birthTenant = tenants.tenant(TenantKind.MUNICIPALITY);
        var birthProgramme = savings.openProgramme(birthTenant, ResidentIdentifier.BIRTH_DATE);
        var card = savings.residentHousehold(birthTenant, birthProgramme, "Zeedijk", "3", "8300",
                List.of(new Adult("Els", "Maes", nrn("850730", 33), LocalDate.of(1985, 7, 30))));
        var page = mvc.perform(get("/t/" + birthTenant.slug() + "/enrol")).andReturn();
        assertThat(page.getResponse().getContentAsString()).contains("type=\"date\"");
        var wrong = new CitizenSession(mvc).perform(post("/t/" + birthTenant.slug() + "/enrol")
                .param("cardNumber", card.number().value()).param("birthDate", "1985-07-31"));
        assertThat(model(wrong, "alert")).isEqualTo("enrol.mismatch");
        var right = new CitizenSession(mvc).perform(post("/t/" + birthTenant.slug() + "/enrol")
                .param("cardNumber", card.number().value()).param("birthDate", "1985-07-30"));
        assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/t/" + birthTenant.slug() + "/enrol/details");
    }

    @Test
    void withBirthDatesTwinsOfOneHouseholdCanBothEnrol() throws Exception {
        var birthTenant = tenants.tenant(TenantKind.MUNICIPALITY);
        var birthProgramme = savings.openProgramme(birthTenant, ResidentIdentifier.BIRTH_DATE);
        LocalDate born = LocalDate.of(1990, 3, 14);
        var card = savings.residentHousehold(birthTenant, birthProgramme, "Zeedijk", "5", "8300",
                List.of(new Adult("Lien", "Maes", nrn("900314", 22), born), new Adult("Lore", "Maes", nrn("900314", 24), born)));
        for (String email : List.of("lien@example.test", "lore@example.test")) {
            var citizen = new CitizenSession(mvc);
            var identified = citizen.perform(post("/t/" + birthTenant.slug() + "/enrol")
                    .param("cardNumber", card.number().value()).param("birthDate", born.toString()));
            assertThat(identified.getResponse().getRedirectedUrl()).as(email).isEqualTo("/t/" + birthTenant.slug() + "/enrol/details");
            citizen.perform(post("/t/" + birthTenant.slug() + "/enrol/details").param("email", email)
                    .param("language", "nl").param("consent", "true"));
            String token = verificationToken(email);
            var done = citizen.perform(post("/t/" + birthTenant.slug() + "/enrol/verify").param("token", token)
                    .param("mode", "link").param("password", "").param("confirmation", ""));
            assertThat(done.getResponse().getRedirectedUrl()).as(email).isEqualTo("/t/" + birthTenant.slug() + "/me");
        }
        assertThat(jdbc.sql("select count(distinct member_id) from savings_enrolment where card_id = ? and status = 'ACTIVE'")
                .param(card.cardId()).query(Integer.class).single()).isEqualTo(2);
    }
}
