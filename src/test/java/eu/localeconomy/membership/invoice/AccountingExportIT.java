package eu.localeconomy.membership.invoice;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.membership.payment.RefundEntry;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.TestTenants;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The accounting export read back: an order paid (invoice issued at payment by the event), then partly refunded
 * (credit note by the event): its invoice lines add up to the order, the credit note's to minus the refund, and the
 * payment and the refund are rows of their own. Bad periods get a message, not a file or a 500.
 */
@IntegrationTest
class AccountingExportIT {

    @Autowired MockMvc mvc;
    @Autowired InvoiceFixtures fixtures;
    @Autowired OrderFixtures orderFixtures;
    @Autowired Payments payments;
    @Autowired Invoices invoices;
    @Autowired TestTenants tenants;

    @Test
    void invoiceAndCreditNoteLinesWithTheirVatThenPaymentsAndRefunds() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        var tenant = office.tenant().id();
        UUID orderId = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        var placed = new OrderFixtures.Placed(office, orderId, payments.account(tenant, orderId).orElseThrow().due());
        var payment = orderFixtures.payInFull(placed);
        var invoice = await(() -> invoices.documentsOf(tenant, orderId), 1).getFirst();
        Money refund = Money.euros(12_345);
        payments.refund(tenant, orderId, new RefundEntry(payment.id(), refund, orderFixtures.today(placed), "Geste",
                "Remboursement partiel", UUID.randomUUID().toString()), office.admin().principal());
        var credit = await(() -> invoices.documentsOf(tenant, orderId), 2).get(1);
        assertThat(credit.gross()).isEqualTo(refund);

        var finance = tenants.person(office.tenant(), Role.FINANCE, Language.FR);
        String day = orderFixtures.today(placed).toString();
        var response = mvc.perform(get("/t/" + office.tenant().slug() + "/office/accounting/export.csv")
                        .param("from", day).param("to", day).with(authentication(finance.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))).getRecords();
        var invoiceRows = rows.stream().filter(r -> r.get("type").equals("INVOICE")).toList();
        var creditRows = rows.stream().filter(r -> r.get("type").equals("CREDIT_NOTE")).toList();
        assertThat(invoiceRows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("number")).isEqualTo(invoice.number());
            assertThat(r.get("buyer")).isEqualTo("Hôtel des Falaises");
            assertThat(new BigDecimal(r.get("net")).add(new BigDecimal(r.get("vat")))).isEqualByComparingTo(r.get("gross"));
        });
        assertThat(sum(invoiceRows, "gross")).isEqualByComparingTo(placed.gross().amount());
        assertThat(sum(invoiceRows, "vat")).isEqualByComparingTo("154.45");
        assertThat(invoiceRows).extracting(r -> r.get("vat_rate")).containsExactlyInAnyOrder("20", "20", "5.5");
        assertThat(creditRows).isNotEmpty().allSatisfy(r -> assertThat(r.get("credits")).isEqualTo(invoice.number()));
        assertThat(sum(creditRows, "gross")).isEqualByComparingTo(refund.amount().negate());
        assertThat(rows).filteredOn(r -> r.get("type").equals("PAYMENT")).singleElement().satisfies(r -> {
            assertThat(r.get("gross")).isEqualTo(placed.gross().plain());
            assertThat(r.get("method")).isEqualTo("TRANSFER");
        });
        assertThat(rows).filteredOn(r -> r.get("type").equals("REFUND")).singleElement()
                .satisfies(r -> assertThat(r.get("gross")).isEqualTo("-123.45"));

        // Nothing on another day; bad periods are told on the page.
        String other = orderFixtures.today(placed).minusYears(1).toString();
        assertThat(mvc.perform(get("/t/" + office.tenant().slug() + "/office/accounting/export.csv")
                        .param("from", other).param("to", other).with(authentication(finance.authentication())))
                .andReturn().getResponse().getContentAsString().lines().count()).isEqualTo(1);
        for (String[] bad : new String[][]{{"2026-13-01", day}, {day, other}, {"2020-01-01", "2026-01-01"}, {"", ""},
                {"x".repeat(500), day}}) {
            var redirect = mvc.perform(get("/t/" + office.tenant().slug() + "/office/accounting/export.csv")
                            .param("from", bad[0]).param("to", bad[1]).with(authentication(finance.authentication())))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            String page = mvc.perform(get(redirect).with(authentication(finance.authentication())))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("error-summary");
        }
        var helpdesk = tenants.person(office.tenant(), Role.HELPDESK);
        mvc.perform(get("/t/" + office.tenant().slug() + "/office/accounting").with(authentication(helpdesk.authentication())))
                .andExpect(status().isForbidden());
    }

    private static BigDecimal sum(List<CSVRecord> rows, String column) {
        return rows.stream().map(r -> new BigDecimal(r.get(column))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static <T> List<T> await(java.util.function.Supplier<List<T>> read, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<T> found = read.get();
        while (found.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = read.get();
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(size);
        return found;
    }
}
