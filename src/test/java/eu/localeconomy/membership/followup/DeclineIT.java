package eu.localeconomy.membership.followup;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.FollowUpFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "Not this season": said and undone by the professional, recorded and withdrawn by staff, refused after an order. */
@IntegrationTest
class DeclineIT {

    @Autowired BasketFixtures baskets;
    @Autowired FollowUpFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void theProfessionalSaysNotThisSeasonAndTakesItBack() throws Exception {
        var office = baskets.office(true);
        var pro = office.hotelPro();
        String page = page(office);
        assertThat(html(page, pro).select("#decline form textarea[name=reason]")).hasSize(1);

        mvc.perform(post(page + "/decline").param("reason", "Travaux tout l'hiver").with(csrf())
                        .with(authentication(pro.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "followup.decline.thanks"));
        assertThat(reason(office)).isEqualTo("Travaux tout l'hiver");
        var shown = html(page, pro);
        assertThat(shown.select("#decline .fu-reason").text()).isEqualTo("Travaux tout l'hiver");
        assertThat(shown.select("#decline form[action$=/decline/withdraw]")).hasSize(1);
        assertThat(audits(office, Declines.DECLINED)).isEqualTo(1);

        mvc.perform(post(page + "/decline/withdraw").with(csrf()).with(authentication(pro.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "followup.decline.undone"));
        assertThat(declines(office)).isZero();
        assertThat(audits(office, Declines.WITHDRAWN)).isEqualTo(1);
        assertThat(html(page, pro).select("#decline form textarea")).hasSize(1);
    }

    @Test
    void anotherProfessionalOrMadeUpIdsGetNotFound() throws Exception {
        var office = baskets.office(true);
        String page = page(office);
        mvc.perform(post(page + "/decline").with(csrf()).with(authentication(office.campsitePro().authentication())))
                .andExpect(status().isNotFound());
        String prefix = "/t/" + office.tenant().slug() + "/pro/establishments/";
        for (String path : new String[]{prefix + "x/campaigns/" + office.campaign() + "/decline",
                prefix + office.hotel() + "/campaigns/" + UUID.randomUUID() + "/decline",
                prefix + office.hotel() + "/campaigns/1/decline/withdraw"}) {
            mvc.perform(post(path).with(csrf()).with(authentication(office.hotelPro().authentication())))
                    .andExpect(status().isNotFound());
        }
        assertThat(declines(office)).isZero();
    }

    @Test
    void onceOrderedTheFormIsGoneAndAPostIsRefused() throws Exception {
        var office = baskets.office(true);
        fixtures.order(office.tenant().context(), office.campaign(), office.hotel(), office.products().guide(),
                PaymentMethod.TRANSFER);
        String page = page(office);
        assertThat(html(page, office.hotelPro()).select("#decline")).isEmpty();
        mvc.perform(post(page + "/decline").with(csrf()).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("alert", "followup.decline.error.ordered"));
        assertThat(declines(office)).isZero();
    }

    @Test
    void aReasonTooLongIsRefused() throws Exception {
        var office = baskets.office(true);
        mvc.perform(post(page(office) + "/decline").param("reason", "x".repeat(501)).with(csrf())
                        .with(authentication(office.hotelPro().authentication())))
                .andExpect(flash().attribute("alert", "followup.decline.error.long"));
        assertThat(declines(office)).isZero();
    }

    @Test
    void staffRecordAndWithdrawExceptReadOnly() throws Exception {
        var office = baskets.office(true);
        String timeline = "/t/" + office.tenant().slug() + "/office/follow-up/establishments/" + office.hotel();
        var readOnly = tenants.person(office.tenant(), Role.READ_ONLY);
        mvc.perform(post(timeline + "/decline").param("campaign", office.campaign().toString()).with(csrf())
                .with(authentication(readOnly.authentication()))).andExpect(status().isForbidden());
        assertThat(declines(office)).isZero();
        assertThat(html(timeline, readOnly).select("#decline-form")).isEmpty();

        var helpdesk = tenants.person(office.tenant(), Role.HELPDESK);
        mvc.perform(post(timeline + "/decline").param("campaign", office.campaign().toString())
                        .param("reason", "Au téléphone : fermé cette saison").with(csrf())
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "followup.decline.recorded"));
        assertThat(reason(office)).isEqualTo("Au téléphone : fermé cette saison");

        var finance = tenants.person(office.tenant(), Role.FINANCE);
        mvc.perform(post(timeline + "/decline/withdraw").param("campaign", office.campaign().toString()).with(csrf())
                        .with(authentication(finance.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "followup.decline.withdrawn"));
        assertThat(declines(office)).isZero();

        // A made-up campaign, or one where the establishment ordered: the form says why.
        var admin = office.admin();
        mvc.perform(post(timeline + "/decline").param("campaign", "nope").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(status().isUnprocessableEntity());
        fixtures.order(office.tenant().context(), office.campaign(), office.hotel(), null, PaymentMethod.CASH);
        var refused = mvc.perform(post(timeline + "/decline").param("campaign", office.campaign().toString()).with(csrf())
                        .with(authentication(admin.authentication())))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(refused).select("#error-summary a[href=#decline-campaign]")).hasSize(1);
        assertThat(declines(office)).isZero();
    }

    private String page(BasketFixtures.Office office) {
        return "/t/" + office.tenant().slug() + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign();
    }

    private org.jsoup.nodes.Document html(String url, TestTenants.Person person) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).with(authentication(person.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private String reason(BasketFixtures.Office office) {
        return jdbc.sql("select reason from membership_decline where tenant_id = ? and campaign_id = ? and establishment_id = ?")
                .params(office.tenant().id().value(), office.campaign().value(), office.hotel().value())
                .query(String.class).single();
    }

    private int declines(BasketFixtures.Office office) {
        return jdbc.sql("select count(*) from membership_decline where tenant_id = ?")
                .params(office.tenant().id().value()).query(Integer.class).single();
    }

    private int audits(BasketFixtures.Office office, String action) {
        return jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = ? and target_id = ?")
                .params(office.tenant().id().value(), action, office.hotel().toString()).query(Integer.class).single();
    }
}
