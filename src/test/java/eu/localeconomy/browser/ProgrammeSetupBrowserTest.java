package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant administrator sets up a programme in Dutch: the form points out every mistake next to its field
 * (screenshot {@code programme-1-errors-nl}), a category row is added without JavaScript, the corrected programme is
 * saved (screenshot {@code programme-2-list-nl}); then the helpdesk finds a household of it by an adult's name and
 * opens it (screenshots {@code helpdesk-1-search-nl}, {@code helpdesk-2-household-nl}). Every page WCAG-checked.
 */
class ProgrammeSetupBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "duinhaven";
    private static final String ADMIN = "beheer@duinhaven.test";
    private static final String HELPDESK = "helpdesk@duinhaven.test";

    @Autowired Programmes programmes;
    @Autowired Tenants tenants;
    @Autowired SavingsFixtures savings;

    @AfterEach
    void restoreAccounts() {
        restoreDemoAccount(ADMIN, "nl");
        restoreDemoAccount(HELPDESK, "nl");
    }

    @Test
    void administratorSetsUpAProgrammeAndTheHelpdeskFindsAHousehold() {
        restoreDemoAccount(ADMIN, "nl");
        restoreDemoAccount(HELPDESK, "nl");
        String season = "B-" + UUID.randomUUID().toString().substring(0, 6);
        Page admin = newPage();
        login(admin, SLUG, ADMIN, DEMO_PASSWORD);
        clickAndWait(admin, admin.locator("nav.sidenav a[href$='/office/programmes']"));
        clickAndWait(admin, admin.locator("main a[href$='/office/programmes/new']"));
        assertThat(pathOf(admin)).isEqualTo("/t/" + SLUG + "/office/programmes/new");

        admin.locator("#season").fill(season);
        admin.locator("#name").fill("Shop & dine " + season);
        admin.locator("#titleNl").fill("Spaar en geniet");
        admin.locator("#enrolmentOpensOn").fill("2027-05-01");
        admin.locator("#enrolmentClosesOn").fill("2027-09-30");
        admin.locator("#earnFrom").fill("2027-07-01");
        admin.locator("#earnUntil").fill("2027-06-30");
        admin.locator("#conversionOn").fill("2027-10-01");
        admin.locator("#spendFrom").fill("2027-10-12");
        admin.locator("#spendUntil").fill("2027-12-06");
        row(admin, 0, "RESIDENT", "Inwoner", "150", "0");
        // The tenant holds no authorisation for the national register number (in the tests): the date of birth.
        assertThat(admin.locator("input[name=residentIdentifier][value=BIRTH_DATE]").isChecked()).isTrue();
        assertThat(admin.locator("input[name=residentIdentifier][value=NATIONAL_REGISTER_NUMBER]").isDisabled()).isTrue();

        clickAndWait(admin, admin.locator("button[name=addCategory]"));
        assertThat(admin.locator("input[name='categories[0].rate']").inputValue()).isEqualTo("150");
        row(admin, 1, "SECOND_HOME", "Tweede verblijf", "25 %", "200");
        admin.locator("select[name='categories[1].register']").selectOption("SECOND_HOME");
        clickAndWait(admin, admin.locator("main form button.button:not(.visually-hidden)").last());

        assertThat(admin.locator("#earnUntil-error").innerText()).isEqualTo(message("programme.window.earn", "nl"));
        assertThat(admin.locator("[id='categories[0].rate-error']").innerText()).isEqualTo(message("programme.rate.range", "nl"));
        assertThat(admin.locator("[id='categories[0].cap-error']").innerText()).isEqualTo(message("programme.cap.positive", "nl"));
        assertThat(admin.locator("#earnUntil").getAttribute("aria-invalid")).isEqualTo("true");
        screenshot(admin, "programme-1-errors-nl");
        assertPageIsSound(admin);

        admin.locator("#earnUntil").fill("2027-09-30");
        admin.locator("input[name='categories[0].rate']").fill("1/3");
        admin.locator("input[name='categories[0].cap']").fill("150");
        clickAndWait(admin, admin.locator("main form button.button:not(.visually-hidden)").last());
        assertThat(pathOf(admin)).isEqualTo("/t/" + SLUG + "/office/programmes");
        assertThat(admin.locator("p.notice[role=status]").innerText()).isEqualTo(message("programme.created", "nl"));
        assertThat(admin.locator("main table").innerText()).contains(season);
        screenshot(admin, "programme-2-list-nl");
        assertPageIsSound(admin);

        Tenant duinhaven = tenants.findTenantBySlug(SLUG).orElseThrow();
        Programme programme = programmes.all(duinhaven.id()).stream().filter(p -> p.season().equals(season))
                .findFirst().orElseThrow();
        var household = savings.residentHousehold(duinhaven, programme, "Zeedijk", "7", "8300", List.of(
                new SavingsFixtures.Adult("Mira", "Vandamme", "85073003328", LocalDate.of(1985, 7, 30)),
                new SavingsFixtures.Adult("Jonas", "Declercq", "90022500186", LocalDate.of(1990, 2, 25))));

        Page helpdesk = newPage();
        login(helpdesk, SLUG, HELPDESK, DEMO_PASSWORD);
        helpdesk.navigate(url("/t/" + SLUG + "/office/households?programme=" + programme.id()));
        helpdesk.locator("#name").fill("decl");
        clickAndWait(helpdesk, helpdesk.locator("main form button[type=submit]"));
        assertThat(helpdesk.locator("main table tbody tr").count()).isEqualTo(1);
        assertThat(helpdesk.locator("main table tbody").innerText()).contains("Mira Vandamme", household.number().formatted());
        screenshot(helpdesk, "helpdesk-1-search-nl");
        assertPageIsSound(helpdesk);

        clickAndWait(helpdesk, helpdesk.locator("main table tbody a"));
        assertThat(pathOf(helpdesk)).isEqualTo("/t/" + SLUG + "/office/households/" + household.householdId());
        assertThat(helpdesk.locator("main").innerText()).contains("••.••.••-•••.28", "Jonas Declercq")
                .doesNotContain("85073003328");
        screenshot(helpdesk, "helpdesk-2-household-nl");
        assertPageIsSound(helpdesk);
    }

    private static void row(Page page, int index, String code, String nameNl, String rate, String cap) {
        page.locator("input[name='categories[" + index + "].code']").fill(code);
        page.locator("input[name='categories[" + index + "].nameNl']").fill(nameNl);
        page.locator("input[name='categories[" + index + "].rate']").fill(rate);
        page.locator("input[name='categories[" + index + "].cap']").fill(cap);
    }
}
