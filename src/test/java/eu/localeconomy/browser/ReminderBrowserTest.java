package eu.localeconomy.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import eu.localeconomy.membership.reminder.Reminders;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office's administrator rewrites the Dutch "no order" reminder ({@code reminders-2-template-nl}), previews it for
 * the hotel in Dutch ({@code reminders-3-preview-nl}), sends the invitations ({@code reminders-4-job}) and reads the
 * log ({@code reminders-5-log}); a professional opens the opt-out link and confirms ({@code reminders-6-opt-out-fr},
 * {@code reminders-7-opted-out-nl}). Every page WCAG-checked, the public one in two languages.
 */
class ReminderBrowserTest extends BrowserTestSupport {

    @Autowired BasketFixtures fixtures;
    @Autowired Reminders reminders;

    @Test
    void theAdministratorEditsPreviewsAndSendsThenAProfessionalOptsOut() {
        var office = fixtures.office(true);
        String slug = office.tenant().slug();
        Page page = newPage();
        login(page, slug, office.admin().email(), TestTenants.PASSWORD);
        page.navigate(url("/t/" + slug + "/office/reminders"));
        assertPageIsSound(page);
        clickAndWait(page, page.locator("main table a").first());
        assertThat(page.locator("main").innerText()).contains("Invitation", "No order", "Basket abandoned", "Invoice unpaid");
        screenshot(page, "reminders-1-steps");
        assertPageIsSound(page);

        clickAndWait(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit the text of No order in Nederlands")));
        page.locator("#subject").fill("Vergeet {campaign} niet, {establishment}");
        page.locator("#body").fill("Beste,\n\nWe missen de bestelling van {establishment} nog.\n{link}\n\nAfmelden: {optOutLink}");
        screenshot(page, "reminders-2-template-nl");
        clickAndWait(page, page.locator("main form[method=post] button[type=submit]"));
        assertThat(page.locator(".notice").innerText()).isEqualTo(message("reminder.template.saved", "en"));
        assertPageIsSound(page);

        page.locator("#preview-establishment").selectOption(new SelectOption().setLabel("Hôtel des Falaises"));
        page.locator("#preview-language").selectOption("nl");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview").setExact(true)).click();
        Locator subject = page.locator(".reminder-preview-subject");
        subject.waitFor();
        assertThat(subject.innerText()).startsWith("Vergeet Campagne").endsWith(", Hôtel des Falaises");
        assertThat(page.locator(".reminder-preview-body").innerText()).contains("We missen de bestelling van Hôtel des Falaises nog.");
        screenshot(page, "reminders-3-preview-nl");
        assertPageIsSound(page);

        page.navigate(url("/t/" + slug + "/office/reminders/" + office.campaign().value()));
        clickAndWait(page, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send invitations now")));
        assertThat(pathOf(page)).startsWith("/t/" + slug + "/office/jobs/");
        page.locator(".job-summary").waitFor();
        assertThat(page.locator(".job-summary").innerText()).contains(message("membership.reminders.summary.sent", "en"));
        screenshot(page, "reminders-4-job");
        assertPageIsSound(page);

        page.navigate(url("/t/" + slug + "/office/reminders/" + office.campaign().value() + "/log"));
        String log = page.locator("main").innerText();
        assertThat(log).contains("2 mails", "Hôtel des Falaises", "Camping de la Baie", "Invitation");
        screenshot(page, "reminders-5-log");
        assertPageIsSound(page);

        // The professional's link, as a reminder carries it; no login needed.
        String optOut = "/t/" + slug + "/reminders/opt-out/" + reminders.optOutToken(office.tenant().id(), office.hotel());
        Page pro = newPage();
        pro.navigate(url(optOut + "?lang=fr"));
        assertThat(pro.locator("main").innerText()).contains("Vous ne souhaitez plus recevoir de relances pour Hôtel des Falaises ?");
        screenshot(pro, "reminders-6-opt-out-fr");
        assertPageIsSound(pro);
        pro.navigate(url(optOut + "?lang=nl"));
        clickAndWait(pro, pro.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Geen herinneringen meer")));
        assertThat(pro.locator("main [role=status]").innerText()).isEqualTo("Gedaan: Hôtel des Falaises ontvangt geen herinneringen meer.");
        screenshot(pro, "reminders-7-opted-out-nl");
        assertPageIsSound(pro);
        assertThat(reminders.optedOut(office.tenant().id(), office.hotel())).isTrue();

        pro.navigate(url("/t/" + slug + "/reminders/opt-out/garbled?lang=en"));
        assertThat(pro.locator("main").innerText()).contains("This link is not valid.");
        assertPageIsSound(pro);
    }
}
