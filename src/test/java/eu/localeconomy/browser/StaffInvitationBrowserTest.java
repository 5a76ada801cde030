package eu.localeconomy.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant administrator invites a helpdesk colleague who works in English; the colleague opens the mailed link,
 * chooses a name and password, logs in and lands in the back office, in English.
 */
class StaffInvitationBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "duinhaven";
    private static final String ADMIN = "beheer@duinhaven.test";
    private static final String PASSWORD = "Sea breeze at the counter 2026";

    @AfterEach
    void restoreAdministrator() {
        restoreDemoAccount(ADMIN, "nl");
    }

    @Test
    void invitedColleagueCreatesAnAccountAndLogsIn() {
        restoreDemoAccount(ADMIN, "nl");
        // A new address on every run, so the test never meets an account or invitation of an earlier one.
        String colleague = "collega-" + UUID.randomUUID().toString().substring(0, 8) + "@duinhaven.test";

        Page admin = newPage();
        login(admin, SLUG, ADMIN, DEMO_PASSWORD);
        clickAndWait(admin, admin.locator("nav.sidenav a[href$='/office/staff']"));
        assertThat(pathOf(admin)).isEqualTo("/t/" + SLUG + "/office/staff");
        // This administrator works in French today (restored to Dutch afterwards).
        switchLanguage(admin, "fr");
        admin.locator("#email").fill(colleague);
        admin.locator("#role").selectOption("HELPDESK");
        admin.locator("#language").selectOption("EN");
        clickAndWait(admin, admin.locator("main form[action$='/office/staff/invitations'] button[type=submit]"));
        assertThat(pathOf(admin)).isEqualTo("/t/" + SLUG + "/office/staff");
        assertThat(admin.locator("p.notice[role=status]").innerText())
                .isEqualTo(message("staff.invitation.sent", "fr"));
        Locator pending = admin.locator("main table tbody tr").filter(new Locator.FilterOptions().setHasText(colleague));
        assertThat(pending.count()).as("pending invitation for %s", colleague).isEqualTo(1);
        assertThat(pending.locator("td").nth(1).innerText()).isEqualTo(message("role.HELPDESK", "fr"));
        screenshot(admin, "invitation-1-staff-fr");
        assertPageIsSound(admin);

        String link = linkFromMailbox(admin, colleague);
        assertThat(link).startsWith("/t/" + SLUG + "/invitation?token=");
        assertThat(admin.locator("main h1").innerText())
                .isEqualTo(message("mail.invitation.subject", "en", "Gemeente Duinhaven"));
        assertPageIsSound(admin);

        // The colleague, in a browser of their own.
        Page newcomer = newPage();
        newcomer.navigate(url(link + "&lang=en"));
        assertThat(htmlLang(newcomer)).isEqualTo("en");
        assertThat(newcomer.locator("main h1").innerText())
                .isEqualTo(message("invitation.heading", "en", "Gemeente Duinhaven"));
        newcomer.locator("#displayName").fill("Robin Newcomer");
        newcomer.locator("#password").fill(PASSWORD);
        newcomer.locator("#confirmation").fill(PASSWORD);
        screenshot(newcomer, "invitation-2-accept-en");
        assertPageIsSound(newcomer);
        clickAndWait(newcomer, newcomer.locator("main form button[type=submit]"));
        assertThat(pathOf(newcomer)).isEqualTo("/t/" + SLUG + "/login?welcome");
        assertThat(newcomer.locator("main p.notice[role=status]").innerText()).isEqualTo(message("login.welcome", "en"));

        login(newcomer, SLUG, colleague, PASSWORD);
        assertThat(pathOf(newcomer)).isEqualTo("/t/" + SLUG + "/office");
        assertThat(htmlLang(newcomer)).as("the language chosen in the invitation").isEqualTo("en");
        assertThat(newcomer.locator("nav.sidenav").isVisible()).isTrue();
        assertThat(newcomer.locator("main h1").innerText())
                .isEqualTo(message("home.office.title", "en", "Robin Newcomer"));
        assertThat(newcomer.locator("main .badge").first().innerText()).isEqualTo(message("role.HELPDESK", "en"));
        screenshot(newcomer, "invitation-3-office-en");

        // The colleague is now one of the staff, and the used invitation no longer shows as pending.
        admin.navigate(url("/t/" + SLUG + "/office/staff"));
        Locator rows = admin.locator("main table tbody tr").filter(new Locator.FilterOptions().setHasText(colleague));
        assertThat(rows.count()).isEqualTo(1);
        assertThat(rows.locator("td").first().innerText()).isEqualTo("Robin Newcomer");
    }
}
