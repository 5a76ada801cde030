package eu.localeconomy.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.tenant.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tourism office's administrator defines a yes/no custom field, sets it on an establishment through the edit
 * form, then builds the segment "hotels of at least 3 stars, or partners" with a sub-group, watching the live count
 * change as the conditions change, saves it and finds it in the list. In French, axe-core on every page.
 */
class DirectoryBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "baie-des-falaises";
    private static final String ADMIN = "admin@baie-des-falaises.test";

    @Autowired DirectoryFixtures directory;
    @Autowired Tenants tenants;

    @AfterEach
    void restoreAdministrator() {
        restoreDemoAccount(ADMIN, "fr");
    }

    @Test
    void customFieldEstablishmentAndSegment() {
        restoreDemoAccount(ADMIN, "fr");
        // A field, an establishment and a segment of their own on every run.
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String key = "partner_" + run;
        String label = "Association partenaire " + run;
        String gite = "Gîte des Embruns " + run;
        String segmentName = "Hôtels 3★ et plus ou partenaires " + run;
        var tenant = tenants.findBySlug(SLUG).orElseThrow();
        directory.establishment(tenant.id(), gite).type(EstablishmentType.RENTAL).persons(6).city("76790", "Étretat").create();

        Page page = newPage();
        login(page, SLUG, ADMIN, DEMO_PASSWORD);
        String office = "/t/" + SLUG + "/office";

        // 1. the custom field
        page.navigate(url(office + "/custom-fields"));
        assertThat(htmlLang(page)).isEqualTo("fr");
        assertPageIsSound(page);
        page.locator("#key").fill(key);
        page.locator("#type").selectOption("BOOLEAN");
        page.locator("#labelNl").fill("Partnervereniging " + run);
        page.locator("#labelFr").fill(label);
        page.locator("#labelEn").fill("Partner association " + run);
        clickAndWait(page, page.locator("main form button[type=submit]").first());
        assertThat(page.locator(".notice[role=status]").innerText()).isEqualTo(message("directory.customFields.saved", "fr"));
        assertThat(page.locator("main table").innerText()).contains(key, label);
        screenshot(page, "directory-1-custom-fields-fr");
        assertPageIsSound(page);

        // 2. the establishment: found by the search (htmx), edited to set the field
        clickAndWait(page, page.locator("nav.sidenav a[href$='/office/establishments']"));
        assertPageIsSound(page);
        page.locator("#q").fill(run);
        page.waitForResponse(r -> r.url().contains("/office/establishments?"),
                () -> page.locator("form.filters button[type=submit]").click());
        Locator row = page.locator("#establishment-results tbody tr").filter(new Locator.FilterOptions().setHasText(gite));
        row.waitFor();
        assertThat(page.locator("#establishment-results tbody tr").count()).isEqualTo(1);
        screenshot(page, "directory-2-establishments-fr");
        clickAndWait(page, row.locator("a"));
        assertThat(page.locator("main h1").innerText()).isEqualTo(gite);
        assertPageIsSound(page);
        clickAndWait(page, page.locator("main a[href$='/edit']"));
        assertPageIsSound(page);
        page.locator("#cf_" + key).selectOption("true");
        // a wrong SIRET first: the message sits under the field and in the summary
        page.locator("#siret").fill("732 829 320 00079");
        clickAndWait(page, page.locator("main form.establishment-form button[type=submit]"));
        assertThat(page.locator("#siret-error").innerText()).isEqualTo(message("directory.error.siret.checksum", "fr"));
        assertThat(page.locator("#error-summary a[href='#siret']").count()).isEqualTo(1);
        screenshot(page, "directory-3-establishment-errors-fr");
        assertPageIsSound(page);
        page.locator("#siret").fill("");
        clickAndWait(page, page.locator("main form.establishment-form button[type=submit]"));
        assertThat(page.locator(".notice[role=status]").innerText()).isEqualTo(message("directory.establishment.updated", "fr"));
        Locator facts = page.locator("main section").filter(new Locator.FilterOptions().setHasText(label));
        assertThat(facts.innerText()).contains(label, message("directory.yes", "fr"));
        screenshot(page, "directory-4-establishment-fr");
        assertPageIsSound(page);

        // 3. the segment: ANY of (a group: type hotel AND classification from 3) and (the partner field is yes)
        page.navigate(url(office + "/segments/new"));
        assertPageIsSound(page);
        page.locator("#segment-name").fill(segmentName);
        htmx(page, () -> page.locator("#junction").selectOption("ANY"));
        htmx(page, () -> page.locator("button[value=addGroup]").click());
        assertThat(page.locator("#g0-c0-field").inputValue()).isEqualTo("type");
        assertThat(page.locator("#g0-junction").inputValue()).isEqualTo("ANY");
        htmx(page, () -> page.locator("#g0-junction").selectOption("ALL"));
        htmx(page, () -> page.locator("button[value='add:g0']").click());
        htmx(page, () -> page.locator("#g0-c1-field").selectOption("classification_value"));
        htmx(page, () -> page.locator("#g0-c1-op").selectOption("BETWEEN"));
        page.locator("#g0-c1-v").fill("3");
        htmx(page, () -> page.locator("#g0-c1-v").press("Tab"));
        String hotelsOnly = page.locator("#segment-count").innerText();
        assertThat(hotelsOnly).matches(".*\\d.*|" + message("directory.segment.count", "fr", 0));

        // an invalid bound shows a message in place, never an error page
        page.locator("#g0-c1-v2").fill("abc");
        htmx(page, () -> page.locator("#g0-c1-v2").press("Tab"));
        assertThat(page.locator("#g0-c1-error").innerText()).isEqualTo(message("directory.criteria.notNumber", "fr",
                "classification_value", "abc"));
        assertThat(page.locator("#segment-count").innerText()).isEqualTo(message("directory.segment.invalid", "fr"));
        screenshot(page, "directory-5-segment-invalid-fr");
        assertPageIsSound(page);
        page.locator("#g0-c1-v2").fill("");
        htmx(page, () -> page.locator("#g0-c1-v2").press("Tab"));
        assertThat(page.locator("#segment-count").innerText()).isEqualTo(hotelsOnly);

        htmx(page, () -> page.locator("button[value=add]").click());
        htmx(page, () -> page.locator("#c0-field").selectOption("custom." + key));
        assertThat(page.locator("#c0-v").inputValue()).isEqualTo("true");
        String withPartners = page.locator("#segment-count").innerText();
        assertThat(withPartners).as("the partner gîte joins the hotels").isNotEqualTo(hotelsOnly);
        assertThat(page.locator("#segment-members").innerText()).contains(gite);
        assertThat(page.locator("#segment-count").getAttribute("aria-live")).isEqualTo("polite");
        screenshot(page, "directory-6-segment-builder-fr");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("button[value=save]"));
        assertThat(pathOf(page)).isEqualTo(office + "/segments");
        assertThat(page.locator(".notice[role=status]").innerText()).isEqualTo(message("directory.segment.saved", "fr"));
        Locator saved = page.locator("main table tbody tr").filter(new Locator.FilterOptions().setHasText(segmentName));
        assertThat(saved.count()).isEqualTo(1);
        assertThat(withPartners).startsWith(saved.locator("td").nth(1).innerText());
        screenshot(page, "directory-7-segments-fr");
        assertPageIsSound(page);

        // the saved segment filters the establishment list
        page.navigate(url(office + "/establishments"));
        htmx(page, () -> page.locator("#segment").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(segmentName)));
        assertThat(page.locator("#establishment-results").innerText()).contains(gite);
    }

    /** Does something that makes htmx post or get, and waits until its answer has been swapped in. */
    private static void htmx(Page page, Runnable action) {
        page.waitForResponse(r -> r.request().headerValue("hx-request") != null, action);
        page.waitForFunction("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')");
    }
}
