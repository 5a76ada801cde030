package eu.localeconomy.savings.statement;

import eu.localeconomy.account.Role;
import eu.localeconomy.savings.ledger.LedgerTransactions;
import eu.localeconomy.savings.ledger.TransactionKind;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.MerchantFixtures;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The merchant portal's transactions: filters, totals, the CSV and XLSX exports read back, cashiers' access, and that
 * another merchant's transactions never show. Ledger rows are written with SQL (dates chosen freely, in any phase).
 */
@IntegrationTest
class MerchantTransactionsIT {

    static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
    static final LocalDate NOV_10 = LocalDate.of(2026, 11, 10);
    static final LocalDate NOV_20 = LocalDate.of(2026, 11, 20);

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired SavingsFixtures savings;
    @Autowired Merchants merchants;
    @Autowired MerchantFixtures merchantFixtures;
    @Autowired MerchantDevices devices;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    Programme programme;
    UUID bakery;
    UUID butcher;
    TestTenants.Person owner;
    TestTenants.Person cashier;
    TestTenants.Person otherOwner;
    UUID till;
    UUID phone;
    UUID butcherTill;
    UUID card1;
    UUID card2;
    UUID earn1;
    UUID earn2;
    UUID redeem1;
    UUID reversal;
    UUID correction;
    UUID butcherEarn;

    @BeforeEach
    void shops() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
        card1 = savings.residentHousehold(tenant, programme, "Zeedijk", "1", "8300",
                List.of(new SavingsFixtures.Adult("An", "Peeters", "85073003328", LocalDate.of(1985, 7, 30)))).cardId();
        card2 = savings.residentHousehold(tenant, programme, "Zeedijk", "2", "8300",
                List.of(new SavingsFixtures.Adult("Lien", "Wouters", "00010100105", LocalDate.of(2000, 1, 1)))).cardId();
        bakery = merchant("Bakkerij Zand");
        butcher = merchant("Slagerij Duin");
        owner = fixtures.person(tenant, Role.MERCHANT_OWNER);
        cashier = fixtures.person(tenant, Role.CASHIER);
        otherOwner = fixtures.person(tenant, Role.MERCHANT_OWNER);
        merchants.link(tenant.id(), bakery, owner.principal().userId(), Merchants.StaffRole.OWNER, owner.principal());
        merchants.link(tenant.id(), bakery, cashier.principal().userId(), Merchants.StaffRole.CASHIER, owner.principal());
        merchants.link(tenant.id(), butcher, otherOwner.principal().userId(), Merchants.StaffRole.OWNER, otherOwner.principal());
        till = devices.register(tenant.id(), bakery, "Till", owner.principal().userId()).device().id();
        phone = devices.register(tenant.id(), bakery, "Phone", owner.principal().userId()).device().id();
        butcherTill = devices.register(tenant.id(), butcher, "Butcher till", otherOwner.principal().userId()).device().id();

