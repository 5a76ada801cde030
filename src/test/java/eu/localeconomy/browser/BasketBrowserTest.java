package eu.localeconomy.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hotel's professional composes and orders a basket in French: the campaign page with its explained prices and the
 * mandatory membership already in the basket (screenshot {@code basket-1-campaign-fr}); an optional guide added and a
 * donation typed, the totals excl. VAT, VAT per rate and incl. VAT updated in place by htmx, a donation under the
 * minimum refused with a message and the basket intact (screenshot {@code basket-2-totals-fr}); the checkout with the
 * terms of sale and transfer chosen ({@code basket-3-checkout-fr}); the confirmation ({@code basket-4-order-fr}).
 * Every page WCAG-checked.
 */
class BasketBrowserTest extends BrowserTestSupport {

    @Autowired BasketFixtures fixtures;

    @Test
    void aProfessionalComposesAndOrdersABasketInFrench() {
        var office = fixtures.office(true);
        var p = office.products();
        TestTenants.Person pro = office.hotelPro();
        jdbc.sql("update user_account set language = 'fr' where lower(email) = lower(?)").param(pro.email()).update();
        String slug = office.tenant().slug();
        String campaignPath = "/t/" + slug + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign();

        Page page = newPage();
        login(page, slug, pro.email(), TestTenants.PASSWORD);
        page.navigate(url(campaignPath));
        assertThat(htmlLang(page)).isEqualTo("fr");
        assertThat(page.locator("main h1").innerText()).isEqualTo("Campagne " + (java.time.LocalDate.now().getYear() + 1));
        Locator basket = page.locator("#basket");
        assertThat(basket.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(basket.innerText()).contains("Adhésion", message("offer.type.MANDATORY", "fr"));
        assertThat(text(page.locator("#product-" + p.membership() + " .offer-explanation"))).contains("264,00 €");
        screenshot(page, "basket-1-campaign-fr");
        assertPageIsSound(page);

        // Adding the guide: the basket answers in place, the page stays.
        page.locator("#product-" + p.guide() + " button[type=submit]").click();
        basket.locator("#qty-" + p.guide()).waitFor();
        assertThat(pathOf(page)).isEqualTo(campaignPath);
        page.locator("#qty-" + p.guide()).fill("2");
        page.locator("#qty-" + p.guide()).dispatchEvent("change");
        waitForText(page, "#basket .basket-gross", "337,92 €");

        // A donation under the minimum: refused, said in French, the basket unchanged.
        page.locator("#donation-" + p.donation()).fill("5");
        page.locator("#donation-" + p.donation()).press("Tab");
        page.locator("#basket [role=alert]").waitFor();
        assertThat(text(page.locator("#basket [role=alert]"))).contains("Le don pour Don au fonds de promotion doit être d'au moins 10,00 €");
        assertThat(text(page.locator("#basket .basket-gross").last())).contains("337,92 €");

        page.locator("#donation-" + p.donation()).fill("25,50");
        page.locator("#donation-" + p.donation()).press("Tab");
        // 264 + 2 × 10,01 + 25,50 = 309,52 HT; TVA 52,80 + 1,10; 363,42 TTC.
        waitForText(page, "#basket .basket-gross", "363,42 €");
        String totals = text(page.locator("#basket .basket-totals"));
        assertThat(totals).contains("309,52 €", "TVA 20 % sur 264,00 €", "52,80 €", "TVA 5,5 % sur 20,02 €", "1,10 €", "363,42 €");
        assertThat(page.locator("#basket [role=alert]").count()).isZero();
        screenshot(page, "basket-2-totals-fr");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("#basket a.button"));
        assertThat(pathOf(page)).isEqualTo(campaignPath + "/checkout");
        assertThat(page.locator("details.terms-text summary").innerText()).contains("version 1");
        page.locator("#paymentMethod-TRANSFER").check();
        page.locator("#acceptTerms").check();
        screenshot(page, "basket-3-checkout-fr");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(pathOf(page)).startsWith("/t/" + slug + "/pro/orders/");
        assertThat(page.locator("main [role=status]").innerText()).isEqualTo(message("order.status.AWAITING_PAYMENT", "fr"));
        String order = text(page.locator("main"));
        assertThat(order).contains("Guide papier", "Don au fonds de promotion", "Virement bancaire", "363,42 €");
        screenshot(page, "basket-4-order-fr");
        assertPageIsSound(page);

        // Back on the campaign page: ordered, nothing more to add.
        page.navigate(url(campaignPath));
        assertThat(page.locator("main p.notice").first().innerText()).contains(message("basket.alreadyOrdered", "fr"));
    }

    /** Visible text with the no-break spaces of French amounts made plain. */
    static String text(Locator locator) {
        return locator.innerText().replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    static void waitForText(Page page, String selector, String expected) {
        page.waitForCondition(() -> {
            Locator target = page.locator(selector);
            return target.count() > 0 && text(target.last()).contains(expected);
        }, new Page.WaitForConditionOptions().setTimeout(10_000));
    }
}
