package eu.localeconomy.savings.helpdesk;

import eu.localeconomy.account.Role;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The helpdesk's household and card search, the household view, the card unlock, and who may use them. */
@IntegrationTest
class HouseholdSearchIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired SavingsFixtures savings;
    @Autowired Programmes programmes;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person helpdesk;
    Programme programme;
    SavingsFixtures.CardOfHousehold peeters;
    SavingsFixtures.CardOfHousehold wouters;
    SavingsFixtures.CardOfHousehold dupont;

    @BeforeEach
    void households() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        helpdesk = fixtures.person(tenant, Role.HELPDESK);
        programme = savings.openProgramme(tenant);
        peeters = savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300", List.of(
                new SavingsFixtures.Adult("An", "Peeters", "85073003328", LocalDate.of(1985, 7, 30)),
                new SavingsFixtures.Adult("Bram", "Janssens", "90022500186", LocalDate.of(1990, 2, 25))));
        wouters = savings.residentHousehold(tenant, programme, "Kerkstraat", "3", "8301", List.of(
                new SavingsFixtures.Adult("Lien", "Wouters", "00010100105", LocalDate.of(2000, 1, 1))));
        dupont = savings.secondHome(tenant, programme, "Jean Dupont", "123-4567890-12", "Lippenslaan", "5", "8300");
    }

    @Test
    void findsByEachCriterion() throws Exception {
        String value = peeters.number().value().toLowerCase();
        String typed = value.substring(0, 4) + " " + value.substring(4);
        assertThat(found(search().param("card", typed))).containsExactly(peeters.householdId());
        assertThat(found(search().param("card", peeters.number().formatted()))).containsExactly(peeters.householdId());
        assertThat(found(search().param("name", "pee"))).containsExactly(peeters.householdId());
        // An adult's name finds the household whose card carries another name.
        assertThat(found(search().param("name", "JANS"))).containsExactly(peeters.householdId());
        assertThat(found(search().param("name", "bram j"))).containsExactly(peeters.householdId());
        assertThat(found(search().param("name", "jean"))).containsExactly(dupont.householdId());
        // LIKE wildcards are taken literally.
        assertThat(found(search().param("name", "%"))).isEmpty();
        assertThat(found(search().param("street", "kerk"))).containsExactly(wouters.householdId());
        assertThat(found(search().param("postcode", "8300"))).containsExactlyInAnyOrder(peeters.householdId(), dupont.householdId());
        assertThat(found(search().param("postcode", "8300").param("name", "an"))).containsExactly(peeters.householdId());

        jdbc.sql("update savings_card set status = 'ACTIVE' where id = ?").param(wouters.cardId()).update();
        assertThat(found(search().param("cardStatus", "ACTIVE"))).containsExactly(wouters.householdId());
        jdbc.sql("update savings_household set status = 'EXCLUDED' where id = ?").param(dupont.householdId()).update();
        assertThat(found(search().param("householdStatus", "EXCLUDED"))).containsExactly(dupont.householdId());
        UUID secondHome = programmes.categories(tenant.id(), programme.id()).stream()
                .filter(c -> c.code().equals("SECOND_HOME")).findFirst().orElseThrow().id();
        assertThat(found(search().param("category", secondHome.toString()))).containsExactly(dupont.householdId());
        assertThat(found(search())).hasSize(3);

        String page = mvc.perform(search().param("name", "pee")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(peeters.number().formatted()).contains("An Peeters").contains("Zeedijk 12, 8300 Duinhaven")
                .contains("Resident").contains("1 households found");
    }

    @Test
    void badCriteriaAreFieldErrorsNotFailures() throws Exception {
        String wrongCheck = peeters.number().value().substring(0, 8)
                + (peeters.number().value().charAt(8) == 'A' ? "B" : "A");
        mvc.perform(search().param("card", wrongCheck)).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("search", "card", "helpdesk.card.invalid"));
        mvc.perform(search().param("cardStatus", "LOST")).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("search", "cardStatus", "validation.choice"));
        mvc.perform(search().param("category", UUID.randomUUID().toString())).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("search", "category", "validation.choice"));
        mvc.perform(search().param("postcode", "83\u000000")).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("search", "postcode", "helpdesk.text.invalid"));
        mvc.perform(search().param("page", "-1").param("programme", "x")).andExpect(status().isOk());
    }

    @Test
    void resultsComeInPages() throws Exception {
        for (int i = 0; i < 27; i++) {
            savings.residentHousehold(tenant, programme, "Dijk", String.valueOf(i), "8400", List.of(
                    new SavingsFixtures.Adult("Adult", String.format("Zz%02d", i), nrn(i), LocalDate.of(1970, 1, 1))));
        }
        var first = mvc.perform(search().param("postcode", "8400")).andExpect(status().isOk()).andReturn();
        assertThat(result(first).results()).hasSize(HouseholdController.PAGE_SIZE);
        assertThat(result(first).count()).isEqualTo(27);
        assertThat(first.getResponse().getContentAsString()).contains("page=1");
        var second = mvc.perform(search().param("postcode", "8400").param("page", "1")).andExpect(status().isOk()).andReturn();
        assertThat(result(second).results()).hasSize(2);
        assertThat(second.getResponse().getContentAsString()).doesNotContain("page=2").contains("page=0");
        // The two pages list every household once; an address search lists them by street and number.
        var all = new java.util.ArrayList<>(result(first).results());
        all.addAll(result(second).results());
        assertThat(all).extracting(HouseholdSearch.Result::householdId).doesNotHaveDuplicates().hasSize(27);
        assertThat(result(first).results().getFirst().houseNumber()).isEqualTo("0");
        // A name search lists by name.
        var byName = mvc.perform(search().param("name", "adult").param("page", "1")).andExpect(status().isOk()).andReturn();
        assertThat(result(byName).results()).extracting(HouseholdSearch.Result::displayName)
                .containsExactly("Adult Zz25", "Adult Zz26");
    }

    @Test
    void searchesAndViewsAreAuditedWithoutWhatWasTyped() throws Exception {
        mvc.perform(search().param("name", "Peeters")).andExpect(status().isOk());
        String searched = jdbc.sql("select details::text from audit_event where tenant_id = ? and action = 'household.searched'")
                .param(tenant.id().value()).query(String.class).single();
        assertThat(searched).contains("\"results\": 1").doesNotContainIgnoringCase("peeters");

        String page = mvc.perform(get("/t/" + tenant.slug() + "/office/households/" + peeters.householdId())
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("An Peeters", "Bram Janssens", "1985", "••.••.••-•••.28", "••.••.••-•••.86",
                        peeters.number().formatted(), "33.33 %", "/office/cards/" + peeters.cardId() + "/block",
                        "/office/cards/" + peeters.cardId() + "/digital.pdf", "/office/cards/" + peeters.cardId() + "/reprint")
                .doesNotContain("85073003328", "85.07.30");
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'household.viewed' and target_id = ?")
                .params(tenant.id().value(), peeters.householdId().toString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theDetailShowsEnrolmentsAndTheSecondHomesPostalAddress() throws Exception {
        UUID member = jdbc.sql("select id from savings_household_member where household_id = ? and last_name = 'Janssens'")
                .param(peeters.householdId()).query(UUID.class).single();
        jdbc.sql("""
                        insert into savings_enrolment (id, tenant_id, programme_id, card_id, member_id, email, language, status,
                            privacy_notice_version, consented_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, 'bram@example.test', 'nl', 'ACTIVE', 1, now(), now(), now())""")
                .params(UUID.randomUUID(), tenant.id().value(), programme.id(), peeters.cardId(), member).update();
        String page = mvc.perform(get("/t/" + tenant.slug() + "/office/households/" + peeters.householdId())
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("bram@example.test", "Version 1", "Card or QR code");
        var row = result(mvc.perform(search().param("name", "pee")).andReturn()).results().getFirst();
        assertThat(row.enrolled()).isEqualTo(1);

        jdbc.sql("update savings_household set postal_name = 'J. Dupont', postal_line1 = 'Rue Haute 1', postal_postcode = '75001', postal_city = 'Paris', postal_country = 'FR' where id = ?")
                .param(dupont.householdId()).update();
        String secondHome = mvc.perform(get("/t/" + tenant.slug() + "/office/households/" + dupont.householdId())
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(secondHome).contains("Rue Haute 1", "75001 Paris", "Second-home tax roll", "…12");
    }

    @Test
    void theHelpdeskClearsACardsGuessingLock() throws Exception {
        jdbc.sql("update savings_card set failed_attempts = 5, locked_until = ? where id = ?")
                .params(Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)), peeters.cardId()).update();
        String page = mvc.perform(get("/t/" + tenant.slug() + "/office/households/" + peeters.householdId())
                        .with(authentication(helpdesk.authentication())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Locked until").contains("/unlock-card");

        mvc.perform(post("/t/" + tenant.slug() + "/office/households/" + peeters.householdId() + "/unlock-card").with(csrf())
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().is3xxRedirection());
        var card = jdbc.sql("select failed_attempts, locked_until from savings_card where id = ?").param(peeters.cardId())
                .query((rs, n) -> new Object[]{rs.getInt(1), rs.getTimestamp(2)}).single();
        assertThat(card[0]).isEqualTo(0);
        assertThat(card[1]).isNull();
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'card.unlocked' and target_id = ?")
                .params(tenant.id().value(), peeters.cardId().toString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void onlyAdministratorsAndTheHelpdeskOfTheTenant() throws Exception {
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + tenant.slug() + "/office/households").with(authentication(admin.authentication())))
                .andExpect(status().isOk());
        for (Role role : List.of(Role.FINANCE, Role.READ_ONLY)) {
            var person = fixtures.person(tenant, role);
            mvc.perform(get("/t/" + tenant.slug() + "/office/households").with(authentication(person.authentication())))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/t/" + tenant.slug() + "/office/households/" + peeters.householdId())
                    .with(authentication(person.authentication()))).andExpect(status().isForbidden());
            mvc.perform(post("/t/" + tenant.slug() + "/office/households/" + peeters.householdId() + "/unlock-card")
                    .with(csrf()).with(authentication(person.authentication()))).andExpect(status().isForbidden());
        }
        var other = fixtures.tenant(TenantKind.MUNICIPALITY);
        var otherHelpdesk = fixtures.person(other, Role.HELPDESK);
        mvc.perform(get("/t/" + tenant.slug() + "/office/households").with(authentication(otherHelpdesk.authentication())))
                .andExpect(status().isForbidden());
        // Another tenant's household id, asked on one's own tenant, does not exist there.
        mvc.perform(get("/t/" + other.slug() + "/office/households/" + peeters.householdId())
                .with(authentication(otherHelpdesk.authentication()))).andExpect(status().isNotFound());
        mvc.perform(post("/t/" + other.slug() + "/office/households/" + peeters.householdId() + "/unlock-card")
                .with(csrf()).with(authentication(otherHelpdesk.authentication()))).andExpect(status().isNotFound());
    }

    /** A valid national register number of someone born on 1 January 1970, with sequence number {@code i}. */
    static String nrn(int i) {
        long base = 700101_000L + 1 + i;
        return String.format("%09d%02d", base, 97 - base % 97);
    }

    private MockHttpServletRequestBuilder search() {
        return get("/t/" + tenant.slug() + "/office/households").with(authentication(helpdesk.authentication()));
    }

    private List<UUID> found(MockHttpServletRequestBuilder request) throws Exception {
        return result(mvc.perform(request).andExpect(status().isOk()).andReturn()).results().stream()
                .map(HouseholdSearch.Result::householdId).toList();
    }

    private static HouseholdSearch.Page result(MvcResult result) {
        var page = (HouseholdSearch.Page) result.getModelAndView().getModel().get("result");
        assertThat(page).as("a search was run").isNotNull();
        return page;
    }
}
