package eu.localeconomy.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

import static eu.localeconomy.support.DirectoryFixtures.is;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tourism office's administrator builds a campaign in the back office: the campaign, a range offered to the hotels'
 * segment, a product with two price rules (3★ hotels €180, secondary establishments −50 %), tries the price on a
 * hotel, reads the launch checks (a restaurant gets no range), the price matrix with its explanations, and downloads
 * the XLSX (read back here). Screenshots {@code campaign-*}; every page WCAG-checked.
 */
class CampaignBrowserTest extends BrowserTestSupport {

    @Autowired TestTenants tenants;
    @Autowired DirectoryFixtures directory;

    @Test
    void theAdministratorBuildsACampaignAndChecksThePriceMatrix() throws Exception {
        Tenant tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var admin = tenants.person(tenant, Role.TENANT_ADMIN);
        directory.segment(tenant.id(), "Hôtels", is("type", "HOTEL"));
        directory.establishment(tenant.id(), "Hôtel des Falaises").stars(3).rooms(42)
                .secondaryOf(DirectoryFixtures.SIREN, "Falaises SAS").create();
        directory.establishment(tenant.id(), "Le Bistrot").type(EstablishmentType.RESTAURANT).create();
        String slug = tenant.slug();

        Page page = newPage();
        login(page, slug, admin.email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + slug + "/office/campaigns?lang=en"));
        assertThat(page.locator("h1").innerText()).isEqualTo("Membership campaigns");
        assertPageIsSound(page);
        clickAndWait(page, page.locator("main a.button"));

        // A mistake first: the error summary links to the field.
        page.locator("#name").fill("Adhésions 2027");
        page.locator("#opensOn").fill("2027-03-31");
        page.locator("#closesOn").fill("2026-12-01");
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(page.locator(".error-summary a[href='#closesOn']").innerText())
                .isEqualTo("The campaign cannot close before it opens.");
        screenshot(page, "campaign-1-new-errors-en");
        assertPageIsSound(page);
        page.locator("#opensOn").fill("2026-12-01");
        page.locator("#closesOn").fill("2027-03-31");
        page.locator("#introFr").fill("Bienvenue dans la campagne 2027.");
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(page.locator(".notice").innerText()).isEqualTo("The campaign was created.");

        page.locator("#new-range-nameFr").fill("Gamme hôtels");
        page.locator("#new-range-nameEn").fill("Hotels");
        clickAndWait(page, page.locator("form:has(#new-range-nameFr) button[type=submit]"));
        page.locator("select[id^=assign-]").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Hôtels"));
        page.locator("input[id^=priority-]").fill("5");
        clickAndWait(page, page.locator("form:has(select[id^=assign-]) button[type=submit]"));
        assertThat(page.locator("#ranges table").innerText()).contains("Hôtels", "5");

        clickAndWait(page, page.locator("#ranges a.button"));
        page.locator("#code").fill("ADH");
        page.locator("#nameFr").fill("Adhésion");
        page.locator("#nameEn").fill("Membership");
        page.locator("#type").selectOption("MANDATORY");
        page.locator("#basePrice").fill("120");
        clickAndWait(page, page.locator("main form button[type=submit]").first());
        assertThat(page.locator(".notice").innerText()).isEqualTo("The product was created.");

        page.locator("#kind").selectOption("SET");
        page.locator("#labelFr").fill("catégorie hôtel 3★");
        page.locator("#labelEn").fill("category hotel 3★");
        page.locator("#amount").fill("180");
        page.locator("#conditionField0").selectOption("type");
        page.locator("#conditionValue0").fill("HOTEL");
        page.locator("#conditionField1").selectOption("classification_value");
        page.locator("#conditionValue1").fill("3");
        clickAndWait(page, page.locator("form.rule-form button[type=submit]"));
        page.locator("#kind").selectOption("PERCENT");
        page.locator("#labelFr").fill("établissement secondaire");
        page.locator("#labelEn").fill("secondary establishment");
        page.locator("#percent").fill("-50");
        page.locator("#conditionField0").selectOption("main");
        page.locator("#conditionValue0").fill("false");
        clickAndWait(page, page.locator("form.rule-form button[type=submit]"));
        assertThat(page.locator("#rules table tbody tr").count()).isEqualTo(2);

        page.locator("#try-establishment").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Hôtel des Falaises"));
        page.locator("#try button[type=submit]").click();
        page.locator("#try-result .price-total").waitFor();
        assertThat(page.locator("#try-result").innerText()).contains("€90.00", "category hotel 3★: €180.00",
                "secondary establishment −50\u00a0% → €90.00");
        screenshot(page, "campaign-2-product-rules-en");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("main > p > a").first());
        String checks = page.locator("section[aria-labelledby=checks-title]").innerText();
        assertThat(checks).contains("1 of 2 establishments are prospects", "Establishments that get no range (1)",
                "Le Bistrot");
        screenshot(page, "campaign-3-launch-checks-en");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("main a.button").filter(new Locator.FilterOptions().setHasText("Price matrix")));
        Locator cell = page.locator(".matrix .price-cell details").first();
        cell.locator("summary").click();
        assertThat(cell.innerText()).contains("€90.00", "category hotel 3★: €180.00; secondary establishment −50\u00a0% → €90.00");
        assertThat(page.locator(".matrix tbody").innerText()).doesNotContain("Le Bistrot");
        screenshot(page, "campaign-4-matrix-en");
        assertPageIsSound(page);

        Download download = page.waitForDownload(() -> page.locator("main a.button")
                .filter(new Locator.FilterOptions().setHasText("XLSX")).click());
        try (InputStream in = Files.newInputStream(download.path()); ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(2)).isEqualTo("ADH");
            assertThat(rows.get(1).getCellText(0)).isEqualTo("Hôtel des Falaises");
            assertThat(rows.get(1).getCell(2).asNumber()).isEqualByComparingTo("90");
        }

        switchLanguage(page, "fr");
        assertThat(page.locator("h1").innerText()).startsWith("Matrice des prix");
        page.locator(".matrix .price-cell details summary").first().click();
        assertThat(page.locator(".matrix .price-cell details").first().innerText())
                .contains("catégorie hôtel 3★ : 180,00\u00a0€ ; établissement secondaire −50\u00a0% → 90,00\u00a0€");
        screenshot(page, "campaign-5-matrix-fr");
        assertPageIsSound(page);
    }
}
