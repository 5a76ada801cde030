package eu.localeconomy.savings.terminal;

import eu.localeconomy.savings.card.CardTokens;
import eu.localeconomy.savings.card.Cards;
import eu.localeconomy.savings.ledger.LedgerReconciliation;
import eu.localeconomy.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The counter API against the real ledger: receipts, replays, conflicts and every business refusal as problem JSON.
 * The ledger's reconciliation runs after each scenario.
 */
@IntegrationTest
class TerminalLedgerApiIT {

    static final String TYPE = "https://errors.localeconomy.eu/";

    @Autowired MockMvc mvc;
    @Autowired CounterSetup setup;
    @Autowired CardTokens tokens;
    @Autowired Cards cards;
    @Autowired JdbcClient jdbc;
    @Autowired LedgerReconciliation reconciliation;

    final JsonMapper json = JsonMapper.builder().build();
    final List<CounterSetup.Shop> shops = new ArrayList<>();
    CounterSetup.Shop shop;

    @BeforeEach
    void shop() {
        shop = shop(setup.shop());
    }

    CounterSetup.Shop shop(CounterSetup.Shop s) {
        shops.add(s);
        return s;
    }

    @AfterEach
    void reconcile() {
        for (var s : shops) {
            assertThat(reconciliation.reconcile(s.tenant().id(), s.programme().id()).violations()).isEmpty();
        }
    }

    ResultActions earn(String key, String card, String purchase) throws Exception {
        return mvc.perform(post("/api/v1/savings/earnings").header("Authorization", "Bearer " + shop.credential())
                .header("Idempotency-Key", key).header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                .content("{\"card\":\"" + card + "\",\"purchase\":\"" + purchase + "\"}"));
    }

    ResultActions redeem(String key, String card, String amount) throws Exception {
        return mvc.perform(post("/api/v1/savings/redemptions").header("Authorization", "Bearer " + shop.credential())
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content("{\"card\":\"" + card + "\",\"amount\":\"" + amount + "\"}"));
    }

    ResultActions reverse(String key, Object transactionId) throws Exception {
        return mvc.perform(post("/api/v1/savings/transactions/" + transactionId + "/reversal")
                .header("Authorization", "Bearer " + shop.credential()).header("Idempotency-Key", key));
    }

    String number() {
        return shop.card().number().value();
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    String transactionId(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString()).get("transactionId").asString();
    }

    long transactionsOfCard() {
        return jdbc.sql("select count(*) from savings_ledger_transaction where card_id = ?").param(shop.card().cardId())
                .query(Long.class).single();
    }

