package eu.localeconomy.membership.reminder;

import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Reminder texts: which placeholders a step may use, saving with validation messages, the preview, the pages' access. */
@IntegrationTest
class ReminderTemplatesIT {

    @Autowired MockMvc mvc;
    @Autowired Reminders reminders;
    @Autowired BasketFixtures fixtures;
    @Autowired DirectoryFixtures directory;
    @Autowired TestTenants tenants;

    BasketFixtures.Office office;
    Authentication admin;
    String base;
    List<ReminderStep> steps;

    @BeforeEach
    void setUp() {
        office = fixtures.office(true);
        admin = office.admin().authentication();
        base = "/t/" + office.tenant().slug() + "/office/reminders/" + office.campaign().value();
        steps = reminders.steps(office.tenant().id(), office.campaign());
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            NO_ORDER         | Bonjour {establishment}, {link} {optOutLink}                  | -
            NO_ORDER         | Bonjour {establishment}, {link}                               | reminder.template.error.optOutMissing
            NO_ORDER         | Bonjour {etablissement} {optOutLink}                          | reminder.template.error.unknown
            NO_ORDER         | Il reste {amount} {optOutLink}                                | reminder.template.error.orderOnly
            BASKET_ABANDONED | Votre panier {campaign} {link} {optOutLink}                   | -
            INVOICE_UNPAID   | Il reste {amount} à payer avant le {dueDate} : {link}         | -
            INVOICE_UNPAID   | Il reste {amount} {optOutLink}                                | reminder.template.error.optOutMandatory
            INVITATION       | Bienvenue {establishment} dans {campaign} : {link}            | -
            INVITATION       | Bienvenue { establishment}                                    | -
            INVITATION       | Bienvenue {}                                                  | reminder.template.error.unknown
            """)
    void placeholdersAStepMayUse(Trigger trigger, String body, String expected) {
        var problems = TemplateText.check(trigger, trigger.mandatory(), "Objet", body);
        if (expected.equals("-")) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).extracting(TemplateText.Problem::key).containsExactly(expected);
        }
    }

    @Test
    void subjectAndBodyAreRequiredAndBounded() {
        assertThat(TemplateText.check(Trigger.INVITATION, true, " ", "")).extracting(TemplateText.Problem::key)
                .containsExactly("reminder.template.error.subjectRequired", "reminder.template.error.bodyRequired");
        assertThat(TemplateText.check(Trigger.INVITATION, true, "a\nb", "x".repeat(10_001)))
                .extracting(TemplateText.Problem::key)
                .containsExactly("reminder.template.error.subjectLength", "reminder.template.error.bodyLength");
    }

    @Test
    void theDefaultTextsOfEveryStepAndLanguagePassTheirOwnChecks() {
        for (ReminderStep step : steps) {
            for (Language language : Language.EVERY_SCREEN) {
                var template = reminders.template(office.tenant().id(), step, language);
                assertThat(TemplateText.check(step.trigger(), step.mandatory(), template.subject(), template.body()))
                        .as(step.trigger() + " " + language).isEmpty();
            }
        }
    }

    @Test
    void anUnknownPlaceholderIsRefusedWithAMessageAndAValidTextIsSavedAndPreviewedEscaped() throws Exception {
        ReminderStep noOrder = step(Trigger.NO_ORDER);
        String page = mvc.perform(post(base + "/steps/" + noOrder.id() + "/templates/nl").with(csrf()).with(authentication(admin))
                        .param("subject", "Herinnering {campagne}").param("body", "Beste {establishment}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("The placeholder {campagne} does not exist", "href=\"#subject\"",
                "The message must contain {optOutLink}");
        assertThat(reminders.template(office.tenant().id(), noOrder, Language.NL).subject()).startsWith("Herinnering: ");

        mvc.perform(post(base + "/steps/" + noOrder.id() + "/templates/nl").with(csrf()).with(authentication(admin))
                        .param("subject", "Nog even over {campaign}, {establishment}")
                        .param("body", "Beste <script>alert(1)</script> van {establishment},\n\nBestel hier: {link}\n\nAfmelden: {optOutLink}"))
                .andExpect(redirectedUrl(base + "/steps/" + noOrder.id() + "?language=nl"));

        String preview = mvc.perform(get(base + "/steps/" + noOrder.id()).param("language", "nl")
                        .param("establishment", office.hotel().value().toString()).param("previewLanguage", "nl")
                        .header("HX-Request", "true").with(authentication(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("Nog even over Campagne", "Hôtel des Falaises", "&lt;script&gt;alert(1)&lt;/script&gt;",
                        "/pro/establishments/" + office.hotel().value() + "/campaigns/" + office.campaign().value(),
                        "/reminders/opt-out/", "To: " + office.hotelPro().email())
                .doesNotContain("<script>alert").doesNotContain("<html");
    }

    @Test
    void theLogShowsWhatWasSentFilteredByLanguageAndTheOptedOut() throws Exception {
        var id = office.tenant().id();
        var gite = directory.establishment(id, "Gîte du Phare").type(EstablishmentType.HOTEL).rooms(3)
                .email("gite-" + office.tenant().slug() + "@phare.test").create();
        reminders.optOut(id, gite);
        reminders.sweep(id, office.campaign(), Instant.now());
        String log = mvc.perform(get(base + "/log").with(authentication(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(log).contains("3 mails", "Hôtel des Falaises", "Camping de la Baie", "Gîte du Phare", "Invitation",
                "Opted out of reminders");
        String french = mvc.perform(get(base + "/log").param("language", "fr").with(authentication(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(french).contains("One mail", "Gîte du Phare");
        mvc.perform(get(base + "/log").param("page", "99999999999").param("step", "x").param("establishment", "1-2-3-4-5")
                .with(authentication(admin))).andExpect(status().isOk());
    }

    @Test
    void stepsAreEditedByAdministratorsOnlyAndTamperedInputNeverFails() throws Exception {
        ReminderStep basket = step(Trigger.BASKET_ABANDONED);
        mvc.perform(post(base + "/steps/" + basket.id()).with(csrf()).with(authentication(admin))
                .param("days", "5")).andExpect(status().is3xxRedirection());
        assertThat(reminders.step(office.tenant().id(), basket.id()).orElseThrow())
                .extracting(ReminderStep::days, ReminderStep::active).containsExactly(5, false);
        for (String days : List.of("-1", "366", "99999999999999", "abc", "")) {
            String refused = mvc.perform(post(base + "/steps/" + basket.id()).with(csrf()).with(authentication(admin))
                            .param("days", days)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(refused).contains("Enter a number of days between 0 and 365.", "href=\"#days-" + basket.id() + "\"",
                    "aria-invalid=\"true\"");
        }
        assertThat(reminders.step(office.tenant().id(), basket.id()).orElseThrow().days()).isEqualTo(5);

        String page = mvc.perform(get(base).with(authentication(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Send invitations now", "Run reminders now", "Basket abandoned", "Invoice unpaid");

        mvc.perform(get(base + "/steps/" + UUID.randomUUID()).with(authentication(admin))).andExpect(status().isNotFound());
        mvc.perform(get(base + "/steps/not-a-uuid").with(authentication(admin))).andExpect(status().isNotFound());
        mvc.perform(get("/t/" + office.tenant().slug() + "/office/reminders/" + UUID.randomUUID()).with(authentication(admin)))
                .andExpect(status().isNotFound());
        mvc.perform(get(base + "/steps/" + basket.id()).param("establishment", UUID.randomUUID().toString())
                .param("language", "xx").with(authentication(admin))).andExpect(status().isOk());
        mvc.perform(post(base + "/steps/" + basket.id() + "/templates/de").with(csrf()).with(authentication(admin))
                .param("subject", "x").param("body", "y")).andExpect(status().isNotFound());

        var finance = tenants.person(office.tenant(), Role.FINANCE).authentication();
        mvc.perform(get(base).with(authentication(finance))).andExpect(status().isForbidden());
        var other = fixtures.office(true);
        mvc.perform(get("/t/" + other.tenant().slug() + "/office/reminders/" + office.campaign().value())
                .with(authentication(other.admin().authentication()))).andExpect(status().isNotFound());
        var city = tenants.tenant(TenantKind.MUNICIPALITY);
        mvc.perform(get("/t/" + city.slug() + "/office/reminders")
                .with(authentication(tenants.person(city, Role.TENANT_ADMIN).authentication()))).andExpect(status().isNotFound());
    }

    private ReminderStep step(Trigger trigger) {
        return steps.stream().filter(s -> s.trigger() == trigger).findFirst().orElseThrow();
    }
}
