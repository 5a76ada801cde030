package eu.localeconomy.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import eu.localeconomy.account.Role;
import eu.localeconomy.savings.ledger.Counter;
import eu.localeconomy.savings.ledger.Ledger;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shop owner opens the portal's transactions (phone-sized screen), filters them, downloads the XLSX and CSV
 * exports, and reads the page in French and Dutch; every page WCAG-checked, screenshots
 * {@code target/screenshots/merchant-transactions-*.png}.
 */
class MerchantTransactionsBrowserTest extends BrowserTestSupport {

    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired MerchantFixtures merchantFixtures;
    @Autowired Merchants merchants;
    @Autowired MerchantDevices devices;
    @Autowired Ledger ledger;

    @Test
    void anOwnerListsFiltersAndExportsTheShopsTransactions() throws Exception {
        Tenant tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        Programme programme = savings.openProgramme(tenant);
        UUID shop = merchantFixtures.approvedMerchant(tenant.id(), "Bakkerij Zeewind");
        TestTenants.Person owner = tenants.person(tenant, Role.MERCHANT_OWNER);
        merchants.link(tenant.id(), shop, owner.principal().userId(), Merchants.StaffRole.OWNER, owner.principal());
        UUID till = devices.register(tenant.id(), shop, "Till", owner.principal().userId()).device().id();
        var counter = new Counter(tenant.id(), shop, till, owner.principal().userId());
        UUID lastEarn = null;
        for (int i = 0; i < 4; i++) {
            var card = savings.residentHousehold(tenant, programme, "Zeedijk", String.valueOf(i + 1), "8300",
                    List.of(new SavingsFixtures.Adult("An", "Peeters " + i, nrn(i), LocalDate.of(1980, 1, 1).plusDays(i))));
            jdbc.sql("update savings_card set status = 'ACTIVE', activated_at = now() where id = ?").param(card.cardId()).update();
            lastEarn = ledger.earn(counter, card.cardId(), 30_00 + i * 10_00, "browser-" + i).transactionId();
        }
        ledger.reverse(counter, lastEarn, "browser-reversal");

        Page page = newPage();
        page.setViewportSize(390, 844);
        login(page, tenant.slug(), owner.email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + tenant.slug() + "/merchant/transactions"));
        assertThat(page.locator("table.statement-table tbody tr").count()).isEqualTo(5);
        assertThat(page.locator(".statement-totals").innerText()).contains("Credit earned by customers");
        assertPageIsSound(page);
        screenshot(page, "merchant-transactions-en");

        page.locator("#kind").selectOption("REVERSAL");
        clickAndWait(page, page.locator("main form.statement-filters button[type=submit]"));
        assertThat(pathOf(page)).contains("kind=REVERSAL");
        assertThat(page.locator("table.statement-table tbody tr").count()).isEqualTo(1);
        assertPageIsSound(page);

        Download xlsx = page.waitForDownload(() -> page.locator("main a[href*='export.xlsx']").click());
        try (var workbook = new ReadableWorkbook(Files.newInputStream(xlsx.path()))) {
            var rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).getCellText(2)).isEqualTo("Reversal");
        }
        Download csv = page.waitForDownload(() -> page.locator("main a[href*='export.csv']").click());
        byte[] bytes = Files.readAllBytes(csv.path());
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);

        // A hand-made address with a device of no one: the error summary links to the field.
        page.navigate(url("/t/" + tenant.slug() + "/merchant/transactions?device=" + UUID.randomUUID()));
        assertThat(page.locator("#error-summary a[href='#device']").count()).isEqualTo(1);
        assertPageIsSound(page);

        switchLanguage(page, "fr");
        assertThat(page.locator("h1").innerText()).isEqualTo(message("statement.title", "fr"));
        assertPageIsSound(page);
        screenshot(page, "merchant-transactions-fr");
        page.navigate(url("/t/" + tenant.slug() + "/merchant/transactions"));
        switchLanguage(page, "nl");
        assertThat(page.locator(".statement-totals").innerText()).contains(message("statement.totals.owed", "nl"));
        assertPageIsSound(page);
        screenshot(page, "merchant-transactions-nl");
    }

    private static String nrn(int i) {
        LocalDate birth = LocalDate.of(1980, 1, 1).plusDays(i);
        String body = String.format("%02d%02d%02d%03d", birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth(), 7);
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }
}
