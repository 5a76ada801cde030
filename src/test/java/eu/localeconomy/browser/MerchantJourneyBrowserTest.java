package eu.localeconomy.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bakery applies online (in French, first with a mistyped enterprise number), the city approves it and invites its
 * owner, who signs up, registers the counter tablet (storing its key in the browser for the counter page) and invites
 * a cashier; the bakery then appears on the public list, in German too.
 */
class MerchantJourneyBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "duinhaven";
    private static final String ADMIN = "beheer@duinhaven.test";
    private static final String PASSWORD = "Fresh bread at dawn 2026";

    @AfterEach
    void restoreAdministrator() {
        restoreDemoAccount(ADMIN, "nl");
    }

    @Test
    void applyApproveInviteRegisterADeviceAndInviteACashier() {
        restoreDemoAccount(ADMIN, "nl");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String business = "Boulangerie du Port " + run;
        String contact = "contact-" + run + "@boulangerie.test";
        String ownerEmail = "patron-" + run + "@boulangerie.test";
        String cashierEmail = "caisse-" + run + "@boulangerie.test";

        // The applicant, in French.
        Page applicant = newPage();
        applicant.navigate(url("/t/" + SLUG + "/merchants/apply?lang=fr"));
        assertThat(applicant.locator("main h1").innerText()).isEqualTo(message("merchant.apply.title", "fr"));
        applicant.locator("#businessName").fill(business);
        applicant.locator("#enterpriseNumber").fill("0403.019.262");
        applicant.locator("#category").selectOption("SHOP");
        applicant.locator("#iban").fill("BE68 5390 0754 7034");
        applicant.locator("#street").fill("Quai des Pêcheurs");
        applicant.locator("#houseNumber").fill("7");
        applicant.locator("#postcode").fill("8400");
        applicant.locator("#municipality").fill("Duinhaven");
        applicant.locator("#contactName").fill("Claire Dupont");
        applicant.locator("#contactEmail").fill(contact);
        applicant.locator("#language").selectOption("fr");
        clickAndWait(applicant, applicant.locator("main form button[type=submit]"));
        Locator summary = applicant.locator("#error-summary");
        assertThat(summary.isVisible()).isTrue();
        assertThat(summary.locator("a[href='#enterpriseNumber']").innerText())
                .isEqualTo(message("merchant.validation.enterprise.checksum", "fr"));
        assertThat(applicant.locator("#enterpriseNumber").getAttribute("aria-invalid")).isEqualTo("true");
        screenshot(applicant, "merchant-1-apply-error-fr");
        assertPageIsSound(applicant);

        applicant.locator("#enterpriseNumber").fill("0403.019.261");
        clickAndWait(applicant, applicant.locator("main form button[type=submit]"));
        assertThat(pathOf(applicant)).isEqualTo("/t/" + SLUG + "/merchants/apply/sent");
        assertThat(applicant.locator("main p.notice").innerText())
                .isEqualTo(message("merchant.apply.sent.received", "fr", business));
        screenshot(applicant, "merchant-2-applied-fr");
        assertPageIsSound(applicant);

        // The city sees the application and approves it.
        Page admin = newPage();
        login(admin, SLUG, ADMIN, DEMO_PASSWORD);
        clickAndWait(admin, admin.locator("nav.sidenav a[href$='/office/merchants']"));
        // The search updates the list in place (htmx).
        admin.locator("#q").fill(run);
        admin.locator("main form.filters button[type=submit]").click();
        Locator row = admin.locator("main table tbody tr").filter(new Locator.FilterOptions().setHasText(business));
        admin.waitForCondition(() -> admin.locator("main table tbody tr").count() == 1 && row.count() == 1);
        assertThat(row.locator(".badge").first().innerText()).isEqualTo(message("merchant.status.APPLIED", "nl"));
        screenshot(admin, "merchant-3-office-list-nl");
        assertPageIsSound(admin);
        clickAndWait(admin, row.locator("a").first());
        assertPageIsSound(admin);
        clickAndWait(admin, admin.locator("main form[action$='/approve'] button"));
        assertThat(admin.locator("p.notice[role=status]").innerText()).isEqualTo(message("merchant.office.approved", "nl"));
        admin.locator("#owner-email").fill(ownerEmail);
        admin.locator("#owner-language").selectOption("fr");
        clickAndWait(admin, admin.locator("main form.invite-form button"));
        assertThat(admin.locator("p.notice[role=status]").innerText()).isEqualTo(message("merchant.office.invited", "nl"));
        assertThat(admin.locator("main").innerText()).contains(ownerEmail);
        screenshot(admin, "merchant-4-office-approved-nl");
        String merchantPage = pathOf(admin);
        assertPageIsSound(admin);

        // The owner signs up with the mailed link and manages the shop.
        String link = linkFromMailbox(admin, ownerEmail);
        assertThat(link).startsWith("/t/" + SLUG + "/invitation?token=");
        Page owner = newPage();
        owner.navigate(url(link));
        owner.locator("#displayName").fill("Paul Patron");
        owner.locator("#password").fill(PASSWORD);
        owner.locator("#confirmation").fill(PASSWORD);
        clickAndWait(owner, owner.locator("main form button[type=submit]"));
        login(owner, SLUG, ownerEmail, PASSWORD);
        owner.navigate(url("/t/" + SLUG + "/merchant/shop"));
        assertThat(htmlLang(owner)).isEqualTo("fr");
        assertThat(owner.locator("main h1").innerText()).isEqualTo(business);
        screenshot(owner, "merchant-5-shop-fr");
        assertPageIsSound(owner);

        clickAndWait(owner, owner.locator("main a[href$='/merchant/shop/devices']"));
        owner.locator("#device-name").fill("Tablette comptoir");
        clickAndWait(owner, owner.locator("main form[action$='/merchant/shop/devices'] button"));
        String credential = owner.locator("#credential").inputValue();
        assertThat(credential).startsWith("lmd_");
        owner.locator("#use-device").click();
        assertThat(owner.locator("#use-device-done").isVisible()).isTrue();
        assertThat(owner.evaluate("() => localStorage.getItem('lep.device." + SLUG + "')")).isEqualTo(credential);
        screenshot(owner, "merchant-6-device-registered-fr");
        assertPageIsSound(owner);
        clickAndWait(owner, owner.locator("main a[href$='/merchant/shop/devices']"));
        assertThat(owner.locator("main").innerText()).contains("Tablette comptoir").doesNotContain(credential);

        owner.navigate(url("/t/" + SLUG + "/merchant/shop/cashiers"));
        owner.locator("#email").fill(cashierEmail);
        clickAndWait(owner, owner.locator("main form[action$='/merchant/shop/cashiers'] button"));
        assertThat(owner.locator("p.notice[role=status]").innerText())
                .isEqualTo(message("merchant.shop.cashiers.invited", "fr"));
        assertThat(owner.locator("main").innerText()).contains(cashierEmail);
        screenshot(owner, "merchant-7-cashiers-fr");
        assertPageIsSound(owner);

        // A new bank account waits for the city.
        owner.navigate(url("/t/" + SLUG + "/merchant/shop/profile"));
        owner.locator("#iban").fill("BE71 0961 2345 6769");
        owner.locator("#website").fill("boulangerie-du-port.test");
        clickAndWait(owner, owner.locator("main form button[type=submit]"));
        assertThat(owner.locator("p.notice[role=status]").first().innerText())
                .isEqualTo(message("merchant.shop.profile.savedIbanPending", "fr"));
        screenshot(owner, "merchant-8-profile-iban-pending-fr");
        assertPageIsSound(owner);
        admin.navigate(url(merchantPage));
        assertThat(admin.locator("#iban-title").innerText()).isEqualTo(message("merchant.office.ibanPending", "nl"));
        screenshot(admin, "merchant-9-office-iban-pending-nl");
        assertPageIsSound(admin);
        clickAndWait(admin, admin.locator("main form[action$='/iban/approve'] button"));
        assertThat(admin.locator("p.notice[role=status]").innerText())
                .isEqualTo(message("merchant.office.ibanApproved", "nl"));
        assertThat(admin.locator("main dl.facts").innerText()).contains("BE71 0961 2345 6769");

        // The city imports a list it already has; one row has a typing error in its IBAN.
        admin.navigate(url("/t/" + SLUG + "/office/merchants/import"));
        assertPageIsSound(admin);
        admin.locator("#file").setInputFiles(new com.microsoft.playwright.options.FilePayload("handelaars.csv", "text/csv",
                ("Naam;Ondernemingsnummer;Categorie;IBAN;Straat;Huisnummer;Postcode;Gemeente;Contactpersoon;E-mail\n"
                        + "Frituur Zeezicht " + run + ";0403.019.261;restaurant;BE68 5390 0754 7034;Zeedijk;1;8400;Duinhaven;Rita;rita@zeezicht.test\n"
                        + "IJs Ijsberg " + run + ";0403.019.261;winkel;BE68 5390 0754 7035;Zeedijk;2;8400;Duinhaven;Bert;bert@ijsberg.test\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        clickAndWait(admin, admin.locator("main form[enctype] button[type=submit]"));
        assertThat(admin.locator("#report p.notice").innerText()).isEqualTo(message("merchant.import.summary", "nl", 1, 0, 1));
        assertThat(admin.locator("#report table tbody tr").innerText()).contains("IJs Ijsberg " + run)
                .contains(message("merchant.validation.iban.checksum", "nl"));
        screenshot(admin, "merchant-10-import-report-nl");
        assertPageIsSound(admin);

        owner.navigate(url("/t/" + SLUG + "/merchant/help"));
        assertThat(owner.locator("main h1").innerText()).isEqualTo(message("merchant.help.title", "fr"));
        screenshot(owner, "merchant-11-help-fr");
        assertPageIsSound(owner);

        // Citizens find the bakery on the public list, in German too.
        applicant.navigate(url("/t/" + SLUG + "/merchants?lang=de&q=" + run));
        Locator item = applicant.locator("main .merchant-item").filter(new Locator.FilterOptions().setHasText(business));
        assertThat(item.count()).isEqualTo(1);
        assertThat(item.innerText()).contains("Quai des Pêcheurs 7").doesNotContain("Claire Dupont");
        screenshot(applicant, "merchant-12-public-list-de");
        assertPageIsSound(applicant);
    }
}
