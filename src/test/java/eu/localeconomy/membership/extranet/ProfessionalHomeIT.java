package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The professional's home: their establishments only, the open campaign to compose, then the order placed. */
@IntegrationTest
class ProfessionalHomeIT {

    @Autowired MockMvc mvc;
    @Autowired BasketFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired Baskets baskets;
    @Autowired Orders orders;
    @Autowired TermsOfSale terms;

    @Test
    void theHomeListsTheProfessionalsEstablishmentsWithTheOpenCampaignAndTheirOrder() throws Exception {
        var office = fixtures.office(true);
        var tenant = office.tenant().context();
        String home = "/t/" + tenant.slug() + "/pro";
        Authentication pro = in(office.hotelPro(), Language.FR);
        String basket = home + "/establishments/" + office.hotel() + "/campaigns/" + office.campaign();

        String page = mvc.perform(get(home).with(authentication(pro))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Hôtel des Falaises", "href=\"" + basket + "\"", "Composer mon adhésion",
                        "Avant de commander, lisez et acceptez")
                .doesNotContain("Camping de la Baie").doesNotContain(office.campsite().toString());

        baskets.open(tenant, office.campaign(), office.hotel(), office.hotelPro().principal());
        UUID current = terms.current(tenant.id()).orElseThrow().id();
        var outcome = orders.place(tenant, office.campaign(), office.hotel(),
                new Orders.Checkout(PaymentMethod.TRANSFER, current, true, UUID.randomUUID()), Language.FR,
                office.hotelPro().principal());
        assertThat(outcome).isInstanceOf(Orders.Placed.class);

        page = mvc.perform(get(home).with(authentication(pro))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Mon adhésion : ", "En attente de paiement", "href=\"" + basket + "\"")
                // Ordering recorded the acceptance of the terms: no more reminder.
                .doesNotContain("Avant de commander, lisez et acceptez");
    }

    @Test
    void aProfessionalWithoutEstablishmentsIsToldSoAndAMunicipalityHasNoExtranet() throws Exception {
        var tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var alone = tenants.person(tenant, Role.PROFESSIONAL);
        assertThat(mvc.perform(get("/t/" + tenant.slug() + "/pro").with(authentication(in(alone, Language.EN))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("No establishment is linked to your account yet.");

        var city = tenants.tenant(TenantKind.MUNICIPALITY);
        var admin = tenants.person(city, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + city.slug() + "/office/terms").with(authentication(admin.authentication())))
                .andExpect(status().isNotFound());
    }

    static Authentication in(TestTenants.Person person, Language language) {
        return new TestTenants.Person(person.tenant(), person.email(), person.principal().withLanguage(language))
                .authentication();
    }
}
