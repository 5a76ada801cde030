package eu.localeconomy.savings.ledger;

import eu.localeconomy.account.Role;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The city's ledger pages: reconciliation, search, detail, and corrections reserved to finance. */
@IntegrationTest
class LedgerOfficeIT {

    @Autowired MockMvc mvc;
    @Autowired Ledger ledger;
    @Autowired LedgerReconciliation reconciliation;
    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    Tenant tenant;
    Programme programme;
    UUID card;
    String cardNumber;
    Receipt sale;
    TestTenants.Person finance;
    TestTenants.Person helpdesk;

    @BeforeEach
    void setUp() {
        var fixtures = new LedgerFixtures(jdbc, clock);
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
        card = fixtures.activeCards(tenant.id(), programme, "RESIDENT", 1).getFirst();
        // A number as printed, with its check character, so that the search can read it.
        var number = CardNumber.random();
        jdbc.sql("update savings_card set number = ? where id = ?").params(number.value(), card).update();
        cardNumber = number.formatted();
        UUID merchant = fixtures.merchant(tenant.id(), "Boekhandel Het Anker", "APPROVED");
        sale = ledger.earn(new Counter(tenant.id(), merchant, null, null), card, 30_00, "scan-" + UUID.randomUUID());
        finance = tenants.person(tenant, Role.FINANCE);
        helpdesk = tenants.person(tenant, Role.HELPDESK);
    }

    @AfterEach
    void reconcile() {
        assertThat(reconciliation.reconcile(tenant.id(), programme.id()).violations()).isEmpty();
    }

    private String page(TestTenants.Person who, String path) throws Exception {
        return mvc.perform(get("/t/" + tenant.slug() + path).with(authentication(who.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theOverviewProvesTheLedgerAndSearchesByCard() throws Exception {
        String overview = page(finance, "/office/ledger");
        assertThat(overview).contains("Every check holds").contains("Boekhandel Het Anker").contains("10.00");

        String byCard = page(finance, "/office/ledger?card=" + cardNumber + "&kind=EARN");
        assertThat(byCard).contains(sale.transactionId().toString()).contains("30.00");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ledger.card-searched' and target_id = ?")
                .param(card.toString()).query(Long.class).single()).isEqualTo(1);

        assertThat(page(finance, "/office/ledger?card=NOT-A-CARD&from=yesterday&kind=STEAL&merchant=x&page=-3"))
                .contains("This is not a card number").contains("Enter a date such as");
    }

    @Test
    void theHelpdeskSeesATransactionButCannotCorrectIt() throws Exception {
        String detail = page(helpdesk, "/office/ledger/transactions/" + sale.transactionId());
        assertThat(detail).contains("Only finance staff").doesNotContain("name=\"reason\"");

        mvc.perform(post("/t/" + tenant.slug() + "/office/ledger/transactions/" + sale.transactionId() + "/corrections")
                        .with(authentication(helpdesk.authentication())).with(csrf())
                        .param("amount", "1").param("reason", "try").param("key", "correction-" + UUID.randomUUID()))
                .andExpect(status().isForbidden());
        assertThat(ledger.position(tenant.id(), card).orElseThrow().credit()).isEqualTo(Money.euros(10_00));
    }

    @Test
    void financeCorrectsWithAReasonOnceEvenWhenTheFormIsSentTwice() throws Exception {
        String path = "/t/" + tenant.slug() + "/office/ledger/transactions/" + sale.transactionId() + "/corrections";
        String form = page(finance, "/office/ledger/transactions/" + sale.transactionId());
        assertThat(form).contains("name=\"reason\"").contains("At most €10.00");

        String refused = mvc.perform(post(path).with(authentication(finance.authentication())).with(csrf())
                        .param("amount", "2,505").param("reason", " ").param("key", "correction-" + UUID.randomUUID()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("at most two decimals").contains("Give the reason for the correction");

        String tooMuch = mvc.perform(post(path).with(authentication(finance.authentication())).with(csrf())
                        .param("amount", "10.01").param("reason", "Typo").param("key", "correction-" + UUID.randomUUID()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tooMuch).contains("This amount is not valid");

        String key = "correction-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post(path).with(authentication(finance.authentication())).with(csrf())
                            .param("amount", "2.50").param("reason", "Returned a book").param("key", key))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(ledger.position(tenant.id(), card).orElseThrow().credit()).isEqualTo(Money.euros(7_50));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ledger.corrected' and actor_id = ?")
                .param(finance.principal().userId().value()).query(Long.class).single()).isEqualTo(1);
        assertThat(page(finance, "/office/ledger/transactions/" + sale.transactionId()))
                .contains("Returned a book").contains("At most €7.50");
    }

    @Test
    void anotherTenantsTransactionIsNotFound() throws Exception {
        Tenant other = tenants.tenant(TenantKind.MUNICIPALITY);
        var stranger = tenants.person(other, Role.FINANCE);
        mvc.perform(get("/t/" + other.slug() + "/office/ledger/transactions/" + sale.transactionId())
                        .with(authentication(stranger.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/t/" + other.slug() + "/office/ledger/transactions/" + sale.transactionId() + "/corrections")
                        .with(authentication(stranger.authentication())).with(csrf())
                        .param("amount", "1").param("reason", "x").param("key", "correction-" + UUID.randomUUID()))
                .andExpect(status().isNotFound());
    }
}
