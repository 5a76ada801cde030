package eu.localeconomy.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives the running application in Debian's Chromium through Playwright. Every browser test class extends this one,
 * so they all share one application context (one embedded database with the demo data); each test opens fresh browser
 * contexts (no shared cookies) and restores the demo accounts it uses before it starts, so the tests do not depend on
 * their order.
 *
 * <p>Without {@code /usr/bin/chromium} the tests are skipped, unless the system property {@code browser.required} is
 * {@code true} (as on CI), in which case they fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.demo.enabled=true",
        // Every browser test logs in from 127.0.0.1: the per-address brake must not turn a later test's login into
        // "too many attempts". The per-account lock, which the lockout test checks, is unaffected.
        "app.security.attempts-per-ip=1000"})
@ActiveProfiles("test")
abstract class BrowserTestSupport {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path AXE = Paths.get("src/test/browser/node_modules/axe-core/axe.min.js");
    static final Path SCREENSHOTS = Paths.get("target/screenshots");
    static final String DEMO_PASSWORD = "Demo-Password-2026";
    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Duration MAILBOX_WAIT = Duration.ofSeconds(10);

    private static Playwright playwright;
    private static Browser browser;
    private static String axeSource;

    private final List<BrowserContext> contexts = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    MessageSource messages;

    /** On a failure, a screenshot of every page the test had open, before the contexts are closed. */
    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (context, failure) -> {
        int n = 0;
        for (BrowserContext browserContext : contexts) {
            for (Page page : browserContext.pages()) {
                try {
                    String name = "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                            + context.getDisplayName().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + (++n);
                    screenshot(page, name);
                    failure.addSuppressed(new AssertionError("Screenshot of " + page.url() + ": "
                            + SCREENSHOTS.resolve(name + ".png")));
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    };

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            String reason = CHROMIUM + " is missing: install Debian's chromium package to run the browser tests";
            if (Boolean.getBoolean("browser.required")) {
                fail(reason + " (browser.required=true)");
            }
            System.err.println("Skipping the browser tests: " + reason);
            Assumptions.abort(reason);
        }
        if (!Files.isRegularFile(AXE)) {
            fail(AXE + " is missing: the build runs 'npm ci --prefix src/test/browser' in generate-test-resources");
        }
        axeSource = Files.readString(AXE, StandardCharsets.UTF_8);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** A page in a browser context of its own: its own cookies, as if a different person at a different computer. */
    Page newPage() {
        // The platform's Content-Security-Policy (script-src 'self') would block the injected axe-core script.
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true));
        context.setDefaultTimeout(15_000);
        context.setDefaultNavigationTimeout(20_000);
        contexts.add(context);
        return context.newPage();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The path and query of the page's address, e.g. {@code /t/duinhaven/login?error}. */
    static String pathOf(Page page) {
        URI uri = URI.create(page.url());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static String htmlLang(Page page) {
        return page.locator("html").getAttribute("lang");
    }

    /**
     * Clicks something that loads a new page (a link or a form button) and waits until that page is there: its final
     * response (after redirects) has arrived, it has replaced the old document (even at the same address, as after
     * a failed login or a form that redirects back to itself), and it has loaded.
     */
    static Response clickAndWait(Page page, Locator target) {
        AtomicBoolean committed = new AtomicBoolean();
        Consumer<Frame> onNavigated = frame -> {
            if (frame == page.mainFrame()) {
                committed.set(true);
            }
        };
        page.onFrameNavigated(onNavigated);
        try {
            Response response = page.waitForResponse(
                    r -> r.request().isNavigationRequest() && r.frame() == page.mainFrame() && r.status() / 100 != 3,
                    target::click);
            page.waitForCondition(committed::get);
            page.waitForLoadState();
            return response;
        } finally {
            page.offFrameNavigated(onNavigated);
        }
    }

    /** Fills in the login form of a tenant (or, without slug, the platform's) and submits it. */
    void login(Page page, String slug, String email, String password) {
        page.navigate(url(slug == null ? "/login" : "/t/" + slug + "/login"));
        page.locator("#email").fill(email);
        page.locator("#password").fill(password);
        clickAndWait(page, page.locator("main form button[type=submit]"));
    }

    /** Switches the language with the switcher in the header, as a person would. */
    static void switchLanguage(Page page, String language) {
        clickAndWait(page, page.locator("nav.languages a[hreflang=" + language + "]"));
        assertThat(htmlLang(page)).as("html[lang] after choosing %s on %s", language, page.url()).isEqualTo(language);
        assertThat(page.locator("nav.languages a[hreflang=" + language + "]").getAttribute("aria-current"))
                .isEqualTo("true");
    }

    String message(String key, String language, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.of(language));
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /**
     * Checks what a person sees on the page: no message-bundle syntax left in the text (an unreplaced {@code {0}},
     * the trace of a message whose apostrophes were not doubled for MessageFormat), and WCAG 2.1 A/AA with axe-core.
     */
    static void assertPageIsSound(Page page) {
        String text = page.locator("body").innerText();
        var placeholder = java.util.regex.Pattern.compile("\\{\\d+[^}]*}").matcher(text);
        if (placeholder.find()) {
            int from = Math.max(0, placeholder.start() - 60);
            fail("Unreplaced message argument on " + pathOf(page) + " (html lang=" + htmlLang(page) + "): ..."
                    + text.substring(from, Math.min(text.length(), placeholder.end() + 20)).replace('\n', ' ') + "...");
        }
        assertAccessible(page);
    }

    /**
     * Runs axe-core on the page against WCAG 2.1 A and AA and fails on every serious or critical violation, naming the
     * rule, its help text and the elements concerned.
     */
    @SuppressWarnings("unchecked")
    static void assertAccessible(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(axeSource));
        }
        var violations = (List<Map<String, Object>>) page.evaluate("""
                async (tags) => {
                  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                  return results.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                targets: v.nodes.map(n => n.target.join(' '))}));
                }""", WCAG_TAGS);
        if (!violations.isEmpty()) {
            String report = violations.stream()
                    .map(v -> "  - " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + "\n      "
                            + ((List<Object>) v.get("targets")).stream().map(String::valueOf)
                            .collect(Collectors.joining("\n      ")))
                    .collect(Collectors.joining("\n"));
            fail("Accessibility violations on " + pathOf(page) + " (html lang=" + htmlLang(page) + "):\n" + report);
        }
    }

