package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office's administrator sets up the Tourinsoft feed (local HTTP server with the project's fixtures), tests it
 * (the first records as mapped, by htmx: {@code tourinsoft-1-test}), runs a full import and reads its report with the
 * records not imported ({@code tourinsoft-2-report}). Every page WCAG-checked.
 */
class TourinsoftImportBrowserTest extends BrowserTestSupport {

    static HttpServer feed;

    @Autowired TestTenants fixtures;

    @BeforeAll
    static void feed() throws IOException {
        feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feed.createContext("/Objects", exchange -> {
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            String page = query.contains("$skip=5") ? "objects-page3.json"
                    : query.contains("$skip=2") ? "objects-page2.json" : "objects-page1.json";
            byte[] body;
            try (InputStream in = TourinsoftImportBrowserTest.class.getResourceAsStream("/tourism-feeds/" + page)) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
    }

    @AfterAll
    static void stopFeed() {
        feed.stop(0);
    }

    @Test
    void theAdministratorSetsUpTheFeedTestsItAndImports() {
        var tenant = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        Page page = newPage();
        login(page, tenant.slug(), admin.email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + tenant.slug() + "/office/imports"));
        assertThat(page.locator("h1").innerText()).isEqualTo(message("membership.sync.title", "en"));
        assertPageIsSound(page);

        page.locator("#feedUrl").fill("http://127.0.0.1:" + feed.getAddress().getPort() + "/Objects?$format=json");
        clickAndWait(page, page.locator("#profile-form button[type=submit]").first());
        assertThat(page.locator(".notice").innerText()).isEqualTo(message("membership.sync.profile.saved", "en"));

        page.locator("#profile-form button[hx-post]").click();
        page.locator("#feed-test table").waitFor();
        assertThat(page.locator("#feed-test").innerText()).contains("HOTNOR0140000101", "Hôtel des Falaises",
                "HOTNOR0140000102", "Hôtel de la Plage", "Capacity (persons): 42");
        screenshot(page, "tourinsoft-1-test");
        assertPageIsSound(page);

        clickAndWait(page, page.locator("button[name=mode][value=FULL]"));
        page.locator("#run-outcome .notice").waitFor();
        String report = page.locator("main").innerText();
        assertThat(report).contains(message("membership.sync.report.done", "en"), "HOTNOR0140000203", "RESNOR0140000302",
                "Crêperie du Quai");
        assertThat(page.locator(".sync-summary").innerText()).contains("5", "3");
        screenshot(page, "tourinsoft-2-report");
        assertPageIsSound(page);
    }
}
