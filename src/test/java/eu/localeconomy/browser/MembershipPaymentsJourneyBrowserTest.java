package eu.localeconomy.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import eu.localeconomy.membership.card.CardFixtures;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.membership.invoice.InvoiceSettings;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.TestTenants;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;

import static eu.localeconomy.browser.BasketBrowserTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole of a campaign's money in one office, as its people click through it:
 * <ol>
 *   <li>the Hôtel des Falaises' professional orders by card, pays on Stripe's (stub) page and downloads the invoice —
 *       a valid PDF/A-3 with its Factur-X XML (screenshots {@code journey-1…});</li>
 *   <li>the Hôtel du Port's professional orders by transfer; finance records the payment (journey-2…);</li>
 *   <li>finance refunds that transfer: the order is REFUNDED and a credit note is issued against its invoice
 *       (journey-3…);</li>
 *   <li>the dashboard reflects all three: one paid prospect, the refunded one counts for nothing, the card money in
 *       the payment split and the transfer netted out (journey-4…).</li>
 * </ol>
 * Every page WCAG-checked.
 */
class MembershipPaymentsJourneyBrowserTest extends BrowserTestSupport {

    @Autowired OrderFixtures orders;
    @Autowired CardFixtures cards;
    @Autowired InvoiceFixtures invoices;
    @Autowired BasketFixtures baskets;
    @Autowired Professionals professionals;
    @Autowired TestTenants tenants;
    @Autowired eu.localeconomy.membership.payment.Payments payments;

    @Test
    void cardTransferRefundAndTheDashboard() throws Exception {
        BasketFixtures.Office office = invoices.office(InvoiceSettings.IssueAt.PAYMENT);
        cards.connect(office.tenant().id());
        String slug = office.tenant().slug();
        var cardPro = office.hotelPro();
        var transferPro = baskets.hotelWithProfessional(office, "Hôtel du Port");
        var port = professionals.establishmentsOf(office.tenant().id(), transferPro.principal().userId()).getFirst();
        var finance = tenants.person(office.tenant(), eu.localeconomy.account.Role.FINANCE);
        for (var pro : java.util.List.of(cardPro, transferPro)) {
            jdbc.sql("update user_account set language = 'fr' where lower(email) = lower(?)").param(pro.email()).update();
        }

        // 1. Card: order, pay on Stripe's page, back to the order, download the invoice.
        Page card = newPage();
        login(card, slug, cardPro.email(), TestTenants.PASSWORD);
        String cardOrder = order(card, "/t/" + slug + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign(), "CARD");
        clickAndWait(card, card.locator("main form[action$='/pay'] button[type=submit]"));
        clickAndWait(card, card.locator("#pay"));
        assertThat(card.locator("#card-status").innerText()).isEqualTo(message("card.success.paid", "fr"));
        screenshot(card, "journey-1-card-paid-fr");
        clickAndWait(card, card.locator("#card-order-link"));
        assertThat(pathOf(card)).isEqualTo(cardOrder);
        Locator invoiceLink = card.locator(".order-document-list a[href*='/pro/invoices/']");
        // The invoice is issued right after the payment's transaction commits.
        card.waitForCondition(() -> {
            if (invoiceLink.count() > 0) {
                return true;
            }
            card.reload();
            return false;
        }, new Page.WaitForConditionOptions().setTimeout(20_000));
        assertThat(text(invoiceLink.first())).contains("FA-");
        screenshot(card, "journey-1-card-invoice-fr");
        assertPageIsSound(card);
        Download download = card.waitForDownload(() -> invoiceLink.first().click());
        Path pdf = download.path();
        assertFacturX(pdf, "Hôtel des Falaises");

        // 2. Transfer: order, then finance records the whole amount.
        Page transfer = newPage();
        login(transfer, slug, transferPro.email(), TestTenants.PASSWORD);
        String transferOrder = order(transfer, "/t/" + slug + "/pro/establishments/" + port + "/campaigns/" + office.campaign(), "TRANSFER");
        assertThat(text(transfer.locator("#pay-rf"))).startsWith("RF");
        screenshot(transfer, "journey-2-transfer-order-fr");

        Page staff = newPage();
        login(staff, slug, finance.email(), TestTenants.PASSWORD);
        String officeOrder = "/t/" + slug + "/office/orders/" + idOf(transferOrder);
        staff.navigate(url(officeOrder));
        staff.locator("#reference").fill("Virement Hôtel du Port");
        clickAndWait(staff, staff.locator("form[action$='/payments'] button[type=submit]"));
        assertThat(text(staff.locator("main .badge").first())).isEqualTo(message("orderStatus.PAID", "en"));
        awaitDocuments(staff, 1);
        screenshot(staff, "journey-2-transfer-paid");
        assertPageIsSound(staff);

        // 3. Refund of that transfer: REFUNDED, and a credit note against the invoice.
        staff.locator("#refund-amount").fill(payments.account(office.tenant().id(), idOf(transferOrder)).orElseThrow().paid().plain());
        staff.locator("#refund-reason").fill("Fermeture de l'établissement");
        clickAndWait(staff, staff.locator("form[action$='/refunds'] button[type=submit]"));
        assertThat(text(staff.locator("main .badge").first())).isEqualTo(message("orderStatus.REFUNDED", "en"));
        // A refunded order takes no more payments: nothing is left to pay.
        assertThat(payments.account(office.tenant().id(), idOf(transferOrder)).orElseThrow().balance().cents()).isZero();
        awaitDocuments(staff, 2);
        String documents = text(staff.locator(".order-document-list"));
        assertThat(documents).contains("FA-", "AV-");
        screenshot(staff, "journey-3-refund-credit-note");
        assertPageIsSound(staff);
        Download creditNote = staff.waitForDownload(() -> staff.locator(".order-document-list a").last().click());
        assertFacturX(creditNote.path(), "Hôtel du Port");

        // 4. The dashboard: the card order paid, the refunded one counts for nothing.
        staff.navigate(url("/t/" + slug + "/office/follow-up/campaigns/" + office.campaign()));
        assertThat(staff.locator("#stage-PAID td a").first().innerText()).isEqualTo("1");
        long cardCents = payments.account(office.tenant().id(), idOf(cardOrder)).orElseThrow().due().cents();
        assertThat(digits(staff.locator("#method-CARD td").last())).isEqualTo(Long.toString(cardCents));
        // The transfer came in and went back: nothing received by transfer, everything by card.
        assertThat(digits(staff.locator("#method-TRANSFER td").last())).isEqualTo("000");
        assertThat(digits(staff.locator("#method-total td").last())).isEqualTo(Long.toString(cardCents));
        screenshot(staff, "journey-4-dashboard");
        assertPageIsSound(staff);
        clickAndWait(staff, staff.locator("#stage-PAID td a").first());
        assertThat(text(staff.locator("#prospects tbody"))).contains("Hôtel des Falaises").doesNotContain("Hôtel du Port");
        screenshot(staff, "journey-4-dashboard-paid-list");
    }

