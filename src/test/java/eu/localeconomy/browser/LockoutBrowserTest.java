package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five wrong passwords lock the account: the right password is then refused too, with the same words as a wrong one,
 * so the form tells a guesser nothing about the lock.
 */
class LockoutBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "duinhaven";
    private static final String EMAIL = "lezer@duinhaven.test";

    @AfterEach
    void unlock() {
        restoreDemoAccount(EMAIL, "nl");
    }

    @Test
    void locksTheAccountAfterFiveWrongPasswordsWithoutSayingSo() {
        restoreDemoAccount(EMAIL, "nl");
        Page page = newPage();
        page.navigate(url("/t/" + SLUG + "/login?lang=nl"));

        String firstMessage = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(page, SLUG, EMAIL, "Wrong-Password-" + attempt);
            assertThat(pathOf(page)).as("after wrong password %d", attempt).isEqualTo("/t/" + SLUG + "/login?error");
            String shown = page.locator("main p.error[role=alert]").innerText();
            if (firstMessage == null) {
                firstMessage = shown;
                assertThat(shown).isEqualTo(message("login.failed", "nl"));
                screenshot(page, "lockout-wrong-password-nl");
                assertPageIsSound(page);
            }
            assertThat(shown).isEqualTo(firstMessage);
        }

        Instant lockedUntil = jdbc.sql("select locked_until from user_account where email = ?").param(EMAIL)
                .query(Instant.class).single();
        assertThat(lockedUntil).as("lock after five failures").isAfter(Instant.now());

        login(page, SLUG, EMAIL, DEMO_PASSWORD);
        assertThat(pathOf(page)).as("right password on a locked account").isEqualTo("/t/" + SLUG + "/login?error");
        assertThat(page.locator("main p.error[role=alert]").innerText()).isEqualTo(firstMessage);
        assertThat(page.locator("main p.error[role=alert]").count()).isEqualTo(1);
        // Not logged in: the back office still sends to the login page.
        page.navigate(url("/t/" + SLUG + "/office"));
        assertThat(pathOf(page)).isEqualTo("/t/" + SLUG + "/login");
    }
}
