package eu.localeconomy.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.tenant.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant administrator imports a population register in Dutch and prints its cards: upload, column mapping
 * (screenshot {@code register-1-mapping-nl}), the import job's progress until done with an error report for the
 * one bad row ({@code register-2-done-nl}), numbering, an issuance batch run to the end ({@code issuance-1-batch-nl})
 * and the print PDF and mail-merge file downloaded. Every page WCAG-checked.
 */
class RegisterAndIssuanceBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "duinhaven";
    private static final String ADMIN = "beheer@duinhaven.test";

    @Autowired Tenants tenants;
    @Autowired SavingsFixtures savings;

    @AfterEach
    void restoreAccount() {
        restoreDemoAccount(ADMIN, "nl");
    }

    @Test
    void administratorImportsARegisterAndPrintsItsCards() throws Exception {
        restoreDemoAccount(ADMIN, "nl");
        Programme programme = savings.openProgramme(tenants.findTenantBySlug(SLUG).orElseThrow());
        String csv = """
                huishoudnummer;straat;huisnummer;bus;postcode;gemeente;rijksregisternummer;naam;voornaam;geboortedatum
                HH-1;Zeedijk;12;;8300;Duinhaven;85073003328;Peeters;An;1985-07-30
                HH-1;Zeedijk;12;;8300;Duinhaven;90022500186;Peeters;Tom;1990-02-25
                HH-2;Kustlaan;7;2;8300;Duinhaven;12345678901;Maes;Els;1970-01-01
                HH-3;Lippenslaan;3;;8300;Duinhaven;93051822361;Claes;Jan;1993-05-18
                """;

        Page admin = newPage();
        login(admin, SLUG, ADMIN, DEMO_PASSWORD);
        clickAndWait(admin, admin.locator("nav.sidenav a[href$='/office/registers']"));
        admin.locator("#programmeId").selectOption(programme.id().toString());
        admin.locator("#register").selectOption("POPULATION");
        admin.locator("#referenceDate").fill("2027-01-01");
        admin.locator("#file").setInputFiles(new FilePayload("bevolking.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertPageIsSound(admin);
        clickAndWait(admin, admin.locator("main form button[type=submit]").last());
        assertThat(pathOf(admin)).endsWith("/mapping");
        // The columns were recognised from the Dutch header; the preview masks the national register numbers.
        assertThat(admin.locator("main").innerText()).doesNotContain("85073003328");
        screenshot(admin, "register-1-mapping-nl");
        assertPageIsSound(admin);

        clickAndWait(admin, admin.locator("main form button[type=submit]").last());
        admin.locator("#import-outcome p.notice").waitFor();
        assertThat(admin.locator("#import-outcome p.notice").innerText()).isEqualTo(message("register.import.done", "nl"));
        screenshot(admin, "register-2-done-nl");
        assertPageIsSound(admin);
        Download report = admin.waitForDownload(() -> admin.locator("#import-outcome a[href$='errors.csv']").click());
        String errors = Files.readString(report.path(), StandardCharsets.UTF_8);
        assertThat(errors).contains("4").contains("01").doesNotContain("12345678901");

        admin.navigate(url("/t/" + SLUG + "/office/issuance?programme=" + programme.id()));
        clickAndWait(admin, admin.locator("main form[action$='/issuance/numbering'] button"));
        assertPageIsSound(admin);
        admin.locator("input[name=selection][value=ALL]").check();
        admin.locator("input[name=layout][value=CARRIER]").check();
        clickAndWait(admin, admin.locator("main form[action$='/issuance/batches'] button[type=submit]").last());
        admin.locator("#batch-progress a[href$='cards.pdf']").waitFor();
        assertThat(admin.locator("#batch-meter").getAttribute("value")).isEqualTo("100");
        screenshot(admin, "issuance-1-batch-nl");
        assertPageIsSound(admin);

        Download pdf = admin.waitForDownload(() -> admin.locator("#batch-progress a[href$='cards.pdf']").click());
        assertThat(new String(Files.readAllBytes(pdf.path()), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Download mailMerge = admin.waitForDownload(() -> admin.locator("#batch-progress a[href$='mail-merge.csv']").click());
        assertThat(Files.readAllLines(mailMerge.path(), StandardCharsets.UTF_8)).hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("Zeedijk"));
    }
}
