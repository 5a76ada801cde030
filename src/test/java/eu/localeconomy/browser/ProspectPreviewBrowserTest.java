package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office's administrator checks a campaign before launch by viewing it as two prospects: the hotel sees the hotels'
 * range with its membership priced per room (screenshot {@code preview-1-hotel-en}), the campsite its own range and
 * price ({@code preview-2-campsite-en}); nothing can be changed there. The campaign is built through the catalogue's
 * admin service (BasketFixtures). Every page WCAG-checked.
 */
class ProspectPreviewBrowserTest extends BrowserTestSupport {

    @Autowired BasketFixtures fixtures;

    @Test
    void theAdministratorPreviewsTheCampaignAsTwoProspects() {
        var office = fixtures.office(true);
        String slug = office.tenant().slug();
        Page page = newPage();
        login(page, slug, office.admin().email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + slug + "/office/campaigns/" + office.campaign() + "/preview"));
        assertThat(page.locator("main").innerText()).contains(message("preview.noEstablishment", "en"));
        assertPageIsSound(page);

        page.locator("#preview-q").fill("falaises");
        clickAndWait(page, page.locator("form.preview-picker button[type=submit]"));
        clickAndWait(page, page.locator(".preview-candidates a").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Hôtel des Falaises")));
        String hotel = page.locator("main").innerText();
        assertThat(page.locator(".preview-banner strong").innerText()).isEqualTo("Preview as Hôtel des Falaises");
        assertThat(hotel).contains("Gamme hôtels (en)", "Page brochure (en)", "€264.00", "€316.80").doesNotContain("Gamme campings");
        // Every action is disabled: no form posts anywhere from the preview.
        assertThat(page.locator("main [hx-post]").count()).isZero();
        assertThat(page.locator(".offer button:not([disabled])").count()).isZero();
        screenshot(page, "preview-1-hotel-en");
        assertPageIsSound(page);

        page.locator("#preview-q").fill("camping");
        clickAndWait(page, page.locator("form.preview-picker button[type=submit]"));
        clickAndWait(page, page.locator(".preview-candidates a").first());
        String campsite = page.locator("main").innerText();
        assertThat(page.locator(".preview-banner strong").innerText()).isEqualTo("Preview as Camping de la Baie");
        assertThat(campsite).contains("Gamme campings (en)", "€120.00", "€144.00").doesNotContain("Gamme hôtels");
        screenshot(page, "preview-2-campsite-en");
        assertPageIsSound(page);
    }
}
