package eu.localeconomy.savings.terminal;

import eu.localeconomy.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The merchant app's counter page, its manifest and service worker, and the session door's device checks. */
@IntegrationTest
class CounterPageIT {

    @Autowired MockMvc mvc;
    @Autowired CounterSetup setup;

    CounterSetup.Shop shop;
    String base;

    @BeforeEach
    void shop() {
        shop = setup.shop();
        base = "/t/" + shop.tenant().slug() + "/merchant";
    }

    @Test
    void theCounterPageCarriesItsTextsAsDataAndItsScriptsFromThePlatform() throws Exception {
        mvc.perform(get(base).with(authentication(shop.cashier().authentication())).header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("worker-src 'self'")))
                .andExpect(content().string(containsString("<script type=\"application/json\" id=\"counter-texts\">")))
                .andExpect(content().string(containsString("\"state.queued\":\"Queued\"")))
                .andExpect(content().string(containsString("/vendor/jsqr/jsQR.js")))
                .andExpect(content().string(containsString("/js/terminal/counter.js")))
                // A cashier cannot register devices: no form, the advice to ask the owner.
                .andExpect(content().string(not(containsString("id=\"device-form\""))));
        mvc.perform(get(base).with(authentication(shop.owner().authentication())))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"device-form\"")));
    }

    @Test
    void manifestAndServiceWorkerAreServedForTheAppsScope() throws Exception {
        mvc.perform(get(base + "/app.webmanifest"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/manifest+json"))
                .andExpect(jsonPath("$.start_url").value(base))
                .andExpect(jsonPath("$.scope").value(base))
                .andExpect(jsonPath("$.display").value("standalone"))
                .andExpect(jsonPath("$.icons[0].src").value("/img/terminal/icon-192.png"));
        mvc.perform(get(base + "/sw.js"))
                .andExpect(status().isOk())
                .andExpect(header().string("Service-Worker-Allowed", base))
                .andExpect(content().contentTypeCompatibleWith("text/javascript"))
                .andExpect(content().string(containsString("addEventListener('fetch'")));
        mvc.perform(get("/vendor/jsqr/jsQR.js")).andExpect(status().isOk())
                .andExpect(content().string(containsString("jsQR")));
        mvc.perform(get("/vendor/jsqr/LICENSE")).andExpect(status().isOk());
    }

    @Test
    void theOwnerRegistersTheDeviceInHandAndACashierCannot() throws Exception {
        mvc.perform(post(base + "/app/api/devices").with(csrf()).with(authentication(shop.owner().authentication()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Tablet at the counter\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Tablet at the counter"))
                .andExpect(jsonPath("$.credential").value(org.hamcrest.Matchers.startsWith("lmd_")));
        mvc.perform(post(base + "/app/api/devices").with(csrf()).with(authentication(shop.cashier().authentication()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Mine\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/device-owner-only"));
        mvc.perform(post(base + "/app/api/devices").with(authentication(shop.owner().authentication()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"No CSRF\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theSessionDoorNeedsADeviceOfTheCashiersOwnShop() throws Exception {
        mvc.perform(get(base + "/app/api/device").with(authentication(shop.cashier().authentication()))
                        .header("X-Device-Credential", shop.credential()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Till 1"));
        mvc.perform(get(base + "/app/api/device").with(authentication(shop.cashier().authentication())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/device-unauthenticated"));
        var other = setup.otherShopDevice(shop.tenant(), shop.owner());
        mvc.perform(get(base + "/app/api/cards/" + shop.card().number().value())
                        .with(authentication(shop.cashier().authentication()))
                        .header("X-Device-Credential", other.credential()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://errors.localeconomy.eu/device-other-merchant"));
    }
}