    /**
     * Puts a demo account back as the demo data created it: demo password, no failed logins, not locked, its own
     * language. Tests that change an account (its password, its lock, its language) call this first.
     */
    void restoreDemoAccount(String email, String language) {
        int updated = jdbc.sql("""
                        update user_account set password_hash = ?, failed_logins = 0, locked_until = null, language = ?,
                            enabled = true
                        where lower(email) = lower(?)""")
                .params(passwordEncoder.encode(DEMO_PASSWORD), language, email)
                .update();
        assertThat(updated).as("demo account %s", email).isEqualTo(1);
    }

    /**
     * Opens the newest mail to the recipient in the development mailbox, polling its page until the dispatcher has
     * handled the mail, and returns the address of the first link in the mail, made relative to this server.
     */
    String linkFromMailbox(Page page, String recipient) {
        long deadline = System.nanoTime() + MAILBOX_WAIT.toNanos();
        Locator row;
        while (true) {
            page.navigate(url("/dev/mailbox"));
            String captured = message("mail.status.CAPTURED", htmlLang(page));
            row = page.locator("main table tbody tr").filter(new Locator.FilterOptions().setHasText(recipient)).first();
            if (row.count() > 0 && row.locator("td").nth(3).innerText().strip().equals(captured)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("No captured mail to " + recipient + " in the development mailbox after " + MAILBOX_WAIT);
            }
            page.waitForTimeout(250);
        }
        clickAndWait(page, row.locator("a"));
        assertThat(page.locator("main dl.facts dd").first().innerText()).isEqualTo(recipient);
        String href = page.locator("main .mail-body a").first().getAttribute("href");
        assertThat(href).as("link in the mail").isNotBlank();
        // The mail links to app.mail.base-url, whose port is not this test server's random port.
        URI link = URI.create(href);
        return link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
    }
}
