package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Mot de passe oublié ?" in French on the tourism office's site: the link arrives in the development mailbox, sets a
 * new password that then logs in, and works only once.
 */
class PasswordResetBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "baie-des-falaises";
    private static final String EMAIL = "compta@baie-des-falaises.test";
    private static final String NEW_PASSWORD = "Une phrase de passe toute neuve 2026";

    @AfterEach
    void restoreAccount() {
        restoreDemoAccount(EMAIL, "fr");
    }

    @Test
    void resetsThePasswordWithTheMailedLinkOnce() {
        restoreDemoAccount(EMAIL, "fr");
        Page page = newPage();

        page.navigate(url("/t/" + SLUG + "/login?lang=fr"));
        assertThat(htmlLang(page)).isEqualTo("fr");
        clickAndWait(page, page.locator("main a[href$='/password/forgot']"));
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/password/forgot");
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("password.forgot.title", "fr"));
        page.locator("#email").fill(EMAIL);
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("password.forgot.sentTitle", "fr"));
        screenshot(page, "reset-1-sent-fr");
        assertPageIsSound(page);

        String link = linkFromMailbox(page, EMAIL);
        assertThat(htmlLang(page)).isEqualTo("fr");
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("mail.password-reset.subject", "fr"));
        screenshot(page, "reset-2-mail-fr");
        assertPageIsSound(page);
        assertThat(link).startsWith("/t/" + SLUG + "/password/reset?token=");

        page.navigate(url(link));
        assertThat(htmlLang(page)).isEqualTo("fr");
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("password.reset.title", "fr"));
        page.locator("#password").fill(NEW_PASSWORD);
        page.locator("#confirmation").fill(NEW_PASSWORD);
        screenshot(page, "reset-3-form-fr");
        assertPageIsSound(page);
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/login?reset");
        assertThat(page.locator("main p.notice[role=status]").innerText()).isEqualTo(message("login.afterReset", "fr"));

        login(page, SLUG, EMAIL, NEW_PASSWORD);
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/office");
        assertThat(page.locator("nav.sidenav").isVisible()).isTrue();

        page.navigate(url(link));
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("link.invalid.title", "fr"));
        assertThat(page.locator("main p.error[role=alert]").innerText()).isEqualTo(message("link.invalid.text", "fr"));
        screenshot(page, "reset-4-link-used-fr");
        assertPageIsSound(page);
    }
}
