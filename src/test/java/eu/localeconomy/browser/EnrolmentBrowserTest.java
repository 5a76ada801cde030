package eu.localeconomy.browser;

import com.microsoft.playwright.Page;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.SavingsFixtures.Adult;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enrolment website as citizens meet it: a resident in Dutch, a second-home owner in French, the "card not
 * received" flow, and the lock after repeated wrong identifiers. Screenshots in {@code target/screenshots/enrol-*}.
 */
class EnrolmentBrowserTest extends BrowserTestSupport {

    private static final String NRN = "85073003328";
    private static final String PASSWORD = "Een lange zin als wachtwoord";

    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;

    Tenant tenant;
    Programme programme;

    @BeforeEach
    void programme() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
    }

    private SavingsFixtures.CardOfHousehold resident() {
        return savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300",
                List.of(new Adult("An", "Peeters", NRN, LocalDate.of(1985, 7, 30))));
    }

    private String path(String rest) {
        return "/t/" + tenant.slug() + rest;
    }

    /** The e-mail step, the mailed link and the choice of login; ends on the citizen's page. */
    private void finish(Page page, String email, String language, String shotPrefix, boolean withPassword) {
        assertThat(pathOf(page)).isEqualTo(path("/enrol/details"));
        assertThat(page.locator("#consent").isChecked()).as("consent is not pre-ticked").isFalse();
        screenshot(page, shotPrefix + "-details");
        assertPageIsSound(page);
        page.locator("#email").fill(email);
        page.locator("#language").selectOption(language);
        page.locator("#consent").check();
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("enrol.sent.title", language));
        screenshot(page, shotPrefix + "-sent");
        assertPageIsSound(page);

        page.navigate(url(linkFromMailbox(page, email)));
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("enrol.verify.title", language));
        screenshot(page, shotPrefix + "-verify");
        assertPageIsSound(page);
        if (withPassword) {
            page.locator("input[name=mode][value=password]").check();
            page.locator("#password").fill(PASSWORD);
            page.locator("#confirmation").fill(PASSWORD);
        } else {
            page.locator("input[name=mode][value=link]").check();
        }
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(pathOf(page)).isEqualTo(path("/me"));
        assertThat(htmlLang(page)).isEqualTo(language);
        screenshot(page, shotPrefix + "-done");
    }

    @Test
    void aResidentEnrolsInDutch() {
        var card = resident();
        Page page = newPage();
        page.navigate(url(path("/enrol?lang=nl")));
        assertThat(page.locator("main h1").innerText()).isEqualTo("Spaar en geniet");
        screenshot(page, "enrol-resident-nl-form");
        assertPageIsSound(page);

        page.locator("#cardNumber").fill(card.number().formatted().toLowerCase());
        page.locator("#identifier").fill("85.07.30-033.28");
        clickAndWait(page, page.locator("main form button[type=submit]"));
        finish(page, "an.peeters@" + tenant.slug() + ".test", "nl", "enrol-resident-nl", true);

        // The password chosen works on the login form from now on.
        Page later = newPage();
        login(later, tenant.slug(), "an.peeters@" + tenant.slug() + ".test", PASSWORD);
        assertThat(pathOf(later)).isEqualTo(path("/me"));
    }

    @Test
    void aSecondHomeOwnerEnrolsInFrenchWithoutPassword() {
        var card = savings.secondHome(tenant, programme, "Jean Dupont", "123-4567890-12", "Lippenslaan", "5", "8300");
        Page page = newPage();
        page.navigate(url(path("/enrol")));
        switchLanguage(page, "fr");
        assertThat(page.locator("main h1").innerText()).isEqualTo("Épargnez et profitez");
        screenshot(page, "enrol-second-home-fr-form");

        page.locator("#cardNumber").fill(card.number().formatted());
        page.locator("#identifier").fill("123 4567890 12");
        clickAndWait(page, page.locator("main form button[type=submit]"));
        finish(page, "jean.dupont@" + tenant.slug() + ".test", "fr", "enrol-second-home-fr", false);
    }

    @Test
    void aResidentWhoseCardDidNotArriveGetsItByMail() {
        var card = resident();
        Page page = newPage();
        page.navigate(url(path("/enrol?lang=nl")));
        clickAndWait(page, page.locator("main a[href$='/enrol/not-received']"));
        assertThat(page.locator("main h1").innerText()).isEqualTo(message("enrol.notReceived.title", "nl"));
        screenshot(page, "enrol-not-received-nl-form");
        assertPageIsSound(page);

        page.locator("#identifier").fill(NRN);
        page.locator("#postcode").fill("8300");
        clickAndWait(page, page.locator("main form button[type=submit]"));
        String email = "staking@" + tenant.slug() + ".test";
        finish(page, email, "nl", "enrol-not-received-nl", false);

        // The digital card went out as well, with the card's own number.
        page.navigate(url("/dev/mailbox"));
        String subject = message("mail.citizen-digital-card.subject", "nl", tenant.name());
        var row = page.locator("main table tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(email)).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(subject));
        page.waitForCondition(() -> {
            if (row.count() > 0) {
                return true;
            }
            page.reload();
            return false;
        }, new Page.WaitForConditionOptions().setTimeout(10_000));
        clickAndWait(page, row.first().locator("a"));
        assertThat(page.locator("main").innerText()).contains(card.number().formatted());
        assertThat(jdbc.sql("select status from savings_card where id = ?").param(card.cardId()).query(String.class)
                .single()).isEqualTo("ACTIVE");
    }

    @Test
    void repeatedWrongIdentifiersLockTheCardWithoutSayingWhichWasWrong() {
        var card = resident();
        Page page = newPage();
        page.navigate(url(path("/enrol?lang=nl")));
        String mismatch = message("enrol.mismatch", "nl");
        for (int attempt = 1; attempt <= 5; attempt++) {
            page.locator("#cardNumber").fill(card.number().formatted());
            page.locator("#identifier").fill(attempt % 2 == 0 ? "90.01.01-045." + check("900101", 45) : "60.01.01-00" + attempt + "." + check("600101", attempt));
            clickAndWait(page, page.locator("main form button[type=submit]"));
            assertThat(page.locator("p.error[role=alert]").first().innerText()).as("attempt %d", attempt).isEqualTo(mismatch);
            if (attempt == 1) {
                screenshot(page, "enrol-lockout-mismatch-nl");
                assertPageIsSound(page);
            }
        }
        page.locator("#cardNumber").fill(card.number().formatted());
        page.locator("#identifier").fill(NRN);
        clickAndWait(page, page.locator("main form button[type=submit]"));
        assertThat(page.locator("p.error[role=alert]").first().innerText()).isEqualTo(message("enrol.tooManyAttempts", "nl"));
        assertThat(pathOf(page)).isEqualTo(path("/enrol"));
        screenshot(page, "enrol-lockout-locked-nl");
        assertPageIsSound(page);
    }

    /** The two check digits of a national register number born in the 1900s. */
    private static String check(String birth, int sequence) {
        long base = Long.parseLong(birth + String.format("%03d", sequence));
        return String.format("%02d", 97 - base % 97);
    }
}
