package eu.localeconomy.browser;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.savings.card.CardTokens;
import eu.localeconomy.savings.card.Cards;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.support.CitizenFixtures;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counter of the merchant app in Duinhaven, in Chromium: a cashier scans a card through the camera (Chromium's
 * fake camera fed with a video of the card's QR code), earns, and the citizen sees the credit in the portal; earnings
 * made offline are queued and sent exactly once; a voucher is spent in the spend window. Screenshots
 * {@code target/screenshots/terminal-*.png}, every screen WCAG-checked.
 */
class TerminalBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "duinhaven";

    @Autowired Tenants tenants;
    @Autowired Accounts accounts;
    @Autowired SavingsFixtures savings;
    @Autowired CitizenFixtures citizens;
    @Autowired MerchantFixtures merchantFixtures;
    @Autowired Merchants merchants;
    @Autowired MerchantDevices devices;
    @Autowired CardTokens tokens;
    @Autowired Cards cards;
    @Autowired Clock clock;

    private Playwright cameraPlaywright;
    private Browser cameraBrowser;

    @AfterEach
    void closeCameraBrowser() {
        if (cameraBrowser != null) {
            cameraBrowser.close();
        }
        if (cameraPlaywright != null) {
            cameraPlaywright.close();
        }
    }

    record Shop(Tenant tenant, Programme programme, UUID merchantId, String ownerEmail, String cashierEmail,
                SavingsFixtures.CardOfHousehold card, String citizenEmail) {
    }

    private Shop shop() {
        Tenant duinhaven = tenants.findTenantBySlug(SLUG).orElseThrow();
        Programme programme = savings.openProgramme(duinhaven);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID merchant = merchantFixtures.approvedMerchant(duinhaven.id(), "Bakkerij " + suffix);
        String owner = "owner-" + suffix + "@duinhaven.test";
        String cashier = "cashier-" + suffix + "@duinhaven.test";
        UserId ownerId = accounts.create(duinhaven.id(), owner, "Owner " + suffix, Role.MERCHANT_OWNER, Language.NL, DEMO_PASSWORD);
        UserId cashierId = accounts.create(duinhaven.id(), cashier, "Kassa " + suffix, Role.CASHIER, Language.NL, DEMO_PASSWORD);
        merchants.link(duinhaven.id(), merchant, ownerId, Merchants.StaffRole.OWNER, Actor.SYSTEM);
        merchants.link(duinhaven.id(), merchant, cashierId, Merchants.StaffRole.CASHIER, Actor.SYSTEM);
        var card = savings.residentHousehold(duinhaven, programme, "Zeedijk", "40", "8300", List.of(
                new SavingsFixtures.Adult("Els", "Peeters", "75061223453", LocalDate.of(1975, 6, 12))));
        String citizen = "els-" + suffix + "@duinhaven.test";
        UserId citizenId = accounts.create(duinhaven.id(), citizen, "Els Peeters", Role.CITIZEN, Language.NL, DEMO_PASSWORD);
        citizens.enrol(duinhaven, programme, card, "Els", new TestTenants.Person(duinhaven, citizen,
                new AccountPrincipal(citizenId, duinhaven.id(), SLUG, "Els Peeters", Role.CITIZEN, Language.NL)));
        return new Shop(duinhaven, programme, merchant, owner, cashier, card, citizen);
    }

    /** The device credential stored in the browser, as the shop page's "use this device" button leaves it. */
    private void useDevice(Page page, Shop shop) {
        var device = devices.register(shop.tenant().id(), shop.merchantId(), "Tablet", null);
        page.navigate(url("/t/" + SLUG + "/merchant"));
        page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                List.of("lep.device." + SLUG, device.credential()));
        page.reload();
        page.locator("#counter-app").waitFor();
    }

    private long transactionsOf(UUID cardId) {
        return jdbc.sql("select count(*) from savings_ledger_transaction where card_id = ?").param(cardId)
                .query(Long.class).single();
    }

    @Test
    void aCashierScansACardWithTheCameraEarnsAndTheCitizenSeesTheCredit() throws Exception {
        Shop shop = shop();
        Path video = qrVideo(tokens.enrolmentUrl(SLUG, shop.tenant().id(), shop.card().cardId()));
        cameraPlaywright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        cameraBrowser = cameraPlaywright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                        "--use-file-for-fake-video-capture=" + video.toAbsolutePath())));
        BrowserContext context = cameraBrowser.newContext(new Browser.NewContextOptions().setBypassCSP(true)
                .setViewportSize(412, 915).setPermissions(List.of("camera")));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();

        // The owner registers the tablet in hand; the credential stays in this browser.
        login(page, SLUG, shop.ownerEmail(), DEMO_PASSWORD);
        page.navigate(url("/t/" + SLUG + "/merchant"));
        page.locator("#device-setup").waitFor();
        screenshot(page, "terminal-device-setup-nl");
        assertPageIsSound(page);
        page.locator("#device-name").fill("Tablet aan de kassa");
        page.locator("#device-form button[type=submit]").click();
        page.locator("#counter-app").waitFor();
        assertThat(page.evaluate("() => localStorage.getItem('lep.device.duinhaven')").toString()).startsWith("lmd_");
        clickAndWait(page, page.locator("header form button[type=submit]"));

        // The cashier logs in on the same tablet and scans the card.
        login(page, SLUG, shop.cashierEmail(), DEMO_PASSWORD);
        page.navigate(url("/t/" + SLUG + "/merchant"));
        page.locator("#counter-app").waitFor();
        screenshot(page, "terminal-counter-nl");
        assertPageIsSound(page);
        page.locator("#scan-start").click();
        page.locator("#card-result").waitFor();
        assertThat(page.locator("#card-title-number").innerText()).isEqualTo(shop.card().number().formatted());
        assertThat(page.locator("#card-validity").innerText()).startsWith(message("terminal.js.valid", "nl"));
        assertThat(page.locator("#card-phase").innerText()).isEqualTo(message("terminal.js.phase.EARN", "nl"));
        assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("card-title");
        screenshot(page, "terminal-scanned-nl");
        assertPageIsSound(page);

        page.locator("#purchase").fill("30,00");
        page.locator("#earn-form button[type=submit]").click();
        page.locator("#confirm").waitFor();
        assertThat(page.locator("#confirm-effect").innerText()).contains("10,00");
        screenshot(page, "terminal-confirm-earn-nl");
        assertPageIsSound(page);
        page.locator("#confirm-yes").click();
        page.locator("#receipt").waitFor();
        assertThat(page.locator("#receipt-title").innerText()).contains("10,00");
        PlaywrightAssertions.assertThat(page.locator("#recent-list li").first()).containsText(shop.card().number().formatted());
        screenshot(page, "terminal-receipt-earn-nl");
        assertPageIsSound(page);
        assertThat(transactionsOf(shop.card().cardId())).isEqualTo(1);

        // The citizen sees the credit in the portal.
        Page portal = newPage();
        login(portal, SLUG, shop.citizenEmail(), DEMO_PASSWORD);
        assertThat(pathOf(portal)).isEqualTo("/t/" + SLUG + "/me");
        assertThat(portal.locator("main").innerText()).contains("10,00");
        screenshot(portal, "terminal-portal-credit-nl");

        // The app is installable: its service worker controls the counter's scope.
        assertThat(page.evaluate("async () => (await navigator.serviceWorker.getRegistration())?.scope"))
                .isEqualTo(url("/t/" + SLUG + "/merchant"));
        // Within the reversal window the cashier undoes the purchase from the receipt.
        page.locator("#receipt-reverse").click();
        PlaywrightAssertions.assertThat(page.locator("#receipt-title")).containsText(message("terminal.js.reversed", "nl")
                .replace("{amount}", "").strip());
        assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("receipt-title");
        assertThat(page.locator("#receipt-reverse").isHidden()).isTrue();
        screenshot(page, "terminal-receipt-reversal-nl");
        assertPageIsSound(page);
        assertThat(transactionsOf(shop.card().cardId())).isEqualTo(2);
        context.close();
    }

    @Test
    void earningsMadeOfflineAreQueuedAndSentExactlyOnce() {
        Shop shop = shop();
        // A second card of the programme, blocked while the counter is offline: its purchase is refused on sync.
        var blocked = savings.residentHousehold(shop.tenant(), shop.programme(), "Zeedijk", "42", "8300", List.of(
                new SavingsFixtures.Adult("Wim", "Peeters", "92122405676", LocalDate.of(1992, 12, 24))));
        citizens.enrol(shop.tenant(), shop.programme(), blocked, "Wim");
        Page page = newPage();
        login(page, SLUG, shop.cashierEmail(), DEMO_PASSWORD);
        useDevice(page, shop);

        page.context().setOffline(true);
        PlaywrightAssertions.assertThat(page.locator("#counter-connection")).isVisible();
        record Scan(String number, String amount) {
        }
        for (Scan scan : List.of(new Scan(shop.card().number().formatted(), "12,00"),
                new Scan(shop.card().number().formatted(), "6,00"), new Scan(blocked.number().formatted(), "9,00"))) {
            page.locator("#card-number").fill(scan.number());
            page.locator("#lookup-form button[type=submit]").click();
            page.locator("#earn-form").waitFor();
            page.locator("#purchase").fill(scan.amount());
            page.locator("#earn-form button[type=submit]").click();
            page.locator("#confirm").waitFor();
            page.locator("#confirm-yes").click();
            page.locator("#scan").waitFor();
        }
        PlaywrightAssertions.assertThat(page.locator("#queue-list li[data-state=queued]")).hasCount(3);
        screenshot(page, "terminal-offline-queued-nl");
        assertPageIsSound(page);
        assertThat(transactionsOf(shop.card().cardId())).isZero();
        cards.block(shop.tenant().id(), blocked.cardId(), "lost");

        page.context().setOffline(false);
        PlaywrightAssertions.assertThat(page.locator("#queue-list li[data-state=synced]")).hasCount(2);
        PlaywrightAssertions.assertThat(page.locator("#queue-list li[data-state=refused]"))
                .containsText(message("api.problem.card-blocked.detail", "nl"));
        screenshot(page, "terminal-offline-synced-nl");
        assertPageIsSound(page);
        assertThat(transactionsOf(shop.card().cardId())).isEqualTo(2);
        assertThat(transactionsOf(blocked.cardId())).isZero();
        // A reload sends nothing again: the device remembers what was sent and what was refused.
        page.reload();
        page.locator("#counter-app").waitFor();
        PlaywrightAssertions.assertThat(page.locator("#queue-list li[data-state=synced]")).hasCount(2);
        PlaywrightAssertions.assertThat(page.locator("#queue-list li[data-state=refused]")).hasCount(1);
        assertThat(transactionsOf(shop.card().cardId())).isEqualTo(2);
    }

    @Test
    void aVoucherIsSpentInTheSpendWindowAndNeedsAConnection() {
        Shop shop = shop();
        Page page = newPage();
        login(page, SLUG, shop.cashierEmail(), DEMO_PASSWORD);
        useDevice(page, shop);
        // Credit earned in the earn window, then the season moves on and the conversion turns it into a voucher.
        page.locator("#card-number").fill(shop.card().number().value());
        page.locator("#lookup-form button[type=submit]").click();
        page.locator("#purchase").fill("60");
        page.locator("#earn-form button[type=submit]").click();
        page.locator("#confirm-yes").click();
        page.locator("#receipt").waitFor();
        LocalDate today = LocalDate.now(clock.withZone(shop.tenant().zone()));
        savings.moveToSpendWindow(shop.programme(), today);
        convertInTheOffice(shop.programme());

        switchLanguage(page, "fr");
        page.locator("#card-number").fill(shop.card().number().formatted());
        page.locator("#lookup-form button[type=submit]").click();
        page.locator("#redeem-form").waitFor();
        assertThat(page.locator("#card-phase").innerText()).isEqualTo(message("terminal.js.phase.SPEND", "fr"));
        assertThat(page.locator("#card-voucher").innerText()).contains("20,00");
        assertThat(page.locator("#earn-form").isHidden()).isTrue();
        screenshot(page, "terminal-spend-card-fr");
        assertPageIsSound(page);

        page.locator("#redeem-amount").fill("25");
        page.locator("#redeem-form button[type=submit]").click();
        PlaywrightAssertions.assertThat(page.locator("#redeem-error")).isVisible();
        assertThat(page.locator("#redeem-amount").getAttribute("aria-invalid")).isEqualTo("true");

        page.context().setOffline(true);
        PlaywrightAssertions.assertThat(page.locator("#redeem-submit")).isDisabled();
        PlaywrightAssertions.assertThat(page.locator("#redeem-offline")).isVisible();
        screenshot(page, "terminal-spend-offline-fr");
        page.context().setOffline(false);
        PlaywrightAssertions.assertThat(page.locator("#redeem-submit")).isEnabled();

        page.locator("#redeem-amount").fill("12,50");
        page.locator("#redeem-form button[type=submit]").click();
        page.locator("#confirm").waitFor();
        assertThat(page.locator("#confirm-effect").innerText()).contains("7,50");
        screenshot(page, "terminal-confirm-redeem-fr");
        assertPageIsSound(page);
        page.locator("#confirm-yes").click();
        page.locator("#receipt").waitFor();
        assertThat(page.locator("#receipt-title").innerText()).contains("12,50");
        assertThat(page.locator("#receipt-facts").innerText()).contains("7,50");
        screenshot(page, "terminal-receipt-redeem-fr");
        assertPageIsSound(page);
        assertThat(jdbc.sql("select voucher_cents from savings_card_balance where card_id = ?")
                .param(shop.card().cardId()).query(Long.class).single()).isEqualTo(7_50L);
    }


    /**
     * The city converts the programme's credit as its administrator would: dry run, confirmation, the job, its report;
     * then the ledger page proves the books still balance.
     */
    private void convertInTheOffice(Programme programme) {
        Page office = newPage();
        login(office, SLUG, "beheer@duinhaven.test", DEMO_PASSWORD);
        String conversion = url("/t/" + SLUG + "/office/programmes/" + programme.id() + "/conversion");
        office.navigate(conversion);
        clickAndWait(office, office.locator("form[action$='/conversion/dry-run'] button[type=submit]"));
        office.locator("input[name=confirm]").check();
        clickAndWait(office, office.locator("form[action$='/conversion/execute'] button[type=submit]"));
        // The job runs in the background; the page shows its report once the job has ended.
        for (int i = 0; i < 60 && office.locator(".conversion-report").count() == 0; i++) {
            office.waitForTimeout(500);
            office.navigate(conversion);
        }
        PlaywrightAssertions.assertThat(office.locator(".conversion-report .badge-ok")).hasCount(1);
        screenshot(office, "conversion-report-nl");
        assertPageIsSound(office);
        assertAccessible(office);

        office.navigate(url("/t/" + SLUG + "/office/ledger"));
        screenshot(office, "ledger-office-nl");
        assertPageIsSound(office);
        assertAccessible(office);
    }

    /**
     * A Y4M video (YUV 4:2:0) of the card's QR code on white, 640×480, as Chromium's fake camera reads it: a header
     * line, then per frame "FRAME\n", the luma plane and two chroma planes (neutral grey: a black and white picture).
     */
    static Path qrVideo(String text) throws Exception {
        int width = 640;
        int height = 480;
        BitMatrix qr = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 360, 360,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        byte[] luma = new byte[width * height];
        Arrays.fill(luma, (byte) 235);
        int left = (width - qr.getWidth()) / 2;
        int top = (height - qr.getHeight()) / 2;
        for (int y = 0; y < qr.getHeight(); y++) {
            for (int x = 0; x < qr.getWidth(); x++) {
                luma[(top + y) * width + left + x] = (byte) (qr.get(x, y) ? 16 : 235);
            }
        }
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        Arrays.fill(chroma, (byte) 128);
        Path file = Files.createDirectories(SCREENSHOTS).resolve("terminal-card-qr.y4m");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int frame = 0; frame < 10; frame++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
                out.write(chroma);
            }
        }
        return file;
    }
}
