package eu.localeconomy.savings.terminal;

import eu.localeconomy.savings.card.CardTokens;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The counter API's door: device credentials, problem JSON before the ledger, the OpenAPI description. */
@IntegrationTest
class TerminalApiIT {

    static final String TYPE = "https://errors.localeconomy.eu/";

    @Autowired MockMvc mvc;
    @Autowired CounterSetup setup;
    @Autowired MerchantDevices devices;
    @Autowired Merchants merchants;
    @Autowired CardTokens tokens;

    CounterSetup.Shop shop;

    @BeforeEach
    void shop() {
        shop = setup.shop();
    }

    String bearer() {
        return "Bearer " + shop.credential();
    }

    @Test
    void withoutACredentialTheApiAnswers401AsProblemJson() throws Exception {
        mvc.perform(get("/api/v1/savings/cards/" + shop.card().number().value()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(TYPE + "device-unauthenticated"));
        mvc.perform(get("/api/v1/savings/cards/" + shop.card().number().value()).header("Authorization", "Bearer lmd_nonsense"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aRevokedDeviceIsRefusedAtOnce() throws Exception {
        devices.revoke(shop.tenant().id(), shop.merchantId(), shop.device().device().id(), shop.owner().principal().userId());
        mvc.perform(post("/api/v1/savings/earnings").header("Authorization", bearer()).header("Idempotency-Key", "k-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"card\":\"" + shop.card().number().value() + "\",\"purchase\":\"10.00\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(TYPE + "device-unauthenticated"));
    }

    @Test
    void aSuspendedMerchantIsRefusedWithItsOwnProblem() throws Exception {
        merchants.suspend(shop.tenant().id(), shop.merchantId(), "unpaid fees", Actor.SYSTEM);
        mvc.perform(get("/api/v1/savings/cards/" + shop.card().number().value()).header("Authorization", bearer())
                        .header("Accept-Language", "fr"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(TYPE + "merchant-suspended"))
                .andExpect(jsonPath("$.title").value("Commerce suspendu"));
    }

    @Test
    void anotherTenantsCardIsUnknownByNumberAndByToken() throws Exception {
        CounterSetup.Shop elsewhere = setup.shop();
        mvc.perform(get("/api/v1/savings/cards/" + elsewhere.card().number().formatted()).header("Authorization", bearer())
                        .header("Accept-Language", "nl"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(TYPE + "unknown-card"))
                .andExpect(jsonPath("$.title").value("Onbekende kaart"))
                .andExpect(content().string(not(containsString(elsewhere.card().cardId().toString()))));
        String token = tokens.tokenFor(elsewhere.tenant().id(), elsewhere.card().cardId());
        mvc.perform(get("/api/v1/savings/cards/" + token).header("Authorization", bearer()))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value(TYPE + "unknown-card"));
        mvc.perform(post("/api/v1/savings/earnings").header("Authorization", bearer()).header("Idempotency-Key", "k-2")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"card\":\"" + elsewhere.card().number().value() + "\",\"purchase\":\"10.00\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value(TYPE + "unknown-card"));
    }

    @Test
    void everyMoneyMovingCallNeedsAnIdempotencyKey() throws Exception {
        String earn = "{\"card\":\"" + shop.card().number().value() + "\",\"purchase\":\"10.00\"}";
        mvc.perform(post("/api/v1/savings/earnings").header("Authorization", bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(earn))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(TYPE + "idempotency-key-missing"));
        mvc.perform(post("/api/v1/savings/redemptions").header("Authorization", bearer()).header("Idempotency-Key", " ")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"card\":\"" + shop.card().number().value() + "\",\"amount\":\"5.00\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(TYPE + "idempotency-key-missing"));
        mvc.perform(post("/api/v1/savings/transactions/" + java.util.UUID.randomUUID() + "/reversal")
                        .header("Authorization", bearer()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(TYPE + "idempotency-key-missing"));
        mvc.perform(post("/api/v1/savings/earnings").header("Authorization", bearer())
                        .header("Idempotency-Key", "x".repeat(101)).contentType(MediaType.APPLICATION_JSON).content(earn))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(TYPE + "invalid-idempotency-key"));
    }

    @Test
    void amountsAreDecimalStringsWithAtMostTwoDecimals() throws Exception {
        for (String amount : new String[]{"12.505", "12,50", "-1", "abc", "1e3", ""}) {
            mvc.perform(post("/api/v1/savings/earnings").header("Authorization", bearer()).header("Idempotency-Key", "a-" + amount)
                            .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"card\":\"" + shop.card().number().value() + "\",\"purchase\":\"" + amount + "\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value(TYPE + "validation"))
                    .andExpect(jsonPath("$.errors[0].field").value("purchase"))
                    .andExpect(jsonPath("$.errors[0].message").value(containsString("at most two decimals")));
        }
        mvc.perform(post("/api/v1/savings/redemptions").header("Authorization", bearer()).header("Idempotency-Key", "zero")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"card\":\"" + shop.card().number().value() + "\",\"amount\":\"0.00\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.type").value(TYPE + "invalid-amount"));
    }

    @Test
    void anApiTokenIsNoDeviceCredential() throws Exception {
        mvc.perform(get("/api/v1/savings/transactions").header("Authorization", "Bearer lep_0123456789_abc"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
    }

    @Test
    void theOpenApiDocumentDescribesTheCounter() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/savings/cards/{numberOrToken}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/savings/earnings'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/savings/redemptions'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/savings/transactions/{id}/reversal'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/savings/transactions'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/savings/earnings'].post.parameters[?(@.name == 'Idempotency-Key')].required")
                        .value(org.hamcrest.Matchers.hasItem(true)))
                .andExpect(jsonPath("$.components.schemas.EarnRequest.properties.purchase.example").value("12.50"))
                .andExpect(jsonPath("$.components.securitySchemes.device.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/api/v1/savings/earnings'].post.security[0].device").exists());
    }
}