        // Bakery: two earnings, a redemption partly reversed, a city correction of an earning.
        earn1 = transaction(TransactionKind.EARN, card1, bakery, till, owner, 30_00L, 10_00, false, null, NOV_2);
        earn2 = transaction(TransactionKind.EARN, card2, bakery, phone, cashier, 9_000L, 25_00, true, null, NOV_10);
        redeem1 = transaction(TransactionKind.REDEEM, card1, bakery, till, cashier, null, 12_50, false, null, NOV_20);
        reversal = transaction(TransactionKind.REVERSAL, card1, bakery, till, cashier, null, 12_50, false, redeem1, NOV_20);
        correction = transaction(TransactionKind.CORRECTION, card2, bakery, null, null, null, 5_00, false, earn2, NOV_20);
        // The butcher's own transaction never appears at the bakery.
        butcherEarn = transaction(TransactionKind.EARN, card1, butcher, butcherTill, otherOwner, 60_00L, 20_00, false, null, NOV_10);
    }

    @Test
    void listsTheShopsTransactionsWithTotals() throws Exception {
        MvcResult page = page(owner, list());
        assertThat(ids(page)).containsExactly(correction, reversal, redeem1, earn2, earn1);
        var totals = (LedgerTransactions.Totals) page.getModelAndView().getModel().get("totals");
        assertThat(totals.count()).isEqualTo(5);
        assertThat(totals.purchases()).isEqualTo(Money.euros(120_00));
        assertThat(totals.earned()).isEqualTo(Money.euros(35_00));
        assertThat(totals.redeemed()).isEqualTo(Money.euros(12_50));
        assertThat(totals.compensated()).isEqualTo(Money.euros(17_50));
        // Redeemed here minus the reversed redemption: nothing owed.
        assertThat(totals.owedToMerchant()).isEqualTo(Money.euros(0));
        String html = page.getResponse().getContentAsString();
        assertThat(html).contains("Owed to you by the city").contains("data-transaction=\"" + earn1 + "\"")
                .doesNotContain(butcherEarn.toString()).contains("export.csv").contains("export.xlsx");
    }

    @Test
    void filtersByDateKindDeviceAndCashier() throws Exception {
        assertThat(ids(page(owner, list().param("from", "2026-11-05").param("to", "2026-11-19")))).containsExactly(earn2);
        assertThat(ids(page(owner, list().param("kind", "EARN")))).containsExactly(earn2, earn1);
        assertThat(ids(page(owner, list().param("kind", "REDEEM")))).containsExactly(redeem1);
        assertThat(ids(page(owner, list().param("device", till.toString())))).containsExactly(reversal, redeem1, earn1);
        assertThat(ids(page(owner, list().param("cashier", cashier.principal().userId().value().toString()))))
                .containsExactly(reversal, redeem1, earn2);
        var totals = (LedgerTransactions.Totals) page(owner, list().param("kind", "REDEEM"))
                .getModelAndView().getModel().get("totals");
        assertThat(totals.redeemed()).isEqualTo(Money.euros(12_50));
    }

    @Test
    void anotherShopsDeviceOrCashierFiltersNothingIn() throws Exception {
        MvcResult forged = page(owner, list().param("device", butcherTill.toString()));
        assertThat(forged.getModelAndView().getModel()).doesNotContainKey("lines");
        assertThat(forged.getResponse().getContentAsString()).contains("device-error").contains("href=\"#device\"");
        MvcResult person = page(owner, list().param("cashier", otherOwner.principal().userId().value().toString()));
        assertThat(person.getModelAndView().getModel()).doesNotContainKey("lines");
        MvcResult badDate = page(owner, list().param("from", "2026-13-01").param("to", "x"));
        assertThat(badDate.getModelAndView().getModel()).doesNotContainKey("lines");
        // The butcher sees only the butcher's.
        assertThat(ids(page(otherOwner, list()))).containsExactly(butcherEarn);
    }

    @Test
    void aCashierSeesTheShopButDoesNotExport() throws Exception {
        MvcResult page = page(cashier, list());
        assertThat(ids(page)).containsExactly(correction, reversal, redeem1, earn2, earn1);
        assertThat(page.getResponse().getContentAsString()).doesNotContain("export.csv");
        mvc.perform(get(base() + "/export.csv").with(authentication(cashier.authentication())))
                .andExpect(status().isForbidden());
        mvc.perform(get(base() + "/export.xlsx").with(authentication(cashier.authentication())))
                .andExpect(status().isForbidden());
        // A merchant account that works for no merchant has no statement.
        var stray = fixtures.person(tenant, Role.MERCHANT_OWNER);
        mvc.perform(get(base()).with(authentication(stray.authentication()))).andExpect(status().isForbidden());
    }

    @Test
    void csvInDutchUsesSemicolonsDecimalCommasAndABom() throws Exception {
        MvcResult result = mvc.perform(get(base() + "/export.csv")
                        .with(authentication(speaking(owner, Language.NL).authentication())))
                .andExpect(status().isOk()).andReturn();
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment").contains(".csv");
        byte[] bytes = result.getResponse().getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(text)).getRecords();
        assertThat(rows.getFirst().get(0)).isEqualTo("Boekingsdatum");
        assertThat(rows.getFirst().get(2)).isEqualTo("Soort");
        assertThat(rows).hasSize(6);
        // Oldest first.
        CSVRecord first = rows.get(1);
        assertThat(first.get(0)).isEqualTo("2026-11-02");
        assertThat(first.get(2)).isEqualTo("Tegoed gespaard");
        assertThat(first.get(4)).isEqualTo("Till");
        assertThat(first.get(6)).isEqualTo("30,00");
        assertThat(first.get(7)).isEqualTo("10,00");
        assertThat(first.get(11)).isEqualTo(earn1.toString());
        assertThat(rows.stream().map(r -> r.get(11))).doesNotContain(butcherEarn.toString());
        CSVRecord capped = rows.get(2);
        assertThat(capped.get(8)).isEqualTo("ja");
        assertThat(capped.get(9)).isEqualTo("5,00");
    }

    @Test
    void csvInEnglishUsesCommasAndFiltersLikeThePage() throws Exception {
        MvcResult result = mvc.perform(get(base() + "/export.csv").param("kind", "REDEEM")
                        .with(authentication(owner.authentication())))
                .andExpect(status().isOk()).andReturn();
        String text = result.getResponse().getContentAsString(StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.EXCEL.parse(new StringReader(text)).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().get(0)).isEqualTo("Business date");
        assertThat(rows.get(1).get(7)).isEqualTo("12.50");
        assertThat(rows.get(1).get(9)).isEqualTo("12.50");
    }

    @Test
    void xlsxHasNumbersAndDatesWithFrenchHeaders() throws Exception {
        MvcResult result = mvc.perform(get(base() + "/export.xlsx")
                        .with(authentication(speaking(owner, Language.FR).authentication())))
                .andExpect(status().isOk()).andReturn();
        assertThat(result.getResponse().getContentType()).startsWith("application/vnd.openxmlformats");
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(6);
            assertThat(rows.getFirst().getCellText(0)).isEqualTo("Date comptable");
            assertThat(rows.getFirst().getCellText(7)).isEqualTo("Montant (EUR)");
            Row first = rows.get(1);
            assertThat(first.getCell(0).getType()).isEqualTo(CellType.NUMBER);
            assertThat(first.getCellAsDate(0)).contains(NOV_2.atStartOfDay());
            assertThat(first.getCellAsDate(1).orElseThrow()).isInstanceOf(LocalDateTime.class);
            assertThat(first.getCellText(2)).isEqualTo("Crédit épargné");
            assertThat(first.getCell(6).getType()).isEqualTo(CellType.NUMBER);
            assertThat(first.getCellAsNumber(6)).hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo(new BigDecimal("30.00")));
            assertThat(first.getCellAsNumber(7)).hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo(new BigDecimal("10.00")));
            assertThat(rows.stream().map(r -> r.getCellText(11))).contains(redeem1.toString()).doesNotContain(butcherEarn.toString());
        }
    }

    /** The person's saved language chooses the language of pages and files. */
    private static TestTenants.Person speaking(TestTenants.Person person, Language language) {
        return new TestTenants.Person(person.tenant(), person.email(), person.principal().withLanguage(language));
    }

    private String base() {
        return "/t/" + tenant.slug() + "/merchant/transactions";
    }

    private MockHttpServletRequestBuilder list() {
        return get(base());
    }

    private MvcResult page(TestTenants.Person who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(authentication(who.authentication()))).andExpect(status().isOk()).andReturn();
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> ids(MvcResult result) {
        var lines = (List<LedgerTransactions.Line>) result.getModelAndView().getModel().get("lines");
        assertThat(lines).as("lines listed").isNotNull();
        return lines.stream().map(LedgerTransactions.Line::id).toList();
    }

    private UUID merchant(String name) {
        return merchantFixtures.approvedMerchant(tenant.id(), name);
    }

    /** A ledger transaction with its balanced entries, as the ledger would post it (signs per the conventions). */
    private UUID transaction(TransactionKind kind, UUID card, UUID merchant, UUID device, TestTenants.Person by,
                             Long purchase, long amount, boolean capped, UUID reverses, LocalDate date) {
        UUID id = UUID.randomUUID();
        var at = Timestamp.from(date.atTime(10, 0).atZone(ZoneId.of("Europe/Brussels")).toInstant()
                .plusSeconds(kind.ordinal()));
        jdbc.sql("""
                        insert into savings_ledger_transaction (id, tenant_id, programme_id, kind, card_id, merchant_id,
                            device_id, cashier_id, purchase_cents, amount_cents, capped, reverses_id, reason,
                            idempotency_key, request_hash, currency, business_date, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EUR', ?, ?)""")
                .params(id, tenant.id().value(), programme.id(), kind.name(), card, merchant, device,
                        by == null ? null : by.principal().userId().value(), purchase, amount, capped, reverses,
                        kind == TransactionKind.CORRECTION ? "Wrong amount typed" : null, "key-" + id,
                        "0".repeat(64), date, at)
                .update();
        boolean earnSide = kind == TransactionKind.EARN || kind == TransactionKind.CORRECTION && reverses.equals(earn2);
        long sign = kind == TransactionKind.EARN || kind == TransactionKind.REDEEM ? 1 : -1;
        if (earnSide) {
            entry(id, "CARD_CREDIT", card, sign * amount);
            entry(id, "PROGRAMME_FUNDING", programme.id(), -sign * amount);
        } else {
            entry(id, "CARD_VOUCHER", card, -sign * amount);
            entry(id, "MERCHANT_PAYABLE", merchant, sign * amount);
        }
        return id;
    }

    private void entry(UUID transaction, String account, UUID owner, long cents) {
        jdbc.sql("""
                        insert into savings_ledger_entry (tenant_id, transaction_id, account, owner_id, amount_cents)
                        values (?, ?, ?, ?, ?)""")
                .params(tenant.id().value(), transaction, account, owner, cents).update();
    }
}
