package eu.localeconomy.savings.programme;

import eu.localeconomy.account.Role;
import eu.localeconomy.savings.ledger.Counter;
import eu.localeconomy.savings.ledger.Ledger;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.validation.BindingResult;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Programme set-up through the back-office form: every rule and its message, create and edit, who may. */
@IntegrationTest
class ProgrammeSetupIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired Tenants tenantsApi;
    @Autowired SavingsFixtures savings;
    @Autowired Programmes programmes;
    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired MerchantFixtures merchants;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeEach
    void municipality() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        admin = fixtures.person(tenant, Role.TENANT_ADMIN);
    }

    /** A complete, valid form: resident 1/3 cap €150 and second home 25 % cap €200, dates in order. */
    static Map<String, String> valid() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("season", "2027");
        p.put("name", "Shop & dine 2027");
        p.put("titleNl", "Spaar en geniet");
        p.put("introNl", "Spaar bij elke aankoop.");
        p.put("privacyNl", "Wij verwerken uw gegevens voor het spaarprogramma.");
        p.put("titleFr", "Épargnez et profitez");
        p.put("rounding", "HALF_UP");
        p.put("residentIdentifier", "NATIONAL_REGISTER_NUMBER");
        p.put("enrolmentOpensOn", "2027-05-01");
        p.put("enrolmentClosesOn", "2027-09-30");
        p.put("earnFrom", "2027-07-01");
        p.put("earnUntil", "2027-09-30");
        p.put("conversionOn", "2027-10-01");
        p.put("spendFrom", "2027-10-12");
        p.put("spendUntil", "2027-12-06");
        p.put("categories[0].id", "");
        p.put("categories[0].code", "resident");
        p.put("categories[0].nameNl", "Inwoner");
        p.put("categories[0].nameFr", "Résident");
        p.put("categories[0].register", "POPULATION");
        p.put("categories[0].rate", "1/3");
        p.put("categories[0].cap", "150");
        p.put("categories[1].id", "");
        p.put("categories[1].code", "SECOND_HOME");
        p.put("categories[1].nameNl", "Tweede verblijf");
        p.put("categories[1].register", "SECOND_HOME");
        p.put("categories[1].rate", "25 %");
        p.put("categories[1].cap", "€ 200,00");
        return p;
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("season", "", "season", "validation.required"),
                Arguments.of("name", " ", "name", "validation.required"),
                Arguments.of("season", "20\u000027", "season", "programme.text.invalid"),
                Arguments.of("introFr", "\u0000", "introFr", "programme.text.invalid"),
                Arguments.of("categories[0].nameFr", "R\u0000", "categories[0].nameFr", "programme.text.invalid"),
                Arguments.of("rounding", "SIDEWAYS", "rounding", "validation.choice"),
                Arguments.of("enrolmentOpensOn", "tomorrow", "enrolmentOpensOn", "programme.date.invalid"),
                Arguments.of("earnFrom", "31/02/2027", "earnFrom", "programme.date.invalid"),
                Arguments.of("enrolmentClosesOn", "2027-04-30", "enrolmentClosesOn", "programme.window.enrolment"),
                Arguments.of("earnUntil", "2027-06-30", "earnUntil", "programme.window.earn"),
                Arguments.of("conversionOn", "2027-09-30", "conversionOn", "programme.window.conversion"),
                Arguments.of("spendFrom", "2027-09-30", "spendFrom", "programme.window.spendStart"),
                Arguments.of("spendUntil", "2027-10-11", "spendUntil", "programme.window.spend"),
                Arguments.of("categories[0].rate", "150", "categories[0].rate", "programme.rate.range"),
                Arguments.of("categories[0].rate", "-5 %", "categories[0].rate", "programme.rate.range"),
                Arguments.of("categories[0].rate", "4/3", "categories[0].rate", "programme.rate.range"),
                Arguments.of("categories[0].rate", "a third", "categories[0].rate", "programme.rate.invalid"),
                Arguments.of("categories[0].rate", "1/0", "categories[0].rate", "programme.rate.invalid"),
                Arguments.of("categories[0].rate", "", "categories[0].rate", "validation.required"),
                Arguments.of("categories[0].cap", "0", "categories[0].cap", "programme.cap.positive"),
                Arguments.of("categories[0].cap", "-40", "categories[0].cap", "programme.cap.positive"),
                Arguments.of("categories[0].cap", "forty", "categories[0].cap", "programme.cap.invalid"),
                Arguments.of("categories[0].cap", "40.005", "categories[0].cap", "programme.cap.invalid"),
                Arguments.of("categories[0].code", "resident home", "categories[0].code", "programme.category.code.invalid"),
                Arguments.of("categories[1].code", "Resident", "categories[1].code", "programme.category.code.duplicate"),
                Arguments.of("categories[0].nameNl", "", "categories[0].nameNl", "programme.category.name.required"),
                Arguments.of("categories[1].register", "MOON", "categories[1].register", "validation.choice"),
                Arguments.of("maxPurchase", "0", "maxPurchase", "programme.limit.positive"),
                Arguments.of("maxPurchase", "ten", "maxPurchase", "programme.limit.invalid"),
                Arguments.of("maxDailyPurchase", "10.001", "maxDailyPurchase", "programme.limit.invalid"),
                Arguments.of("reversalWindowMinutes", "1441", "reversalWindowMinutes", "programme.reversalWindow.invalid"),
                Arguments.of("reversalWindowMinutes", "soon", "reversalWindowMinutes", "programme.reversalWindow.invalid"));
    }

    @ParameterizedTest(name = "{0}={1} -> {3}")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsAFieldErrorWithItsMessage(String param, String value, String field, String code) throws Exception {
        var params = valid();
        params.put(param, value);
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), params))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", field, code));
        assertThat(programmes.all(tenant.id())).isEmpty();
    }

    @Test
    void counterLimitsAreSavedAndACapCannotDropBelowTheCreditCardsHold() throws Exception {
        Programme programme = savings.openProgramme(tenant);
        var categories = programmes.categories(tenant.id(), programme.id());
        Map<String, String> params = paramsOf(programme, categories);
        params.put("maxPurchase", "250");
        params.put("maxDailyPurchase", "200");
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id()), params))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "maxDailyPurchase", "programme.limit.dailyBelowPurchase"));

        params.put("maxDailyPurchase", "500,50");
        params.put("reversalWindowMinutes", "10");
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id()), params))
                .andExpect(status().is3xxRedirection());
        assertThat(programmes.find(tenant.id(), programme.id()).orElseThrow().limits())
                .isEqualTo(new Programme.Limits(250_00L, 500_50L, 10));
        assertThat(auditDetails("programme.updated", programme.id())).contains("maxPurchase", "reversalWindowMinutes");
        String edit = mvc.perform(get("/t/" + tenant.slug() + "/office/programmes/" + programme.id())
                        .with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("Limits at the counter").contains("value=\"500.5\"");

        // A card earned €80; the resident cap cannot go below it.
        var card = savings.residentHousehold(tenant, programme, "Zeedijk", "1", "8300",
                List.of(new SavingsFixtures.Adult("An", "Peeters", "85073003328", LocalDate.of(1985, 7, 30))));
        jdbc.sql("update savings_card set status = 'ACTIVE' where id = ?").param(card.cardId()).update();
        ledger.earn(new Counter(tenant.id(), merchants.approvedMerchant(tenant.id(), "Kaashandel"), null, null),
                card.cardId(), 240_00, "scan-1");
        params.put("categories[0].cap", "79.99");
        var refused = mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id()), params))
                .andExpect(status().isOk()).andReturn();
        assertThat(refused.getResponse().getContentAsString())
                .contains("The cap of RESIDENT cannot go below the credit 1 card(s) already earned");
        assertThat(programmes.category(tenant.id(), categories.getFirst().id()).orElseThrow().capCents()).isEqualTo(150_00);

        params.put("categories[0].cap", "80");
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id()), params))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select cap_cents from savings_card_balance where card_id = ?").param(card.cardId())
                .query(Long.class).single()).isEqualTo(80_00);
    }

    @Test
    void aProgrammeNeedsACategoryAndASeasonOfItsOwn() throws Exception {
        var none = valid();
        none.keySet().removeIf(k -> k.startsWith("categories"));
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), none))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "categories", "programme.categories.none"));

        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), valid()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), valid()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "season", "programme.season.taken"));
    }

    @Test
    void theNationalRegisterNumberNeedsTheTenantsAuthorisation() throws Exception {
        String slug = "unauthorised-" + System.nanoTime() % 1_000_000;
        Tenant other = tenantsApi.create(new Tenants.NewTenant(slug, "Town " + slug, TenantKind.MUNICIPALITY, Language.FR,
                "Europe/Brussels", "#0b5a7a", new Tenant.LegalIdentity(null, null, null, null, "BE", null, null), null));
        var otherAdmin = fixtures.person(other, Role.TENANT_ADMIN);
        var params = valid();
        params.put("categories[1].nameFr", "Seconde résidence");
        String page = mvc.perform(form(post("/t/" + slug + "/office/programmes"), params).with(authentication(otherAdmin.authentication())))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "residentIdentifier", "programme.residentIdentifier.notAuthorised"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("not authorised to use the national register number");

        params.put("residentIdentifier", "BIRTH_DATE");
        mvc.perform(form(post("/t/" + slug + "/office/programmes"), params).with(authentication(otherAdmin.authentication())))
                .andExpect(status().is3xxRedirection());
        assertThat(programmes.all(other.id())).singleElement()
                .extracting(Programme::residentIdentifier).isEqualTo(ResidentIdentifier.BIRTH_DATE);
        // The new-programme form offers the date of birth first where the number is not authorised.
        String blank = mvc.perform(get("/t/" + slug + "/office/programmes/new").with(authentication(otherAdmin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(blank).containsPattern("value=\"BIRTH_DATE\"[^>]*checked");
    }

    @Test
    void createdThenEditedWithEveryChangeAudited() throws Exception {
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), valid()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/office/programmes"));
        Programme created = programmes.all(tenant.id()).getFirst();
        assertThat(created.season()).isEqualTo("2027");
        assertThat(created.text("title", Language.NL)).isEqualTo("Spaar en geniet");
        assertThat(created.text("privacy", Language.NL)).startsWith("Wij verwerken");
        assertThat(created.conversionOn()).isEqualTo(LocalDate.of(2027, 10, 1));
        assertThat(created.privacyNoticeVersion()).isEqualTo(1);
        List<Category> categories = programmes.categories(tenant.id(), created.id());
        assertThat(categories).extracting(Category::code).containsExactly("RESIDENT", "SECOND_HOME");
        assertThat(categories.get(0).rate()).isEqualTo(new Rate(1, 3));
        assertThat(categories.get(0).capCents()).isEqualTo(150_00);
        assertThat(categories.get(1).rate()).isEqualTo(new Rate(1, 4));
        assertThat(categories.get(1).capCents()).isEqualTo(200_00);
        assertThat(auditDetails("programme.created", created.id())).contains("2027");

        // The list shows where the programme stands today.
        String list = mvc.perform(get("/t/" + tenant.slug() + "/office/programmes").with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Shop &amp; dine 2027").contains(">" + phaseLabel(created) + "<");

        // The edit form shows what was saved, the rate as typed back (a fraction when a percentage is not exact).
        String edit = mvc.perform(get("/t/" + tenant.slug() + "/office/programmes/" + created.id())
                        .with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("value=\"1/3\"").contains("value=\"25\"").contains("value=\"150\"")
                .contains("value=\"2027-10-12\"").contains(categories.get(0).id().toString());

        // Postpone spending, lower the second-home cap, drop nothing, add campers.
        var params = valid();
        params.put("categories[0].id", categories.get(0).id().toString());
        params.put("categories[1].id", categories.get(1).id().toString());
        params.put("categories[1].cap", "180.50");
        params.put("spendUntil", "2028-01-31");
        params.put("categories[2].id", "");
        params.put("categories[2].code", "CAMPER");
        params.put("categories[2].nameNl", "Kampeerder");
        params.put("categories[2].register", "POPULATION");
        params.put("categories[2].rate", "25");
        params.put("categories[2].cap", "40");
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + created.id()), params))
                .andExpect(status().is3xxRedirection());
        Programme edited = programmes.find(tenant.id(), created.id()).orElseThrow();
        assertThat(edited.spendUntil()).isEqualTo(LocalDate.of(2028, 1, 31));
        var after = programmes.categories(tenant.id(), created.id());
        assertThat(after).extracting(Category::code).containsExactly("RESIDENT", "SECOND_HOME", "CAMPER");
        assertThat(after.get(0).id()).isEqualTo(categories.get(0).id());
        assertThat(after.get(1).capCents()).isEqualTo(180_50);
        assertThat(auditDetails("programme.updated", created.id()))
                .contains("spendUntil", "categories.SECOND_HOME.cap", "categories.CAMPER.added")
                .doesNotContain("earnFrom", "categories.RESIDENT.rate");

        // Removing a category no household uses is allowed.
        params.keySet().removeIf(k -> k.startsWith("categories[2]"));
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + created.id()), params))
                .andExpect(status().is3xxRedirection());
        assertThat(programmes.categories(tenant.id(), created.id())).extracting(Category::code)
                .containsExactly("RESIDENT", "SECOND_HOME");

        // Same form again: nothing changed, nothing audited.
        int updates = auditCount("programme.updated", created.id());
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + created.id()), params))
                .andExpect(status().is3xxRedirection());
        assertThat(auditCount("programme.updated", created.id())).isEqualTo(updates);
    }

    @Test
    void aCategoryHouseholdsBelongToCannotBeRemoved() throws Exception {
        Programme programme = savings.openProgramme(tenant);
        savings.residentHousehold(tenant, programme, "Zeedijk", "1", "8300",
                List.of(new SavingsFixtures.Adult("An", "Peeters", "85073003328", LocalDate.of(1985, 7, 30))));
        var categories = programmes.categories(tenant.id(), programme.id());
        Map<String, String> params = paramsOf(programme, categories);

        // The row's remove button refuses and says why.
        var removeRow = form(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id()), params)
                .param("removeCategory", "0");
        mvc.perform(removeRow).andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "categories[0].code", "programme.category.inUse.row"));

        // A form that lost the row anyway is refused as a whole.
        params.keySet().removeIf(k -> k.startsWith("categories[0]"));
        var result = mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id()), params))
                .andExpect(status().isOk()).andReturn();
        var errors = (BindingResult) result.getModelAndView().getModel().get(BindingResult.MODEL_KEY_PREFIX + "form");
        assertThat(errors.getGlobalErrors()).extracting("code").containsExactly("programme.category.inUse");
        assertThat(result.getResponse().getContentAsString()).contains("Households belong to the category RESIDENT");
        assertThat(programmes.categories(tenant.id(), programme.id())).hasSize(3);

        // Running programme: its dates may still move (the council postpones a phase).
        var postpone = paramsOf(programme, categories);
        postpone.put("spendUntil", programme.spendUntil().plusDays(60).toString());
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id()), postpone))
                .andExpect(status().is3xxRedirection());
        assertThat(programmes.find(tenant.id(), programme.id()).orElseThrow().spendUntil())
                .isEqualTo(programme.spendUntil().plusDays(60));
    }

    @Test
    void rowsAreAddedAndRemovedWithoutJavaScriptAndNothingIsSavedMeanwhile() throws Exception {
        var params = valid();
        var added = mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), params).param("addCategory", "1"))
                .andExpect(status().isOk()).andReturn();
        assertThat(((ProgrammeForm) added.getModelAndView().getModel().get("form")).rows()).hasSize(3);
        assertThat(added.getResponse().getContentAsString()).contains("name=\"categories[2].code\"");

        var removed = mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), params).param("removeCategory", "0"))
                .andExpect(status().isOk()).andReturn();
        assertThat(((ProgrammeForm) removed.getModelAndView().getModel().get("form")).rows())
                .extracting(ProgrammeForm.CategoryRow::code).containsExactly("SECOND_HOME");
        assertThat(programmes.all(tenant.id())).isEmpty();
    }

    @Test
    void forgedRowsAndButtonsAreHarmless() throws Exception {
        var forgedIndex = valid();
        forgedIndex.put("categories[x].code", "FORGED");
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), forgedIndex)).andExpect(status().isBadRequest());
        forgedIndex.remove("categories[x].code");
        forgedIndex.put("categories[100000000].code", "FORGED");
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), forgedIndex)).andExpect(status().isBadRequest());
        var params = valid();
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), params).param("removeCategory", "first"))
                .andExpect(status().isOk());
        params.put("categories[0].id", UUID.randomUUID().toString());
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), params))
                .andExpect(status().is3xxRedirection());
        // A forged id is no category of this programme: the row is added as a new category.
        Programme created = programmes.all(tenant.id()).getFirst();
        assertThat(programmes.categories(tenant.id(), created.id())).extracting(Category::code)
                .containsExactly("RESIDENT", "SECOND_HOME");
        mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes/" + created.id()), Map.of("season", "\u0000")))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "categories", "programme.categories.none"));
    }

    @Test
    void publishingANewPrivacyNoticeVersion() throws Exception {
        Programme programme = savings.openProgramme(tenant);
        mvc.perform(post("/t/" + tenant.slug() + "/office/programmes/" + programme.id() + "/privacy-notice").with(csrf())
                        .with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection());
        assertThat(programmes.find(tenant.id(), programme.id()).orElseThrow().privacyNoticeVersion()).isEqualTo(2);
        assertThat(auditDetails("programme.privacyNoticePublished", programme.id())).contains("2");
    }

    @Test
    void onlyTheTenantsAdministratorsSetProgrammesUp() throws Exception {
        Programme programme = savings.openProgramme(tenant);
        for (Role role : List.of(Role.HELPDESK, Role.FINANCE, Role.READ_ONLY)) {
            var person = fixtures.person(tenant, role);
            mvc.perform(get("/t/" + tenant.slug() + "/office/programmes").with(authentication(person.authentication())))
                    .andExpect(status().isForbidden());
            mvc.perform(form(post("/t/" + tenant.slug() + "/office/programmes"), valid()).with(authentication(person.authentication())))
                    .andExpect(status().isForbidden());
        }
        var other = fixtures.tenant(TenantKind.MUNICIPALITY);
        var otherAdmin = fixtures.person(other, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + tenant.slug() + "/office/programmes/" + programme.id()).with(authentication(otherAdmin.authentication())))
                .andExpect(status().isForbidden());
        // Another tenant's programme id on one's own tenant is not found.
        mvc.perform(get("/t/" + other.slug() + "/office/programmes/" + programme.id()).with(authentication(otherAdmin.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/t/" + other.slug() + "/office/programmes/" + programme.id() + "/privacy-notice").with(csrf())
                        .with(authentication(otherAdmin.authentication())))
                .andExpect(status().isNotFound());
        assertThat(programmes.find(tenant.id(), programme.id()).orElseThrow().privacyNoticeVersion()).isEqualTo(1);
    }

    private Map<String, String> paramsOf(Programme programme, List<Category> categories) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("season", programme.season());
        p.put("name", programme.name());
        p.put("rounding", programme.rounding().name());
        p.put("residentIdentifier", programme.residentIdentifier().name());
        p.put("enrolmentOpensOn", programme.enrolmentOpensOn().toString());
        p.put("enrolmentClosesOn", programme.enrolmentClosesOn().toString());
        p.put("earnFrom", programme.earnFrom().toString());
        p.put("earnUntil", programme.earnUntil().toString());
        p.put("conversionOn", programme.conversionOn().toString());
        p.put("spendFrom", programme.spendFrom().toString());
        p.put("spendUntil", programme.spendUntil().toString());
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            p.put("categories[" + i + "].id", c.id().toString());
            p.put("categories[" + i + "].code", c.code());
            p.put("categories[" + i + "].nameNl", c.names().get("nl"));
            p.put("categories[" + i + "].register", c.register().name());
            p.put("categories[" + i + "].rate", c.rate().asInput());
            p.put("categories[" + i + "].cap", ProgrammeForm.euros(c.capCents()));
        }
        return p;
    }

    private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, Map<String, String> params) {
        params.forEach(request::param);
        return request.with(csrf()).with(authentication(admin.authentication()));
    }

    private String phaseLabel(Programme p) {
        return switch (p.phaseOn(LocalDate.now(java.time.Clock.system(tenant.zone())))) {
            case NOT_STARTED -> "Not started";
            case ENROLMENT -> "Enrolment";
            case EARN -> "Earning";
            case CONVERSION -> "Conversion";
            case SPEND -> "Spending";
            case ENDED -> "Ended";
        };
    }

    private String auditDetails(String action, UUID target) {
        return jdbc.sql("select string_agg(details::text, ' ') from audit_event where tenant_id = ? and action = ? and target_id = ?")
                .params(tenant.id().value(), action, target.toString()).query(String.class).single();
    }

    private int auditCount(String action, UUID target) {
        return jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = ? and target_id = ?")
                .params(tenant.id().value(), action, target.toString()).query(Integer.class).single();
    }
}
