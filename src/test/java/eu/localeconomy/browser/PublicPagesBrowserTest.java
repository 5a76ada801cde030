package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

/**
 * Every page a visitor can open without logging in, in every language it is offered in (German only on the tenants'
 * citizen-facing pages): WCAG 2.1 A/AA checked with axe-core, and a screenshot of each in
 * {@code target/screenshots/<page>-<language>.png}.
 */
class PublicPagesBrowserTest extends BrowserTestSupport {

    private static final List<String> STAFF_LANGUAGES = List.of("nl", "fr", "en");
    private static final List<String> CITIZEN_LANGUAGES = List.of("nl", "fr", "en", "de");

    record PublicPage(String name, String path, int status, List<String> languages) {
        @Override
        public String toString() {
            return name + " (" + path + ")";
        }
    }

    static List<PublicPage> publicPages() {
        return List.of(
                new PublicPage("platform-home", "/", 200, STAFF_LANGUAGES),
                new PublicPage("platform-login", "/login", 200, STAFF_LANGUAGES),
                new PublicPage("duinhaven-home", "/t/duinhaven/", 200, CITIZEN_LANGUAGES),
                new PublicPage("duinhaven-login", "/t/duinhaven/login", 200, CITIZEN_LANGUAGES),
                new PublicPage("duinhaven-password-forgot", "/t/duinhaven/password/forgot", 200, CITIZEN_LANGUAGES),
                new PublicPage("duinhaven-login-link", "/t/duinhaven/login/link", 200, CITIZEN_LANGUAGES),
                new PublicPage("duinhaven-enrol", "/t/duinhaven/enrol", 200, CITIZEN_LANGUAGES),
                new PublicPage("duinhaven-enrol-not-received", "/t/duinhaven/enrol/not-received", 200, CITIZEN_LANGUAGES),
                new PublicPage("duinhaven-enrol-qr-invalid", "/t/duinhaven/c/not-a-valid-token", 404, CITIZEN_LANGUAGES),
                new PublicPage("baie-des-falaises-home", "/t/baie-des-falaises/", 200, CITIZEN_LANGUAGES),
                new PublicPage("baie-des-falaises-login", "/t/baie-des-falaises/login", 200, CITIZEN_LANGUAGES),
                new PublicPage("not-found", "/t/unknown/", 404, CITIZEN_LANGUAGES));
    }

    /** Guards the guard: a page with known WCAG failures must fail the check, naming the rules and elements. */
    @Test
    void accessibilityCheckReportsSeriousViolations() {
        Page page = newPage();
        page.navigate(url("/"));
        page.evaluate("""
                () => {
                  const main = document.querySelector('main');
                  main.insertAdjacentHTML('beforeend',
                    '<img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                    + '<button id="no-name" type="button"></button>');
                }""");
        assertThatThrownBy(() -> assertAccessible(page))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt").hasMessageContaining("#no-alt")
                .hasMessageContaining("button-name").hasMessageContaining("#no-name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicPages")
    void isAccessibleInEveryLanguage(PublicPage publicPage) {
        Page page = newPage();
        // Each language is checked even when another fails, so that one run reports them all.
        assertAll(publicPage.languages().stream().map(language -> (Executable) () -> {
            Response response = page.navigate(url(publicPage.path() + "?lang=" + language));

            assertThat(response.status()).as("status of %s", publicPage.path()).isEqualTo(publicPage.status());
            assertThat(htmlLang(page)).isEqualTo(language);
            assertThat(page.locator("main#main h1").count()).as("one h1 in main").isEqualTo(1);
            // The switcher offers exactly the page's languages and marks the current one.
            assertThat(page.locator("nav.languages a").evaluateAll("links => links.map(a => a.hreflang)"))
                    .isEqualTo(publicPage.languages());
            assertThat(page.locator("nav.languages a[aria-current=true]").getAttribute("hreflang")).isEqualTo(language);

            screenshot(page, publicPage.name() + "-" + language);
            assertPageIsSound(page);
        }));
    }
}