    @Test
    void lookupShowsWhatTheCounterMayDoAndNoPersonalData() throws Exception {
        String token = tokens.tokenFor(shop.tenant().id(), shop.card().cardId());
        for (String reference : List.of(number(), shop.card().number().formatted().toLowerCase(), token)) {
            mvc.perform(get("/api/v1/savings/cards/" + reference).header("Authorization", "Bearer " + shop.credential())
                            .header("Accept-Language", "en"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.number").value(shop.card().number().formatted()))
                    .andExpect(jsonPath("$.status").value("ACTIVE"))
                    .andExpect(jsonPath("$.phase").value("EARN"))
                    .andExpect(jsonPath("$.earn.allowed").value(true))
                    .andExpect(jsonPath("$.redeem.allowed").value(false))
                    .andExpect(jsonPath("$.redeem.refusal").value("outside-phase"))
                    .andExpect(jsonPath("$.redeem.message").value("Not possible today"))
                    .andExpect(jsonPath("$.ratePercent").value("33.33"))
                    .andExpect(jsonPath("$.credit").value("0.00"))
                    .andExpect(jsonPath("$.remainingCap").value("150.00"))
                    .andExpect(jsonPath("$.voucher").value("0.00"))
                    .andExpect(jsonPath("$.currency").value("EUR"))
                    .andExpect(jsonPath("$.name").doesNotExist())
                    .andExpect(jsonPath("$.cardId").doesNotExist());
        }
    }

    @Test
    void earnAnswersAReceiptAndAReplayTheSameBodyWithTheReplayHeader() throws Exception {
        String key = key();
        String first = earn(key, number(), "30.00")
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.kind").value("EARN"))
                .andExpect(jsonPath("$.purchase").value("30.00"))
                .andExpect(jsonPath("$.amount").value("10.00"))
                .andExpect(jsonPath("$.capped").value(false))
                .andExpect(jsonPath("$.creditAfter").value("10.00"))
                .andReturn().getResponse().getContentAsString();
        // The card spelled another way is the same request.
        String again = earn(key, shop.card().number().formatted(), "30.00")
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(again).isEqualTo(first);
        earn(key, number(), "31.00")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(TYPE + "idempotency-key-reused"))
                .andExpect(jsonPath("$.title").value("Idempotency key already used"));
        assertThat(transactionsOfCard()).isEqualTo(1);
        // So is the whole address a QR code holds, as a scanner that reads it passes it on.
        String qr = tokens.enrolmentUrl(shop.tenant().slug(), shop.tenant().id(), shop.card().cardId());
        earn(key, qr, "30.00").andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true"));
        assertThat(transactionsOfCard()).isEqualTo(1);
    }

    @Test
    void theCreditIsCutAtTheCapThenTheCapIsReached() throws Exception {
        earn(key(), number(), "600.00").andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount").value("150.00")).andExpect(jsonPath("$.capped").value(true));
        earn(key(), number(), "3.00")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "cap-reached"))
                .andExpect(jsonPath("$.cap").value("150.00"));
        mvc.perform(get("/api/v1/savings/cards/" + number()).header("Authorization", "Bearer " + shop.credential()))
                .andExpect(jsonPath("$.earn.allowed").value(false)).andExpect(jsonPath("$.earn.refusal").value("cap-reached"));
    }

    @Test
    void limitsAndCardStatesAreRefusedWithTheirCodes() throws Exception {
        setup.limits(shop.programme(), 100_00L, null, 15);
        earn(key(), number(), "100.01").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "limit-exceeded"))
                .andExpect(jsonPath("$.limit").value("100.00"));
        redeem(key(), number(), "1.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "outside-phase"));
        cards.block(shop.tenant().id(), shop.card().cardId(), "lost");
        earn(key(), number(), "10.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "card-blocked"));
        jdbc.sql("update savings_card set status = 'ISSUED' where id = ?").param(shop.card().cardId()).update();
        earn(key(), number(), "10.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "card-not-active"));
        earn("not a key!", number(), "10.00").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(TYPE + "invalid-idempotency-key"));
        assertThat(transactionsOfCard()).isZero();
    }

    @Test
    void redeemInTheSpendWindowUpToTheVoucher() throws Exception {
        earn(key(), number(), "60.00").andExpect(status().isCreated());
        setup.moveToSpendWindow(shop.programme(), setup.today(shop.tenant()));
        setup.convert(shop.card().cardId(), setup.today(shop.tenant()).minusDays(1));
        mvc.perform(get("/api/v1/savings/cards/" + number()).header("Authorization", "Bearer " + shop.credential()))
                .andExpect(jsonPath("$.phase").value("SPEND"))
                .andExpect(jsonPath("$.redeem.allowed").value(true))
                .andExpect(jsonPath("$.voucher").value("20.00"));
        redeem(key(), number(), "20.01").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "insufficient-voucher-balance"))
                .andExpect(jsonPath("$.balance").value("20.00"));
        earn(key(), number(), "10.00").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "outside-phase"));
        redeem(key(), number(), "12.50").andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("REDEEM"))
                .andExpect(jsonPath("$.amount").value("12.50"))
                .andExpect(jsonPath("$.voucherAfter").value("7.50"));
    }

    @Test
    void reversalsWithinTheWindowOnceAndOnlyForTheSameMerchant() throws Exception {
        String earned = transactionId(earn(key(), number(), "30.00").andExpect(status().isCreated()));
        String reversalKey = key();
        String reversal = reverse(reversalKey, earned).andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("REVERSAL"))
                .andExpect(jsonPath("$.reverses").value(earned))
                .andExpect(jsonPath("$.creditAfter").value("0.00"))
                .andReturn().getResponse().getContentAsString();
        reverse(reversalKey, earned).andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true"));
        reverse(key(), earned).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "already-reversed"));
        String reversalId = json.readTree(reversal).get("transactionId").asString();
        reverse(key(), reversalId).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "not-reversible"));
        reverse(key(), UUID.randomUUID()).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(TYPE + "unknown-transaction"));

        // Another shop of the same tenant cannot see or reverse this one's transactions.
        String later = transactionId(earn(key(), number(), "3.00").andExpect(status().isCreated()));
        var other = setup.otherShopDevice(shop.tenant(), shop.owner());
        mvc.perform(post("/api/v1/savings/transactions/" + later + "/reversal")
                        .header("Authorization", "Bearer " + other.credential()).header("Idempotency-Key", key()))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value(TYPE + "unknown-transaction"));
        mvc.perform(get("/api/v1/savings/transactions").header("Authorization", "Bearer " + other.credential()))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));

        setup.limits(shop.programme(), null, null, 0);
        reverse(key(), later).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(TYPE + "reversal-window-closed"));
    }

    @Test
    void transactionsAreTheMerchantsOwnFilteredByDeviceAndKind() throws Exception {
        earn(key(), number(), "30.00").andExpect(status().isCreated());
        earn(key(), number(), "6.00").andExpect(status().isCreated());
        String bearer = "Bearer " + shop.credential();
        mvc.perform(get("/api/v1/savings/transactions").header("Authorization", bearer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].purchase").value("6.00"))
                .andExpect(jsonPath("$[0].deviceName").value("Till 1"))
                .andExpect(jsonPath("$[1].amount").value("10.00"));
        mvc.perform(get("/api/v1/savings/transactions").param("device", UUID.randomUUID().toString())
                        .header("Authorization", bearer))
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/api/v1/savings/transactions").param("kind", "REDEEM").header("Authorization", bearer))
                .andExpect(jsonPath("$", hasSize(0)));
        String today = setup.today(shop.tenant()).toString();
        mvc.perform(get("/api/v1/savings/transactions").param("from", today).param("to", today).param("kind", "EARN")
                        .header("Authorization", bearer))
                .andExpect(jsonPath("$", hasSize(2)));
    }

    @Test
    void theMerchantAppGoesThroughTheSameServiceWithTheCashierRecorded() throws Exception {
        String base = "/t/" + shop.tenant().slug() + "/merchant/app/api";
        mvc.perform(get(base + "/cards/" + number() + "/earning-preview").param("purchase", "30.00")
                        .with(authentication(shop.cashier().authentication()))
                        .header("X-Device-Credential", shop.credential()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.credit").value("10.00"))
                .andExpect(jsonPath("$.capped").value(false));
        String key = key();
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(post(base + "/earnings").with(csrf()).with(authentication(shop.cashier().authentication()))
                            .header("X-Device-Credential", shop.credential()).header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"card\":\"" + number() + "\",\"purchase\":\"30.00\"}"))
                    .andExpect(status().isCreated()).andExpect(jsonPath("$.amount").value("10.00"));
        }
        assertThat(transactionsOfCard()).isEqualTo(1);
        UUID cashier = jdbc.sql("select cashier_id from savings_ledger_transaction where card_id = ?")
                .param(shop.card().cardId()).query(UUID.class).single();
        assertThat(cashier).isEqualTo(shop.cashier().principal().userId().value());
        mvc.perform(get(base + "/transactions").param("scope", "device")
                        .with(authentication(shop.cashier().authentication()))
                        .header("X-Device-Credential", shop.credential()))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].cashierName").exists());
    }
}
