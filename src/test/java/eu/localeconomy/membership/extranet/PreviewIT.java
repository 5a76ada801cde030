package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "View as prospect": the extranet's offer and basket as a chosen establishment would see them, read only. */
@IntegrationTest
class PreviewIT {

    @Autowired MockMvc mvc;
    @Autowired BasketFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired JdbcClient jdbc;

    @Test
    void theAdminSeesEachProspectsOwnRangesAndPricesAndNothingIsWritten() throws Exception {
        var office = fixtures.office(true);
        String path = "/t/" + office.tenant().slug() + "/office/campaigns/" + office.campaign() + "/preview";

        String hotel = page(path + "?establishment=" + office.hotel(), office.admin());
        assertThat(hotel).contains("Preview as Hôtel des Falaises", "Gamme hôtels (en)", "Page brochure (en)", "€264.00")
                .doesNotContain("Gamme campings", "hx-post=", "action=\"/t/" + office.tenant().slug() + "/pro");
        // The basket starts with the mandatory membership, its total shown.
        assertThat(hotel).contains("€316.80");
        String campsite = page(path + "?establishment=" + office.campsite(), office.admin());
        assertThat(campsite).contains("Preview as Camping de la Baie", "Gamme campings (en)", "€120.00")
                .doesNotContain("Gamme hôtels");
        assertThat(jdbc.sql("select count(*) from membership_basket where tenant_id = ?")
                .param(office.tenant().id().value()).query(Integer.class).single()).isZero();
    }

    @Test
    void thePickerSearchesEstablishmentsByName() throws Exception {
        var office = fixtures.office(true);
        String path = "/t/" + office.tenant().slug() + "/office/campaigns/" + office.campaign() + "/preview";
        String picker = page(path, office.admin());
        assertThat(picker).contains("Hôtel des Falaises", "Camping de la Baie", "Choose an establishment to see");
        String found = page(path + "?q=camping", office.admin());
        assertThat(found).contains("Camping de la Baie").doesNotContain("Hôtel des Falaises");
        // A bad or unknown establishment id just leaves the picker.
        assertThat(page(path + "?establishment=nope", office.admin())).contains("Choose an establishment to see");
        assertThat(page(path + "?establishment=" + UUID.randomUUID(), office.admin())).contains("Choose an establishment to see");
    }

    @Test
    void onlyATourismOfficesAdministratorsPreview() throws Exception {
        var office = fixtures.office(true);
        String path = "/t/" + office.tenant().slug() + "/office/campaigns/" + office.campaign() + "/preview?establishment=" + office.hotel();
        mvc.perform(get(path).with(authentication(tenants.person(office.tenant(), Role.HELPDESK).authentication())))
                .andExpect(status().isForbidden());
        mvc.perform(get(path).with(authentication(office.hotelPro().authentication()))).andExpect(status().isForbidden());
        mvc.perform(get("/t/" + office.tenant().slug() + "/office/campaigns/nope/preview")
                .with(authentication(office.admin().authentication()))).andExpect(status().isNotFound());
        mvc.perform(get("/t/" + office.tenant().slug() + "/office/campaigns/" + UUID.randomUUID() + "/preview")
                .with(authentication(office.admin().authentication()))).andExpect(status().isNotFound());
        var city = tenants.tenant(TenantKind.MUNICIPALITY);
        mvc.perform(get("/t/" + city.slug() + "/office/campaigns/" + office.campaign() + "/preview")
                .with(authentication(tenants.person(city, Role.TENANT_ADMIN).authentication()))).andExpect(status().isNotFound());
    }

    private String page(String path, TestTenants.Person person) throws Exception {
        return mvc.perform(get(path).with(authentication(person.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
