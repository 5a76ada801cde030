package eu.localeconomy.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.shared.Language;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static eu.localeconomy.browser.BasketBrowserTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hotel's professional orders with a bank transfer and reads the office's IBAN and the order's RF reference on the
 * order page ({@code transfer-1-order-fr}); staff record a partial payment ({@code transfer-2-partial}), then the rest
 * (the amount is the balance, prefilled): the order shows PAID and its timeline ({@code transfer-3-paid}); the
 * professional sees it paid ({@code transfer-4-pro-paid}). Every page WCAG-checked.
 */
class TransferPaymentBrowserTest extends BrowserTestSupport {

    @Autowired OrderFixtures fixtures;
    @Autowired Payments payments;

    @Test
    void aProfessionalPaysByTransferAndStaffRecordItInTwoParts() {
        var office = fixtures.office();
        TestTenants.Person pro = office.hotelPro();
        jdbc.sql("update user_account set language = 'fr' where lower(email) = lower(?)").param(pro.email()).update();
        String slug = office.tenant().slug();
        String campaignPath = "/t/" + slug + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign();

        Page page = newPage();
        login(page, slug, pro.email(), TestTenants.PASSWORD);
        page.navigate(url(campaignPath + "/checkout"));
        // Card is switched on but the office has no Stripe account that can charge: not offered.
        assertThat(page.locator("#paymentMethod-CARD").count()).isZero();
        page.locator("#paymentMethod-TRANSFER").check();
        page.locator("#acceptTerms").check();
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(pathOf(page)).startsWith("/t/" + slug + "/pro/orders/");
        UUID orderId = UUID.fromString(pathOf(page).substring(pathOf(page).lastIndexOf('/') + 1));
        var instructions = payments.instructions(office.tenant().id(), orderId, Language.FR).orElseThrow();
        assertThat(text(page.locator("#pay-iban"))).isEqualTo(OrderFixtures.IBAN_FORMATTED);
        assertThat(text(page.locator("#pay-rf"))).isEqualTo(instructions.creditorReference()).matches("RF\\d\\d( \\d{4}){4}");
        assertThat(text(page.locator("main"))).contains("Comment payer", "Office de tourisme de la Baie", OrderFixtures.BIC);
        screenshot(page, "transfer-1-order-fr");
        assertPageIsSound(page);

        // Staff find the order and record a first part.
        Page staff = newPage();
        login(staff, slug, office.admin().email(), TestTenants.PASSWORD);
        staff.navigate(url("/t/" + slug + "/office/orders"));
        assertPageIsSound(staff);
        clickAndWait(staff, staff.locator("#order-results a").first());
        assertThat(pathOf(staff)).isEqualTo("/t/" + slug + "/office/orders/" + orderId);
        staff.locator("#amount").fill("50.00");
        staff.locator("#reference").fill("Relevé du 23/11");
        clickAndWait(staff, staff.locator("form[action$='/payments'] button[type=submit]"));
        assertThat(text(staff.locator("p.notice[role=status]").first())).isEqualTo(message("orders.payment.recorded", "en"));
        assertThat(text(staff.locator("main .badge").first())).isEqualTo(message("orderStatus.PARTIALLY_PAID", "en"));
        screenshot(staff, "transfer-2-partial");
        assertPageIsSound(staff);

        // The rest: the amount field holds the balance already.
        String balance = payments.account(office.tenant().id(), orderId).orElseThrow().balance().plain();
        assertThat(staff.locator("#amount").inputValue()).isEqualTo(balance);
        clickAndWait(staff, staff.locator("form[action$='/payments'] button[type=submit]"));
        assertThat(text(staff.locator("main .badge").first())).isEqualTo(message("orderStatus.PAID", "en"));
        String timeline = text(staff.locator(".order-timeline"));
        assertThat(timeline).contains(message("orderTimeline.placed", "en"), message("orderTimeline.payment.recorded", "en"),
                message("orderStatus.PARTIALLY_PAID", "en") + " → " + message("orderStatus.PAID", "en"));
        assertThat(staff.locator("#payments-table tbody tr").count()).isEqualTo(2);
        assertThat(staff.locator("form[action$='/payments']").count()).isZero();
        screenshot(staff, "transfer-3-paid");
        assertPageIsSound(staff);

        page.reload();
        assertThat(text(page.locator("main [role=status]").first())).isEqualTo(message("order.status.PAID", "fr"));
        assertThat(page.locator("#pay-iban").count()).isZero();
        assertThat(text(page.locator("#order-balance"))).isEqualTo("0,00 €");
        screenshot(page, "transfer-4-pro-paid");
        assertPageIsSound(page);
    }

    @Test
    void theOfficeSetsUpItsPaymentMethodsWithMessagesNextToTheFields() {
        var office = fixtures.office();
        String slug = office.tenant().slug();
        jdbc.sql("update user_account set language = 'fr' where lower(email) = lower(?)").param(office.admin().email()).update();
        Page staff = newPage();
        login(staff, slug, office.admin().email(), TestTenants.PASSWORD);
        staff.navigate(url("/t/" + slug + "/office/payment-settings"));
        assertThat(staff.locator("#iban").inputValue()).isEqualTo(OrderFixtures.IBAN_FORMATTED);
        staff.locator("#iban").fill("FR76 3000 6000 0112 3456 7890 188");
        staff.locator("#chequePayee").fill("");
        clickAndWait(staff, staff.locator("main form button[type=submit]"));
        Locator summary = staff.locator("#error-summary");
        assertThat(text(summary)).contains(message("paymentSettings.error.iban", "fr"),
                message("paymentSettings.error.chequePayeeRequired", "fr"));
        assertThat(staff.locator("#iban").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(staff.locator("#iban").getAttribute("aria-describedby")).isEqualTo("iban-error");
        screenshot(staff, "transfer-5-settings-errors-fr");
        assertPageIsSound(staff);

        staff.locator("#iban").fill(OrderFixtures.IBAN);
        staff.locator("#chequePayee").fill("Office de tourisme");
        clickAndWait(staff, staff.locator("main form button[type=submit]"));
        assertThat(text(staff.locator("p.notice[role=status]").first())).isEqualTo(message("paymentSettings.saved", "fr"));

        // The campaign offers transfers only.
        staff.navigate(url("/t/" + slug + "/office/campaigns/" + office.campaign()));
        staff.locator("#campaign-method-CHEQUE").uncheck();
        staff.locator("#campaign-method-CASH").uncheck();
        clickAndWait(staff, staff.locator("#payment-methods button[type=submit]"));
        assertThat(staff.locator("#campaign-method-TRANSFER").isChecked()).isTrue();
        assertThat(staff.locator("#campaign-method-CHEQUE").isChecked()).isFalse();
        screenshot(staff, "transfer-6-campaign-methods-fr");
        assertPageIsSound(staff);
    }
}
