package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import eu.localeconomy.membership.card.CardFixtures;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.StripeStub;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hotel's professional orders with card and pays on Stripe's (stub) hosted page: the order awaiting payment with
 * its "Pay by card" button (screenshot {@code card-1-order-fr}); Stripe's page left once with Cancel, the cancelled
 * page ({@code card-2-cancelled-fr}); paid the second time, back on the success page ({@code card-3-success-fr}); the
 * order PAID ({@code card-4-paid-fr}). Every page of the platform WCAG-checked.
 */
class CardPaymentBrowserTest extends BrowserTestSupport {

    @Autowired OrderFixtures orders;
    @Autowired CardFixtures cards;
    @Autowired StripeStub stripe;

    @Test
    void aProfessionalPaysAnOrderByCard() {
        var office = orders.office();
        String account = cards.connect(office.tenant().id());
        TestTenants.Person pro = office.hotelPro();
        jdbc.sql("update user_account set language = 'fr' where lower(email) = lower(?)").param(pro.email()).update();
        String slug = office.tenant().slug();
        String campaignPath = "/t/" + slug + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign();

        Page page = newPage();
        login(page, slug, pro.email(), TestTenants.PASSWORD);
        page.navigate(url(campaignPath));
        clickAndWait(page, page.locator("#basket a.button"));
        page.locator("#paymentMethod-CARD").check();
        page.locator("#acceptTerms").check();
        clickAndWait(page, page.locator("main form button[type=submit]"));
        String orderPath = pathOf(page);
        assertThat(orderPath).startsWith("/t/" + slug + "/pro/orders/");
        var pay = page.locator("main form[action$='/pay'] button[type=submit]");
        assertThat(pay.innerText()).isNotBlank();
        screenshot(page, "card-1-order-fr");
        assertPageIsSound(page);

        // On Stripe's page the professional changes their mind: nothing charged, back to the order.
        clickAndWait(page, pay);
        assertThat(page.url()).startsWith(stripe.baseUrl() + "/pay/cs_test_");
        clickAndWait(page, page.locator("#cancel"));
        assertThat(pathOf(page)).isEqualTo(orderPath + "/card/cancelled");
        assertThat(page.locator("main [role=status]").innerText()).isEqualTo(message("card.cancelled.text", "fr"));
        screenshot(page, "card-2-cancelled-fr");
        assertPageIsSound(page);
        clickAndWait(page, page.locator("#card-order-link"));
        assertThat(pathOf(page)).isEqualTo(orderPath);

        // Then pays: the same session (still open), paid on Stripe's page, back on the success page.
        clickAndWait(page, page.locator("main form[action$='/pay'] button[type=submit]"));
        assertThat(stripe.requests("POST", "/v1/checkout/sessions", account)).hasSize(1);
        screenshot(page, "card-2b-stripe-stub");
        clickAndWait(page, page.locator("#pay"));
        assertThat(pathOf(page)).startsWith(orderPath + "/card/success?session_id=cs_test_");
        var status = page.locator("#card-status");
        assertThat(status.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(status.innerText()).isEqualTo(message("card.success.paid", "fr"));
        screenshot(page, "card-3-success-fr");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("#card-order-link"));
        assertThat(pathOf(page)).isEqualTo(orderPath);
        assertThat(page.locator("main").innerText()).contains(message("order.status.PAID", "fr"));
        assertThat(page.locator("main form[action$='/pay']").count()).isZero();
        screenshot(page, "card-4-paid-fr");
        assertPageIsSound(page);
    }

    @Test
    void anOfficeConnectsItsStripeAccount() {
        var office = orders.office();
        String slug = office.tenant().slug();
        Page page = newPage();
        login(page, slug, office.admin().email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + slug + "/office/stripe"));
        assertThat(page.locator("#stripe-connect").innerText()).isEqualTo(message("card.connect", "en"));
        screenshot(page, "card-0-stripe-not-connected");
        assertPageIsSound(page);

        // Stripe's onboarding (the stub completes it at once) sends the office back to the page.
        clickAndWait(page, page.locator("#stripe-connect"));
        assertThat(pathOf(page)).isEqualTo("/t/" + slug + "/office/stripe");
        assertThat(page.locator("#content > p.notice").first().innerText()).isEqualTo(message("card.connect.ready", "en"));
        assertThat(page.locator("main").innerText()).contains(message("card.status.ready", "en"), "acct_");
        screenshot(page, "card-0b-stripe-connected");
        assertPageIsSound(page);
    }
}
