package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every demo login: logs in, lands in its own area, works in each language of the switcher with the layout of its
 * area (WCAG-checked, screenshot {@code target/screenshots/layout-<who>-<language>.png}), is refused (403) what its
 * role or tenant does not allow, and logs out to the home page of its tenant.
 */
class RoleLayoutsBrowserTest extends BrowserTestSupport {

    private static final List<String> STAFF_LANGUAGES = List.of("nl", "fr", "en");
    private static final List<String> CITIZEN_LANGUAGES = List.of("nl", "fr", "en", "de");

    /** The landmark that tells one area's layout from the others. */
    enum Layout {
        BACK_OFFICE("nav.sidenav"), MERCHANT("nav.tabbar"), TOPBAR("header.topbar");

        final String landmark;

        Layout(String landmark) {
            this.landmark = landmark;
        }
    }

    /**
     * @param name      used in test and screenshot names
     * @param slug      tenant, or null for the platform administrator
     * @param language  the account's language in the demo data
     * @param landing   where the role lands after login
     * @param allowed   pages of the role's area besides the landing page that it may open
     * @param forbidden pages that must answer 403
     */
    record Person(String name, String slug, String email, String language, String landing, Layout layout,
                  List<String> languages, List<String> allowed, List<String> forbidden) {
        @Override
        public String toString() {
            return name + " <" + email + ">";
        }

        String home() {
            return slug == null ? "/" : "/t/" + slug + "/";
        }
    }

