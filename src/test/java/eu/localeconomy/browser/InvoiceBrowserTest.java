package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.invoice.InvoiceSettings;
import eu.localeconomy.membership.invoice.Invoices;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office's administrator sets up invoicing: a wrong SIRET is named in the error summary linked to its field
 * ({@code invoices-1-settings-error}), the numbering format's live example follows the typing
 * ({@code invoices-2-settings-example}), the settings are saved; an order is invoiced at once and listed
 * ({@code invoices-3-list}); the accounting export page says its columns ({@code invoices-4-accounting}). Every page
 * WCAG-checked.
 */
class InvoiceBrowserTest extends BrowserTestSupport {

    @Autowired InvoiceFixtures fixtures;
    @Autowired Invoices invoices;

    @Test
    void theAdministratorSetsUpInvoicingAndFindsTheIssuedInvoice() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.ORDER);
        String slug = office.tenant().slug();
        Page page = newPage();
        login(page, slug, office.admin().email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + slug + "/office/invoice-settings"));
        assertPageIsSound(page);

        page.locator("#siret").fill("73282932000075");
        clickAndWait(page, page.locator("main form.invoice-settings button[type=submit]"));
        assertThat(page.locator("#error-summary").innerText()).contains("This SIRET is not valid");
        assertThat(page.locator("#siret").getAttribute("aria-invalid")).isEqualTo("true");
        screenshot(page, "invoices-1-settings-error");
        assertPageIsSound(page);

        page.locator("#siret").fill(InvoiceFixtures.SIRET);
        page.locator("#invoicePrefix").fill("OT");
        page.locator("#invoiceFormat").fill("{PREFIX}-{YY}{MM}-{SEQ:4}");
        page.locator("#invoice-example").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("OT-"))
                .waitFor();
        assertThat(page.locator("#invoice-example").innerText()).matches("Next number: OT-\\d{4}-0001");
        screenshot(page, "invoices-2-settings-example");
        clickAndWait(page, page.locator("main form.invoice-settings button[type=submit]"));
        assertThat(page.locator(".notice").innerText()).isEqualTo("The invoice settings are saved.");
        assertPageIsSound(page);

        var order = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (invoices.documentsOf(office.tenant().id(), order).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        var invoice = invoices.documentsOf(office.tenant().id(), order).getFirst();
        page.navigate(url("/t/" + slug + "/office/invoices"));
        assertThat(page.locator("main table").innerText()).contains(invoice.number(), "Hôtel des Falaises");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download " + invoice.number() + " as PDF"))
                .getAttribute("href")).endsWith(invoice.id() + ".pdf");
        screenshot(page, "invoices-3-list");
        assertPageIsSound(page);

        page.navigate(url("/t/" + slug + "/office/accounting"));
        assertThat(page.locator("main").innerText()).contains("vat_rate", "Download the CSV");
        screenshot(page, "invoices-4-accounting");
        assertPageIsSound(page);
    }
}
