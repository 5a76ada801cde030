package eu.localeconomy.membership.followup;

import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.sql.Timestamp;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Opening the campaign page records a visit (first, last, how often); htmx refreshes and other pages do not. */
@IntegrationTest
class VisitIT {

    @Autowired BasketFixtures baskets;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void wholePageViewsAreCountedOncePerView() throws Exception {
        var office = baskets.office(true);
        String page = "/t/" + office.tenant().slug() + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign();
        assertThat(visit(office)).isNull();
        mvc.perform(get(page).with(authentication(office.hotelPro().authentication()))).andExpect(status().isOk());
        var first = visit(office);
        assertThat(first).containsEntry("visits", 1);
        mvc.perform(get(page).with(authentication(office.hotelPro().authentication()))).andExpect(status().isOk());
        mvc.perform(get(page).header("HX-Request", "true").with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isOk());
        var second = visit(office);
        assertThat(second).containsEntry("visits", 2).containsEntry("first_at", first.get("first_at"));
        assertThat((Timestamp) second.get("last_at")).isAfterOrEqualTo((Timestamp) first.get("last_at"));
        // Someone else's establishment: 404, and no visit recorded for it.
        mvc.perform(get(page).with(authentication(office.campsitePro().authentication()))).andExpect(status().isNotFound());
        assertThat(visit(office)).containsEntry("visits", 2);
    }

    private Map<String, Object> visit(BasketFixtures.Office office) {
        return jdbc.sql("""
                        select first_at, last_at, visits from membership_visit
                        where tenant_id = ? and campaign_id = ? and establishment_id = ?""")
                .params(office.tenant().id().value(), office.campaign().value(), office.hotel().value())
                .query().listOfRows().stream().findFirst().orElse(null);
    }
}