    private static java.util.UUID idOf(String orderPath) {
        return java.util.UUID.fromString(orderPath.substring(orderPath.lastIndexOf('/') + 1));
    }

    /** The digits of an amount as shown, whatever the language's separators ("316,80 €" → "31680"). */
    private static String digits(Locator cell) {
        return text(cell).replaceAll("\\D", "");
    }

    /** From the campaign page through the checkout with this method; returns the order page's path. */
    private String order(Page page, String campaignPath, String method) {
        page.navigate(url(campaignPath));
        clickAndWait(page, page.locator("#basket a.button"));
        page.locator("#paymentMethod-" + method).check();
        page.locator("#acceptTerms").check();
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(pathOf(page)).contains("/pro/orders/");
        return pathOf(page);
    }

    /** Waits until the order page lists this many invoices / credit notes (issued after the payment commits). */
    private static void awaitDocuments(Page page, int count) {
        page.waitForCondition(() -> {
            if (page.locator(".order-document-list li").count() >= count) {
                return true;
            }
            page.reload();
            return false;
        }, new Page.WaitForConditionOptions().setTimeout(20_000));
    }

    /** A PDF/A-3 with an embedded Factur-X XML that Mustang's validator accepts, made out to this buyer. */
    private static void assertFacturX(Path pdf, String buyer) throws Exception {
        byte[] bytes = Files.readAllBytes(pdf);
        try (var document = Loader.loadPDF(bytes)) {
            assertThat(new PDFTextStripper().getText(document)).contains(buyer);
            PDEmbeddedFilesNameTreeNode files = new PDDocumentNameDictionary(document.getDocumentCatalog()).getEmbeddedFiles();
            assertThat(files.getNames()).containsKey("factur-x.xml");
        }
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf.toString());
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
    }
}
