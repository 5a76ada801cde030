package eu.localeconomy.membership.reminder;

import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public opt-out page: a genuine token asks, then records; a tampered or foreign one is explained, never a 500. */
@IntegrationTest
class OptOutIT {

    @Autowired MockMvc mvc;
    @Autowired Reminders reminders;
    @Autowired BasketFixtures fixtures;

    BasketFixtures.Office office;
    String token;
    String page;

    @BeforeEach
    void setUp() {
        office = fixtures.office(true);
        token = reminders.optOutToken(office.tenant().id(), office.hotel());
        page = "/t/" + office.tenant().slug() + "/reminders/opt-out/" + token;
    }

    @Test
    void aGenuineLinkAsksThenRecordsTheOptOutInTheTenantsLanguages() throws Exception {
        String french = mvc.perform(get(page).param("lang", "fr")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(french).contains("Vous ne souhaitez plus recevoir de relances pour Hôtel des Falaises ?",
                "lang=\"fr\"", "<form");
        String dutch = mvc.perform(get(page).param("lang", "nl")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(dutch).contains("Wilt u geen herinneringen meer ontvangen voor Hôtel des Falaises?");
        assertThat(reminders.optedOut(office.tenant().id(), office.hotel())).as("opening the link is not enough").isFalse();

        mvc.perform(post(page)).andExpect(status().isForbidden());
        String done = mvc.perform(post(page).param("lang", "en").with(csrf())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(done).contains("Done: Hôtel des Falaises will no longer receive reminders.");
        assertThat(reminders.optedOut(office.tenant().id(), office.hotel())).isTrue();
        assertThat(mvc.perform(get(page).param("lang", "en")).andReturn().getResponse().getContentAsString())
                .contains("Hôtel des Falaises already receives no more reminders.");
        mvc.perform(post(page).with(csrf())).andExpect(status().isOk());
    }

    @Test
    void aTamperedForeignOrGarbledTokenIsExplained() throws Exception {
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a');
        var other = fixtures.office(true);
        String foreign = reminders.optOutToken(other.tenant().id(), office.hotel());
        String base = "/t/" + office.tenant().slug() + "/reminders/opt-out/";
        for (String bad : List.of(tampered, foreign, "abc", "x".repeat(300), "....", token + "a")) {
            String body = mvc.perform(get(base + bad).param("lang", "en")).andExpect(status().isNotFound())
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).as(bad).contains("This link is not valid.");
            mvc.perform(post(base + bad).with(csrf())).andExpect(status().isNotFound());
        }
        assertThat(reminders.optedOut(office.tenant().id(), office.hotel())).isFalse();
        // The same establishment's genuine token of the other office does not work here, nor the reverse.
        mvc.perform(get("/t/" + other.tenant().slug() + "/reminders/opt-out/" + token)).andExpect(status().isNotFound());
    }
}
