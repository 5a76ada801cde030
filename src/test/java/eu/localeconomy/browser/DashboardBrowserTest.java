package eu.localeconomy.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.FollowUpFixtures;
import eu.localeconomy.support.TestTenants;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff follow a campaign: the dashboard (charts and tables), a number clicked to the list behind it, the list
 * filtered and exported, an establishment's timeline with a note; and a professional says "not this season" on the
 * campaign page. Screenshots {@code followup-*}; every page WCAG-checked.
 */
class DashboardBrowserTest extends BrowserTestSupport {

    @Autowired FollowUpFixtures fixtures;
    @Autowired BasketFixtures baskets;
    @Autowired TestTenants tenants;
    @Autowired Professionals professionals;

    @Test
    void staffOpenTheDashboardClickANumberAndExportTheList() throws Exception {
        var scenario = fixtures.scenario();
        String slug = scenario.office().tenant().slug();
        var helpdesk = tenants.person(scenario.office().tenant(), Role.HELPDESK);

        Page page = newPage();
        login(page, slug, helpdesk.email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + slug + "/office?lang=en"));
        clickAndWait(page, page.locator("nav.sidenav a[href$='/office/follow-up']"));
        assertThat(page.locator("h1").innerText()).startsWith("Follow-up: Campagne");
        assertThat(page.locator("#stage-ORDERED td a").first().innerText()).isEqualTo("4");
        assertThat(page.locator("svg.fu-chart").count()).isGreaterThanOrEqualTo(3);
        screenshot(page, "followup-1-dashboard-en");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("#stage-ORDERED td a").first());
        assertThat(page.locator("#prospect-count").getAttribute("data-count")).isEqualTo("4");
        assertThat(page.locator("#prospects tbody tr").count()).isEqualTo(4);
        screenshot(page, "followup-2-list-ordered-en");
        assertPageIsSound(page);

        // The filter form narrows the list by htmx; the export follows the filters.
        page.locator("#q").fill("chèque");
        page.locator("#q").press("Enter");
        page.waitForCondition(() -> "1".equals(page.locator("#prospect-count").getAttribute("data-count")));
        assertThat(page.locator("#prospects tbody").innerText()).contains("Hôtel Chèque");
        Download download = page.waitForDownload(() -> page.locator("#export-csv").click());
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.EXCEL.parse(new StringReader(csv.substring(1))).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(0)).isEqualTo("Hôtel Chèque");
        screenshot(page, "followup-3-list-filtered-en");

        // From the list to the establishment's timeline, where staff add a note.
        clickAndWait(page, page.locator("#prospects tbody a").first());
        assertThat(page.locator("h1").innerText()).isEqualTo("Timeline: Hôtel Chèque");
        assertThat(page.locator("#timeline").innerText()).contains("Payment received by cheque", "Refund by cheque");
        page.locator("#note-body").fill("Called back: comes to the spring fair.");
        clickAndWait(page, page.locator("#note-form button[type=submit]"));
        assertThat(page.locator(".notice").innerText()).isEqualTo("Note added.");
        assertThat(page.locator("#timeline li").first().innerText()).contains("Called back: comes to the spring fair.");
        screenshot(page, "followup-4-timeline-en");
        assertPageIsSound(page);

        switchLanguage(page, "fr");
        assertThat(page.locator("h1").innerText()).isEqualTo("Historique : Hôtel Chèque");
        assertPageIsSound(page);
        page.navigate(url("/t/" + slug + "/office/follow-up/campaigns/" + scenario.office().campaign()));
        assertThat(page.locator("#stages th").first().innerText()).isEqualTo("Étape");
        screenshot(page, "followup-5-dashboard-fr");
        assertPageIsSound(page);
    }

    @Test
    void aProfessionalSaysNotThisSeason() {
        BasketFixtures.Office office = baskets.office(true);
        var pro = baskets.hotelWithProfessional(office, "Hôtel du Phare");
        var hotel = professionals.establishmentsOf(office.tenant().id(), pro.principal().userId()).getFirst();
        String slug = office.tenant().slug();
        Page page = newPage();
        login(page, slug, pro.email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + slug + "/pro/establishments/" + hotel + "/campaigns/" + office.campaign() + "?lang=en"));
        page.locator("#decline-reason").fill("Renovation all winter");
        clickAndWait(page, page.locator("#decline button[type=submit]"));
        assertThat(page.locator(".notice").innerText()).isEqualTo("Thank you, your answer is recorded.");
        assertThat(page.locator("#decline").innerText()).contains("Renovation all winter", "I changed my mind");
        screenshot(page, "followup-6-declined-en");
        assertPageIsSound(page);
        clickAndWait(page, page.locator("#decline button[type=submit]"));
        assertThat(page.locator("#decline-reason").count()).isEqualTo(1);
    }
}
