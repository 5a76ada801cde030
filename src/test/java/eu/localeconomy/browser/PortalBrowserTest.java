package eu.localeconomy.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.support.CitizenFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A citizen's portal journey in Duinhaven: logs in, sees their card in Dutch and in German (screenshots
 * {@code target/screenshots/portal-*.png}, WCAG-checked), downloads their data, asks for erasure, which the helpdesk
 * then sees, and withdraws consent, after which the portal asks for a login again.
 */
class PortalBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "duinhaven";
    private static final String HELPDESK = "helpdesk@duinhaven.test";

    @Autowired Tenants tenants;
    @Autowired Accounts accounts;
    @Autowired SavingsFixtures savings;
    @Autowired CitizenFixtures citizens;

    @Test
    void aCitizenUsesThePortalInDutchAndGerman() throws Exception {
        Tenant duinhaven = tenants.findTenantBySlug(SLUG).orElseThrow();
        var programme = savings.openProgramme(duinhaven);
        var card = savings.residentHousehold(duinhaven, programme, "Zeedijk", "12", "8300", List.of(
                new SavingsFixtures.Adult("Els", "Janssens", "75061223453", LocalDate.of(1975, 6, 12)),
                new SavingsFixtures.Adult("Wim", "Janssens", "92122405676", LocalDate.of(1992, 12, 24))));
        String email = "els-" + UUID.randomUUID().toString().substring(0, 8) + "@duinhaven.test";
        var id = accounts.create(duinhaven.id(), email, "Els Janssens", Role.CITIZEN, Language.NL, DEMO_PASSWORD);
        citizens.enrol(duinhaven, programme, card, "Els", new TestTenants.Person(duinhaven, email,
                new eu.localeconomy.account.AccountPrincipal(id, duinhaven.id(), SLUG, "Els Janssens", Role.CITIZEN, Language.NL)));
        citizens.enrol(duinhaven, programme, card, "Wim");

        Page page = newPage();
        login(page, SLUG, email, DEMO_PASSWORD);
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/me");
        assertThat(htmlLang(page)).isEqualTo("nl");
        assertThat(page.locator("main#main h1").innerText()).isEqualTo(message("portal.title", "nl"));
        assertThat(page.locator("main").innerText()).contains(card.number().formatted())
                .contains("Inwoner").contains(message("portal.history.none", "nl"))
                .contains(message("portal.card.adultsWithYou", "nl", "Wim"));
        screenshot(page, "portal-home-nl");
        assertPageIsSound(page);

        switchLanguage(page, "de");
        assertThat(page.locator("main#main h1").innerText()).isEqualTo(message("portal.title", "de"));
        assertThat(page.locator("main").innerText()).contains("Einwohner").contains(message("portal.history.none", "de"));
        screenshot(page, "portal-home-de");
        assertPageIsSound(page);

        for (String path : List.of("/me/email", "/me/consent", "/me/erasure")) {
            page.navigate(url("/t/" + SLUG + path));
            assertThat(htmlLang(page)).isEqualTo("de");
            screenshot(page, "portal" + path.replace("/me", "").replace('/', '-') + "-de");
            assertPageIsSound(page);
        }

        // The data export is a JSON download holding the card.
        page.navigate(url("/t/" + SLUG + "/me"));
        Download download = page.waitForDownload(() -> page.locator("main a[href$='/me/data.json']").click());
        var data = JsonMapper.builder().build().readTree(Files.readString(download.path()));
        assertThat(data.get("account").get("email").asString()).isEqualTo(email);
        assertThat(data.get("enrolments").get(0).get("card").get("number").asString()).isEqualTo(card.number().formatted());

        // An erasure request, seen by the helpdesk in its own list.
        page.navigate(url("/t/" + SLUG + "/me/erasure"));
        page.locator("#reason").fill("Ich ziehe um.");
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(page.locator("p.notice[role=status]").innerText()).isEqualTo(message("portal.erasure.recorded", "de"));
        assertThat(page.locator("main").innerText()).contains(message("portal.erasure.pending", "de"));
        screenshot(page, "portal-erasure-recorded-de");
        assertPageIsSound(page);

        restoreDemoAccount(HELPDESK, "nl");
        Page office = newPage();
        login(office, SLUG, HELPDESK, DEMO_PASSWORD);
        clickAndWait(office, office.locator("nav.sidenav a[href$='/office/erasure-requests']"));
        assertThat(office.locator("main").innerText()).contains(email).contains("Ich ziehe um.");
        screenshot(office, "portal-office-erasure-requests-nl");
        assertPageIsSound(office);

        // Withdrawing consent logs out and closes the account.
        page.navigate(url("/t/" + SLUG + "/me/consent"));
        page.locator("main input[type=checkbox][name=confirm]").check();
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/");
        assertThat(page.locator("p.notice[role=status]").innerText()).isEqualTo(message("portal.consent.withdrawn", "de"));
        screenshot(page, "portal-withdrawn-de");
        assertPageIsSound(page);
        page.navigate(url("/t/" + SLUG + "/me"));
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/login");
        login(page, SLUG, email, DEMO_PASSWORD);
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/login?error");
    }
}
