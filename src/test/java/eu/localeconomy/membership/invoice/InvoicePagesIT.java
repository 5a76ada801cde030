package eu.localeconomy.membership.invoice;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The invoices page (list, filters as an htmx fragment, downloads byte-identical to what was issued, blocked
 * invoices issued by hand) and the downloads of professionals: their own establishments' invoices and pro-formas,
 * 404 for anyone else's or a tampered id.
 */
@IntegrationTest
class InvoicePagesIT {

    @Autowired MockMvc mvc;
    @Autowired InvoiceFixtures fixtures;
    @Autowired InvoiceSetup setup;
    @Autowired Invoices invoices;
    @Autowired TestTenants tenants;

    @Test
    void financeListsFiltersAndDownloadsAndIssuesABlockedInvoice() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.ORDER);
        var tenant = office.tenant().id();
        String base = "/t/" + office.tenant().slug() + "/office/invoices";
        var finance = tenants.person(office.tenant(), Role.FINANCE, Language.EN);
        var order = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        var invoice = awaitInvoice(tenant, order);

        String page = mvc.perform(get(base).with(authentication(finance.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(invoice.number(), "Hôtel des Falaises", invoice.gross().plain());
        String fragment = mvc.perform(get(base).param("kind", "CREDIT_NOTE").param("from", "not-a-date")
                        .header("HX-Request", "true").with(authentication(finance.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("id=\"invoice-results\"", "No invoice or credit note matches.",
                "A date was not understood").doesNotContain("<html");
        assertThat(mvc.perform(get(base).param("q", invoice.number().substring(3)).param("kind", "INVOICE")
                        .with(authentication(finance.authentication())))
                .andReturn().getResponse().getContentAsString()).contains(invoice.number());

        byte[] pdf = mvc.perform(get(base + "/" + invoice.id() + ".pdf").with(authentication(finance.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(pdf).isEqualTo(invoices.pdf(tenant, invoice.id()).orElseThrow());
        mvc.perform(get(base + "/" + java.util.UUID.randomUUID() + ".pdf").with(authentication(finance.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(get(base + "/1-2-3.pdf").with(authentication(finance.authentication())))
                .andExpect(status().isNotFound());

        // A second order while a mention is missing: blocked, listed, issued by hand once the settings are fixed.
        setup.save(tenant, CompletenessIT.with(InvoiceFixtures.complete(InvoiceSettings.IssueAt.ORDER), "legalForm", null), Actor.SYSTEM);
        var second = fixtures.placeOrder(office, office.campsite(), office.campsitePro(), PaymentMethod.CHEQUE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (invoices.blocked(tenant).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        page = mvc.perform(get(base).with(authentication(finance.authentication())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Invoices waiting for a mention", "Camping de la Baie", "the seller&#39;s legal form");
        var refused = mvc.perform(post(base + "/issue/" + second).with(csrf()).with(authentication(finance.authentication())))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(refused.getFlashMap().get("issueError")).isEqualTo("The invoice cannot be issued: the seller's legal form is missing.");
        fixtures.completeSettings(tenant, InvoiceSettings.IssueAt.ORDER);
        mvc.perform(post(base + "/issue/" + second).with(csrf()).with(authentication(finance.authentication())))
                .andExpect(status().is3xxRedirection());
        assertThat(invoices.documentsOf(tenant, second)).singleElement()
                .satisfies(d -> assertThat(d.number()).endsWith("-00002"));
        mvc.perform(post(base + "/issue/not-a-uuid").with(csrf()).with(authentication(finance.authentication())))
                .andExpect(status().isNotFound());
        var helpdesk = tenants.person(office.tenant(), Role.HELPDESK);
        mvc.perform(get(base).with(authentication(helpdesk.authentication()))).andExpect(status().isForbidden());
        // Every staff member may print a pro-forma of an order.
        mvc.perform(get("/t/" + office.tenant().slug() + "/office/orders/" + order + "/pro-forma.pdf")
                .with(authentication(helpdesk.authentication()))).andExpect(status().isOk());
    }

    @Test
    void professionalsDownloadTheirOwnDocumentsOnly() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.ORDER);
        var tenant = office.tenant().id();
        var order = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        var invoice = awaitInvoice(tenant, order);
        String pro = "/t/" + office.tenant().slug() + "/pro";
        var hotelPro = office.hotelPro().authentication();
        var campsitePro = office.campsitePro().authentication();

        // The order pages link the documents: the professional's to their downloads, the office's to its own.
        assertThat(mvc.perform(get(pro + "/orders/" + order).with(authentication(hotelPro)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains(pro + "/invoices/" + invoice.id() + ".pdf", invoice.number());
        var finance = tenants.person(office.tenant(), Role.FINANCE);
        assertThat(mvc.perform(get("/t/" + office.tenant().slug() + "/office/orders/" + order)
                        .with(authentication(finance.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("/office/invoices/" + invoice.id() + ".pdf", "/office/orders/" + order + "/pro-forma.pdf");

        byte[] pdf = mvc.perform(get(pro + "/invoices/" + invoice.id() + ".pdf").with(authentication(hotelPro)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(pdf).isEqualTo(invoices.pdf(tenant, invoice.id()).orElseThrow());
        mvc.perform(get(pro + "/orders/" + order + "/pro-forma.pdf").with(authentication(hotelPro)))
                .andExpect(status().isOk());
        mvc.perform(get(pro + "/invoices/" + invoice.id() + ".pdf").with(authentication(campsitePro)))
                .andExpect(status().isNotFound());
        mvc.perform(get(pro + "/orders/" + order + "/pro-forma.pdf").with(authentication(campsitePro)))
                .andExpect(status().isNotFound());
        mvc.perform(get(pro + "/invoices/12345.pdf").with(authentication(hotelPro)))
                .andExpect(status().isNotFound());
        // Another tenant's professional never reaches it either.
        var other = fixtures.office(InvoiceSettings.IssueAt.ORDER);
        mvc.perform(get("/t/" + other.tenant().slug() + "/pro/invoices/" + invoice.id() + ".pdf")
                .with(authentication(other.hotelPro().authentication()))).andExpect(status().isNotFound());
    }

    private InvoiceDocument awaitInvoice(eu.localeconomy.shared.TenantId tenant, java.util.UUID order) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (invoices.documentsOf(tenant, order).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return invoices.documentsOf(tenant, order).getFirst();
    }
}
