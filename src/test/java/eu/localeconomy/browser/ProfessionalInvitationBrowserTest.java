package eu.localeconomy.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.tenant.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tourism office's administrator invites the contact of an establishment to the extranet; the professional opens
 * the mailed link, chooses a password, logs in and finds their establishment on the extranet, in French.
 */
class ProfessionalInvitationBrowserTest extends BrowserTestSupport {

    private static final String SLUG = "baie-des-falaises";
    private static final String ADMIN = "admin@baie-des-falaises.test";
    private static final String PASSWORD = "Les falaises au soleil 2026";

    @Autowired DirectoryFixtures directory;
    @Autowired Tenants tenants;

    @AfterEach
    void restoreAdministrator() {
        restoreDemoAccount(ADMIN, "fr");
    }

    @Test
    void invitedProfessionalSignsUpAndSeesTheirEstablishment() {
        restoreDemoAccount(ADMIN, "fr");
        // A new establishment and address on every run: the test never meets an account of an earlier one.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "Hôtel des Embruns " + run;
        String email = "embruns-" + run + "@hotel-embruns.test";
        var tenant = tenants.findBySlug(SLUG).orElseThrow();
        directory.establishment(tenant.id(), name).type(EstablishmentType.HOTEL).email(email)
                .city("14510", "Houlgate").create();

        Page admin = newPage();
        login(admin, SLUG, ADMIN, DEMO_PASSWORD);
        clickAndWait(admin, admin.locator("nav.sidenav a[href$='/office/professionals']"));
        assertThat(pathOf(admin)).isEqualTo("/t/" + SLUG + "/office/professionals");
        assertThat(htmlLang(admin)).isEqualTo("fr");
        // The search narrows the list in place (htmx) and keeps its address.
        admin.locator("#q").fill(run);
        admin.locator("form.filters button[type=submit]").click();
        // Waits for the swap: the demo's other establishments leave the list.
        PlaywrightAssertions.assertThat(admin.locator("#professional-results tbody tr")).hasCount(1);
        Locator row = admin.locator("#professional-results tbody tr").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row.locator("td").nth(3).innerText()).isEqualTo(email);
        assertThat(row.locator(".badge").innerText()).isEqualTo(message("professionals.state.NOT_INVITED", "fr"));
        assertPageIsSound(admin);

        row.locator("input[type=checkbox]").check();
        clickAndWait(admin, admin.locator("#professional-results button[type=submit]"));
        assertThat(pathOf(admin)).isEqualTo("/t/" + SLUG + "/office/professionals");
        assertThat(admin.locator("main div.notice[role=status] li").innerText())
                .isEqualTo(message("professionals.outcome.INVITED", "fr", 1));
        admin.locator("#q").fill(run);
        admin.locator("form.filters button[type=submit]").click();
        PlaywrightAssertions.assertThat(admin.locator("#professional-results tbody tr")).hasCount(1);
        assertThat(admin.locator("#professional-results tbody tr .badge").innerText())
                .startsWith(message("professionals.state.INVITED", "fr", "").strip());
        screenshot(admin, "professional-invitation-1-office-fr");
        assertPageIsSound(admin);

        String link = linkFromMailbox(admin, email);
        assertThat(link).startsWith("/t/" + SLUG + "/invitation?token=");

        // The professional, in a browser of their own; the office works in French.
        Page pro = newPage();
        pro.navigate(url(link + "&lang=fr"));
        assertThat(htmlLang(pro)).isEqualTo("fr");
        pro.locator("#displayName").fill("Claire Embruns");
        pro.locator("#password").fill(PASSWORD);
        pro.locator("#confirmation").fill(PASSWORD);
        screenshot(pro, "professional-invitation-2-accept-fr");
        assertPageIsSound(pro);
        clickAndWait(pro, pro.locator("main form button[type=submit]"));
        assertThat(pathOf(pro)).isEqualTo("/t/" + SLUG + "/login?welcome");

        login(pro, SLUG, email, PASSWORD);
        assertThat(pathOf(pro)).isEqualTo("/t/" + SLUG + "/pro");
        assertThat(htmlLang(pro)).isEqualTo("fr");
        assertThat(pro.locator("main h1").innerText()).isEqualTo(message("extranet.home.title", "fr", "Claire Embruns"));
        Locator card = pro.locator("main section.establishment-card").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(card.count()).isEqualTo(1);
        assertThat(card.locator("h2").innerText()).isEqualTo(name);
        assertThat(card.locator("p.hint").first().innerText()).contains(message("directory.type.HOTEL", "fr"), "Houlgate");
        assertThat(pro.locator("main section.establishment-card").count()).as("only their own establishment").isEqualTo(1);
        screenshot(pro, "professional-invitation-3-home-fr");
        assertPageIsSound(pro);

        clickAndWait(pro, pro.locator("header nav a[href$='/pro/terms']"));
        assertThat(pro.locator("main h1").innerText()).isEqualTo(message("terms.title", "fr"));
        screenshot(pro, "professional-invitation-4-terms-fr");
        assertPageIsSound(pro);

        // The office now sees the account as active.
        admin.navigate(url("/t/" + SLUG + "/office/professionals?q=" + run));
        Locator active = admin.locator("#professional-results tbody tr").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(active.locator("td").nth(4).innerText()).isEqualTo("Claire Embruns");
        assertThat(active.locator(".badge").innerText()).isEqualTo(message("professionals.state.ACTIVE", "fr"));

        // The terms of sale page of the office (read only here: the demo's terms stay as they are).
        clickAndWait(admin, admin.locator("nav.sidenav a[href$='/office/terms']"));
        assertThat(admin.locator("main h1").innerText()).isEqualTo(message("terms.title", "fr"));
        screenshot(admin, "professional-invitation-5-terms-office-fr");
        assertPageIsSound(admin);
    }
}
