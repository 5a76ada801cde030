package eu.localeconomy.directory;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;


import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The office's establishment pages and custom fields through MockMvc (the staff read English). */
@IntegrationTest
class EstablishmentPagesIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired DirectoryFixtures directory;
    @Autowired Establishments establishments;

    Tenant tenant;
    TestTenants.Person admin;
    TestTenants.Person helpdesk;
    String base;

    @BeforeEach
    void office() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        admin = tenants.person(tenant, Role.TENANT_ADMIN);
        helpdesk = tenants.person(tenant, Role.HELPDESK);
        base = "/t/" + tenant.slug() + "/office/establishments";
        directory.customField(tenant.id(), "partner", FieldType.BOOLEAN, "Partner association");
    }

    @Test
    void listFiltersAndShowsCountsAndStaffSeeTheDetail() throws Exception {
        EstablishmentId hotel = directory.establishment(tenant.id(), "Hôtel des Falaises").stars(3).rooms(24)
                .memberIn(2026).mainOf(DirectoryFixtures.SIREN, "SARL Falaises").custom("partner", true).create();
        directory.establishment(tenant.id(), "Annexe des Falaises").secondaryOf(DirectoryFixtures.SIREN, null).create();
        directory.establishment(tenant.id(), "Camping du Phare").type(EstablishmentType.CAMPSITE).pitches(80).create();

        mvc.perform(get(base).param("type", "CAMPSITE").with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Camping du Phare")))
                .andExpect(content().string(not(containsString("Hôtel des Falaises"))))
                .andExpect(content().string(containsString("80 pitches")));
        mvc.perform(get(base).param("member", "yes").param("q", "falaises").header("HX-Request", "true")
                        .with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Hôtel des Falaises")))
                .andExpect(content().string(not(containsString("Annexe"))))
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(get(base + "/" + hotel).with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Partner association")))
                .andExpect(content().string(containsString("Annexe des Falaises")))
                .andExpect(content().string(containsString("SARL Falaises")))
                .andExpect(content().string(not(containsString(base + "/" + hotel + "/edit"))));
        // staff may look, not change
        mvc.perform(get(base + "/new").with(authentication(helpdesk.authentication()))).andExpect(status().isForbidden());
        mvc.perform(post(base + "/" + hotel + "/seasons").param("season", "2027").with(csrf())
                .with(authentication(helpdesk.authentication()))).andExpect(status().isForbidden());
    }

    @Test
    void tamperedIdsAndMunicipalitiesGetNotFound() throws Exception {
        mvc.perform(get(base + "/not-a-uuid").with(authentication(admin.authentication()))).andExpect(status().isNotFound());
        mvc.perform(get(base + "/" + java.util.UUID.randomUUID()).with(authentication(admin.authentication())))
                .andExpect(status().isNotFound());
        Tenant city = tenants.tenant(TenantKind.MUNICIPALITY);
        var cityAdmin = tenants.person(city, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + city.slug() + "/office/establishments").with(authentication(cityAdmin.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/t/" + city.slug() + "/office/custom-fields").with(authentication(cityAdmin.authentication())))
                .andExpect(status().isNotFound());
        // another tenant's establishment
        EstablishmentId mine = directory.establishment(tenant.id(), "Mine").create();
        Tenant other = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var otherAdmin = tenants.person(other, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + other.slug() + "/office/establishments/" + mine).with(authentication(otherAdmin.authentication())))
                .andExpect(status().isNotFound());
    }

    @Test
    void createShowsValidationMessagesNextToFieldsThenSaves() throws Exception {
        mvc.perform(post(base).with(csrf()).with(authentication(admin.authentication()))
                        .param("version", "0").param("name", "").param("type", "HOTEL").param("siret", "73282932000079")
                        .param("capacityRooms", "12a").param("email", "nope").param("cf_partner", "maybe")
                        .param("siren", "404833047"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("error-summary")))
                .andExpect(content().string(containsString("SIREN: the check digit does not match.")))
                .andExpect(content().string(containsString("A whole number between 0 and 100")));
        mvc.perform(post(base).with(csrf()).with(authentication(admin.authentication()))
                        .param("version", "0").param("name", "").param("type", "HOTEL").param("siret", "73282932000079")
                        .param("email", "nope").param("cf_partner", "maybe"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Required.")))
                .andExpect(content().string(containsString("SIRET: the check digit does not match.")))
                .andExpect(content().string(containsString("Not an e-mail address.")))
                .andExpect(content().string(containsString("Yes or no expected.")))
                .andExpect(content().string(containsString("href=\"#cf_partner\"")));
        assertThat(establishments.all(tenant.id())).isEmpty();

        mvc.perform(post(base).with(csrf()).with(authentication(admin.authentication()))
                        .param("version", "0").param("name", "Hôtel Neuf").param("type", "HOTEL")
                        .param("siret", DirectoryFixtures.SIRET).param("capacityRooms", "12").param("cf_partner", "true")
                        .param("siren", DirectoryFixtures.SIREN).param("organisationName", "SARL Neuf").param("main", "true"))
                .andExpect(status().is3xxRedirection());
        Establishment created = establishments.all(tenant.id()).getFirst();
        assertThat(created.custom()).containsEntry("partner", true);
        assertThat(created.details().organisation()).isNotNull();
    }

    @Test
    void editingAStaleVersionShowsTheOtherPersonsVersion() throws Exception {
        EstablishmentId id = directory.establishment(tenant.id(), "Gîte").type(EstablishmentType.RENTAL).create();
        Establishment e = establishments.find(tenant.id(), id).orElseThrow();
        establishments.update(tenant.id(), id, e.version(), e.details(), eu.localeconomy.shared.Actor.SYSTEM);

        mvc.perform(post(base + "/" + id).with(csrf()).with(authentication(admin.authentication()))
                        .param("version", "0").param("name", "Gîte renommé").param("type", "RENTAL"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Someone else changed this establishment meanwhile")));
        mvc.perform(post(base + "/" + id).with(csrf()).with(authentication(admin.authentication()))
                        .param("version", "1").param("name", "Gîte renommé").param("type", "RENTAL").param("cf_partner", "true"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", base + "/" + id));
        assertThat(establishments.find(tenant.id(), id).orElseThrow().name()).isEqualTo("Gîte renommé");
        mvc.perform(post(base + "/" + id + "/seasons").param("season", "2026").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(status().is3xxRedirection());
        mvc.perform(post(base + "/" + id + "/seasons").param("season", "99999999999").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(status().is3xxRedirection());
        assertThat(establishments.find(tenant.id(), id).orElseThrow().memberSeasons()).containsExactly(2026);
    }

    @Test
    void anOrganisationKnownByNameOnlyStaysTheSameOnEdit() throws Exception {
        OrganisationId asso = establishments.organisation(tenant.id(), null, "Association des Gîtes");
        EstablishmentId id = directory.establishment(tenant.id(), "Gîte communal").type(EstablishmentType.RENTAL)
                .organisation(asso, true).create();
        mvc.perform(post(base + "/" + id).with(csrf()).with(authentication(admin.authentication()))
                        .param("version", "0").param("name", "Gîte communal").param("type", "RENTAL")
                        .param("organisationName", "Association des Gîtes").param("main", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(establishments.find(tenant.id(), id).orElseThrow().details().organisation()).isEqualTo(asso);
    }

    @Test
    void editingKeepsTheContactsReadFromTheTourismDatabase() throws Exception {
        var contacts = java.util.List.of(new EstablishmentDetails.Contact("PHONE", "Mobile", "+33 6 12 34 56 78"));
        var d = DirectoryFixtures.details("Hôtel du Cap", EstablishmentType.HOTEL);
        EstablishmentId id = establishments.create(tenant.id(), new EstablishmentDetails(null, true, d.name(), null, null,
                null, d.type(), null, null, null, null, null, null, null, null, null, contacts, null, null, null, "FR",
                null, null, java.util.Map.of()), eu.localeconomy.shared.Actor.SYSTEM);
        mvc.perform(post(base + "/" + id).with(csrf()).with(authentication(admin.authentication()))
                        .param("version", "0").param("name", "Hôtel du Cap").param("type", "HOTEL").param("capacityRooms", "9"))
                .andExpect(status().is3xxRedirection());
        Establishment after = establishments.find(tenant.id(), id).orElseThrow();
        assertThat(after.details().contacts()).isEqualTo(contacts);
        assertThat(after.details().capacityRooms()).isEqualTo(9);
    }

    @Test
    void customFieldsAreDefinedByAdministrators() throws Exception {
        String fields = "/t/" + tenant.slug() + "/office/custom-fields";
        mvc.perform(post(fields).with(csrf()).with(authentication(admin.authentication()))
                        .param("key", "Bad Key").param("type", "CHOICE").param("labelNl", "").param("labelFr", "Niveau")
                        .param("labelEn", "Level").param("choices", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Lower-case letters")))
                .andExpect(content().string(containsString("A choice field needs at least one choice.")));
        mvc.perform(post(fields).with(csrf()).with(authentication(admin.authentication()))
                        .param("key", "level").param("type", "CHOICE").param("labelNl", "Niveau").param("labelFr", "Niveau")
                        .param("labelEn", "Level").param("choices", "gold = Goud | Or | Gold\nsilver"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(fields + "/level").with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andExpect(content().string(containsString("gold = Goud | Or | Gold")));
        mvc.perform(post(fields).with(csrf()).with(authentication(helpdesk.authentication()))
                .param("key", "x").param("type", "TEXT")).andExpect(status().isForbidden());
        mvc.perform(post(fields).with(csrf()).with(authentication(admin.authentication()))
                .param("key", "x").param("type", "NOPE")).andExpect(status().isOk());
    }
}