    static List<Person> people() {
        String dh = "/t/duinhaven";
        String bf = "/t/baie-des-falaises";
        return List.of(
                new Person("platform-admin", null, "admin@platform.test", "en", "/admin", Layout.TOPBAR,
                        STAFF_LANGUAGES, List.of("/admin/tenants/new", "/account"),
                        List.of(dh + "/office", bf + "/pro", dh + "/me")),
                new Person("duinhaven-tenant-admin", "duinhaven", "beheer@duinhaven.test", "nl", dh + "/office",
                        Layout.BACK_OFFICE, STAFF_LANGUAGES,
                        List.of(dh + "/office/staff", dh + "/office/audit", dh + "/office/settings", dh + "/account"),
                        List.of(bf + "/office", "/admin", dh + "/merchant")),
                new Person("duinhaven-finance", "duinhaven", "financien@duinhaven.test", "nl", dh + "/office",
                        Layout.BACK_OFFICE, STAFF_LANGUAGES, List.of(dh + "/account"),
                        List.of(dh + "/office/staff", dh + "/office/settings", bf + "/office")),
                new Person("duinhaven-helpdesk", "duinhaven", "helpdesk@duinhaven.test", "nl", dh + "/office",
                        Layout.BACK_OFFICE, STAFF_LANGUAGES, List.of(),
                        List.of(dh + "/office/audit", dh + "/office/staff")),
                new Person("duinhaven-read-only", "duinhaven", "lezer@duinhaven.test", "nl", dh + "/office",
                        Layout.BACK_OFFICE, STAFF_LANGUAGES, List.of(),
                        List.of(dh + "/office/staff", dh + "/merchant")),
                new Person("duinhaven-merchant-owner", "duinhaven", "eigenaar@bakkerij-zeewind.test", "nl",
                        dh + "/merchant", Layout.MERCHANT, STAFF_LANGUAGES, List.of(dh + "/account"),
                        List.of(dh + "/office", dh + "/me")),
                new Person("duinhaven-cashier", "duinhaven", "kassa@bakkerij-zeewind.test", "nl", dh + "/merchant",
                        Layout.MERCHANT, STAFF_LANGUAGES, List.of(),
                        List.of(dh + "/office", bf + "/merchant")),
                new Person("duinhaven-citizen", "duinhaven", "burger@duinhaven.test", "nl", dh + "/me",
                        Layout.TOPBAR, CITIZEN_LANGUAGES, List.of(dh + "/account"),
                        List.of(dh + "/office/staff", dh + "/office", dh + "/merchant")),
                new Person("baie-des-falaises-tenant-admin", "baie-des-falaises", "admin@baie-des-falaises.test", "fr",
                        bf + "/office", Layout.BACK_OFFICE, STAFF_LANGUAGES, List.of(bf + "/office/staff"),
                        List.of(dh + "/office", "/admin")),
                new Person("baie-des-falaises-finance", "baie-des-falaises", "compta@baie-des-falaises.test", "fr",
                        bf + "/office", Layout.BACK_OFFICE, STAFF_LANGUAGES, List.of(),
                        List.of(bf + "/office/audit", dh + "/office")),
                new Person("baie-des-falaises-helpdesk", "baie-des-falaises", "accueil@baie-des-falaises.test", "fr",
                        bf + "/office", Layout.BACK_OFFICE, STAFF_LANGUAGES, List.of(),
                        List.of(bf + "/office/staff", bf + "/pro")),
                new Person("baie-des-falaises-read-only", "baie-des-falaises", "lecture@baie-des-falaises.test", "fr",
                        bf + "/office", Layout.BACK_OFFICE, STAFF_LANGUAGES, List.of(),
                        List.of(bf + "/office/settings")),
                new Person("baie-des-falaises-professional", "baie-des-falaises", "pro@hotel-des-falaises.test", "fr",
                        bf + "/pro", Layout.TOPBAR, STAFF_LANGUAGES, List.of(bf + "/account"),
                        List.of(bf + "/office", dh + "/pro")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("people")
    void seesTheLayoutOfItsAreaInEveryLanguageAndNothingElse(Person person) {
        restoreDemoAccount(person.email(), person.language());
        Page page = newPage();
        if (person.layout() == Layout.MERCHANT) {
            // The merchant app is made for the phone at the counter.
            page.setViewportSize(390, 844);
        }

        login(page, person.slug(), person.email(), DEMO_PASSWORD);
        assertThat(pathOf(page)).as("landing page").isEqualTo(person.landing());
        assertThat(htmlLang(page)).as("the account's own language").isEqualTo(person.language());

        for (String language : person.languages()) {
            switchLanguage(page, language);
            assertThat(pathOf(page)).startsWith(person.landing());
            assertThat(page.locator(person.layout().landmark).isVisible())
                    .as("%s on %s in %s", person.layout().landmark, person.landing(), language).isTrue();
            assertThat(page.locator("header.topbar").isVisible()).isTrue();
            assertThat(page.locator("main#main h1").isVisible()).isTrue();
            screenshot(page, "layout-" + person.name() + "-" + language);
            assertPageIsSound(page);
        }
        // German only exists on citizen pages: elsewhere the switcher does not offer it.
        assertThat(page.locator("nav.languages a").evaluateAll("links => links.map(a => a.hreflang)"))
                .isEqualTo(person.languages());

        for (String path : person.allowed()) {
            assertThat(page.navigate(url(path)).status()).as("status of %s", path).isEqualTo(200);
            assertThat(pathOf(page)).isEqualTo(path);
            assertThat(page.locator(person.layout().landmark).isVisible()).as("layout of %s", path).isTrue();
            screenshot(page, "page-" + person.name() + path.replaceAll("^/t/[^/]+", "").replace('/', '-'));
            assertPageIsSound(page);
        }
        for (String path : person.forbidden()) {
            assertThat(page.navigate(url(path)).status()).as("status of %s", path).isEqualTo(403);
        }
        assertPageIsSound(page);

        page.navigate(url(person.landing()));
        clickAndWait(page, page.locator("form[action$='/logout'] button[type=submit]"));
        assertThat(pathOf(page)).isEqualTo(person.home() + "?loggedOut");
        if (person.slug() != null) {
            assertThat(page.locator("main p.notice[role=status]").innerText())
                    .isEqualTo(message("home.tenant.loggedOut", htmlLang(page)));
        }
        // Logged out for real: the area now asks for a login.
        page.navigate(url(person.landing()));
        assertThat(pathOf(page)).isEqualTo(person.slug() == null ? "/login" : "/t/" + person.slug() + "/login");
    }
}
