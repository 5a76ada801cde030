package eu.localeconomy.membership.catalogue;

import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;

import static eu.localeconomy.support.DirectoryFixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The office's campaign pages through MockMvc: building a campaign, its checks, the matrix and its XLSX, bad input. */
@IntegrationTest
class CampaignPagesIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired DirectoryFixtures directory;
    @Autowired CatalogueAdmin admin;
    @Autowired Establishments establishments;

    Tenant tenant;
    TestTenants.Person office;
    SegmentId hotels;
    String path;

    @BeforeEach
    void office() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        office = tenants.person(tenant, Role.TENANT_ADMIN);
        hotels = directory.segment(tenant.id(), "Hôtels", is("type", "HOTEL"));
        directory.establishment(tenant.id(), "Hôtel des Falaises").stars(3).rooms(42)
                .secondaryOf(DirectoryFixtures.SIREN, "Falaises SAS").create();
        directory.establishment(tenant.id(), "Le Bistrot").type(EstablishmentType.RESTAURANT).create();
        path = "/t/" + tenant.slug() + "/office/campaigns";
    }

    @Test
    void theAdminBuildsACampaignAndChecksItsPrices() throws Exception {
        String created = mvc.perform(as(post(path)).param("season", "2027").param("name", "Adhésions 2027")
                        .param("opensOn", "2026-12-01").param("closesOn", "2027-03-31").param("status", "DRAFT")
                        .param("introFr", "Bienvenue"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String campaign = created.substring(created.lastIndexOf('/') + 1);
        String base = path + "/" + campaign;

        mvc.perform(as(post(base + "/ranges")).param("nameFr", "Gamme hôtels").param("nameEn", "Hotels")
                .param("position", "0")).andExpect(status().is3xxRedirection());
        RangeId range = admin.ranges(tenant.id(), new CampaignId(UUID.fromString(campaign))).getFirst().id();
        mvc.perform(as(post(base + "/ranges/" + range + "/segments")).param("segment", hotels.toString())
                .param("priority", "5")).andExpect(status().is3xxRedirection());

        String product = mvc.perform(as(post(base + "/products")).param("range", range.toString()).param("code", "ADH")
                        .param("nameFr", "Adhésion").param("nameEn", "Membership").param("type", "MANDATORY")
                        .param("vatRate", "2000").param("basePrice", "0").param("maxPerOrder", "1").param("position", "0"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String productPath = product.substring(0, product.contains("#") ? product.indexOf('#') : product.length());
        mvc.perform(as(post(productPath + "/rules")).param("kind", "SET").param("labelFr", "catégorie hôtel 3★")
                        .param("labelEn", "category hotel 3★").param("amount", "180")
                        .param("conditionField", "type", "classification_value", "")
                        .param("conditionOperator", "EQUALS", "EQUALS", "EQUALS")
                        .param("conditionValue", "HOTEL", "3", ""))
                .andExpect(status().is3xxRedirection());
        mvc.perform(as(post(productPath + "/rules")).param("kind", "PER_UNIT").param("labelFr", "chambres")
                .param("labelEn", "rooms").param("field", "capacity_rooms").param("unitPrice", "2")
                .param("mode", "ADD")).andExpect(status().is3xxRedirection());
        mvc.perform(as(post(productPath + "/rules")).param("kind", "PERCENT").param("labelFr", "établissement secondaire")
                .param("labelEn", "secondary establishment").param("percent", "-50")
                .param("conditionField", "main").param("conditionOperator", "EQUALS").param("conditionValue", "false"))
                .andExpect(status().is3xxRedirection());

        assertThat(page(base)).contains("Adhésions 2027", "Gamme hôtels", "1 of 2 establishments are prospects",
                "Establishments that get no range (1)", "Le Bistrot", "/preview");
        assertThat(page(productPath)).contains("category hotel 3★", "capacity_rooms", "Move rule 2 up");
        String matrix = page(base + "/matrix");
        assertThat(matrix).contains("Hôtel des Falaises", "€132.00",
                "category hotel 3★: €180.00; 42 rooms × €2.00 = €84.00; secondary establishment −50\u00a0% → €132.00")
                .doesNotContain("Le Bistrot");
        String tried = mvc.perform(as(get(productPath + "/try")).param("establishment",
                        establishmentId("Hôtel des Falaises"))
                        .header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tried).contains("€132.00", "42 rooms × €2.00 = €84.00").doesNotContain("<html");

        byte[] xlsx = mvc.perform(as(get(base + "/matrix.xlsx"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> matrixRows = workbook.getSheets().toList().get(0).read();
            assertThat(matrixRows.get(0).getCellText(2)).isEqualTo("ADH");
            assertThat(matrixRows.get(1).getCellText(0)).isEqualTo("Hôtel des Falaises");
            assertThat(matrixRows.get(1).getCell(2).asNumber()).isEqualByComparingTo("132");
            List<Row> details = workbook.getSheets().toList().get(1).read();
            assertThat(details.get(1).getCellText(5)).startsWith("category hotel 3★: €180.00");
        }

        // The first rule edited in place: the form comes back filled in, the new amount prices the hotel.
        ProductId productId = ProductId.of(productPath.substring(productPath.lastIndexOf('/') + 1));
        PriceRule first = admin.rules(tenant.id(), productId).getFirst();
        assertThat(page(productPath + "?rule=" + first.id())).contains("Edit the rule", "value=\"180.00\"",
                "value=\"HOTEL\"");
        mvc.perform(as(post(productPath + "/rules/" + first.id())).param("kind", "SET").param("labelEn", "category hotel 3★")
                        .param("amount", "200").param("conditionField", "type", "classification_value")
                        .param("conditionOperator", "EQUALS", "EQUALS").param("conditionValue", "HOTEL", "3"))
                .andExpect(status().is3xxRedirection());
        assertThat(page(base + "/matrix")).contains("category hotel 3★: €200.00; 42 rooms × €2.00 = €84.00");
        mvc.perform(as(post(productPath + "/rules/" + UUID.randomUUID())).param("kind", "SET").param("amount", "1"))
                .andExpect(status().isNotFound());

        // A second price for every hotel after the 3★ one: a conflict the launch checks name, with the rule.
        mvc.perform(as(post(productPath + "/rules")).param("kind", "SET").param("labelEn", "every hotel")
                .param("amount", "150").param("conditionField", "type").param("conditionOperator", "EQUALS")
                .param("conditionValue", "HOTEL")).andExpect(status().is3xxRedirection());
        assertThat(page(base)).contains("Prices set twice by price rules (1)", "every hotel");
        String conflicted = mvc.perform(as(get(productPath + "/try")).param("establishment",
                        establishmentId("Hôtel des Falaises")).header("HX-Request", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(conflicted).contains("Two rules set this price: the later one won.");
    }

    @Test
    void badInputIsToldNeverA500() throws Exception {
        String refused = mvc.perform(as(post(path)).param("season", "deux mille").param("name", "")
                        .param("opensOn", "2027-02-01").param("closesOn", "2027-01-01").param("status", "WHATEVER"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Give a season between 1990 and 2200", "Give the campaign a name",
                "The campaign cannot close before it opens", "Choose a status", "href=\"#season\"");

        CampaignId campaign = admin.createCampaign(tenant.id(), new CatalogueAdmin.CampaignForm(2027, "C",
                java.time.LocalDate.of(2027, 1, 1), java.time.LocalDate.of(2027, 2, 1), CampaignStatus.DRAFT,
                java.util.Map.of()), eu.localeconomy.shared.Actor.SYSTEM);
        RangeId range = admin.createRange(tenant.id(), campaign, new CatalogueAdmin.RangeForm(
                java.util.Map.of(eu.localeconomy.shared.Language.FR, "G"), false, 0), eu.localeconomy.shared.Actor.SYSTEM);
        String base = path + "/" + campaign;
        String product = mvc.perform(as(post(base + "/products")).param("range", range.toString()).param("code", "A B")
                        .param("nameFr", "x").param("type", "OPTIONAL").param("vatRate", "1999")
                        .param("basePrice", "12.345").param("stockLimit", "-4").param("maxPerOrder", "99999999999")
                        .param("requires", "not-a-uuid"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(product).contains("Give an amount such as 12.50", "The code has 1 to 40 letters");

        mvc.perform(as(get(path + "/nope"))).andExpect(status().isNotFound());
        mvc.perform(as(get(path + "/" + UUID.randomUUID()))).andExpect(status().isNotFound());
        mvc.perform(as(get(base + "/products/" + UUID.randomUUID()))).andExpect(status().isNotFound());
        mvc.perform(as(post(base + "/ranges/" + UUID.randomUUID() + "/segments")).param("segment", hotels.toString()))
                .andExpect(status().isNotFound());
        mvc.perform(as(get(base + "/matrix")).param("page", "-999999999999").param("range", "x").param("segment", "y"))
                .andExpect(status().isOk());

        // Another tenant's administrator and a municipality get nothing.
        Tenant other = tenants.tenant(TenantKind.TOURISM_OFFICE);
        mvc.perform(get("/t/" + other.slug() + "/office/campaigns/" + campaign).with(authentication(
                tenants.person(other, Role.TENANT_ADMIN).authentication()))).andExpect(status().isNotFound());
        Tenant city = tenants.tenant(TenantKind.MUNICIPALITY);
        mvc.perform(get("/t/" + city.slug() + "/office/campaigns").with(authentication(
                tenants.person(city, Role.TENANT_ADMIN).authentication()))).andExpect(status().isNotFound());
        mvc.perform(get(path).with(authentication(tenants.person(tenant, Role.HELPDESK).authentication())))
                .andExpect(status().isForbidden());
    }

    private String establishmentId(String name) {
        return establishments.all(tenant.id()).stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow()
                .id().toString();
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.with(csrf()).with(authentication(office.authentication()));
    }

    private String page(String url) throws Exception {
        return mvc.perform(as(get(url))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
