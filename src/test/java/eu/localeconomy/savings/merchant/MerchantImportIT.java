package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The city's CSV import: header mapping in three languages, per-row report, idempotence, 615 rows. */
@IntegrationTest
class MerchantImportIT {

    private static final Logger log = LoggerFactory.getLogger(MerchantImportIT.class);

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired Merchants merchants;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeEach
    void municipality() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        admin = tenants.person(tenant, Role.TENANT_ADMIN);
    }

    String upload(byte[] content, String status, Role role) throws Exception {
        var person = role == Role.TENANT_ADMIN ? admin : tenants.person(tenant, role);
        return mvc.perform(multipart("/t/" + tenant.slug() + "/office/merchants/import")
                        .file(new MockMultipartFile("file", "merchants.csv", "text/csv", content))
                        .param("status", status).with(csrf()).with(authentication(person.authentication()))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void dutchHeadersSemicolonsGoodAndBadRowsAndASecondRunCreatesNothing() throws Exception {
        String csv = """
                Naam;Ondernemingsnummer;Categorie;IBAN;Straat;Huisnummer;Bus;Postcode;Gemeente;Contactpersoon;E-mail;Telefoon;Taal
                Bakkerij Peeters;0403.019.261;winkel;BE68 5390 0754 7034;Veldstraat;1;;9000;Gent;An Peeters;an@peeters.test;09 123 45 67;nl
                Café De Hoek;0403019261;café;BE71 0961 2345 6769;Kouter;5;B;9000;Gent;Jan Hoek;jan@hoek.test;;Frans
                Fout Nummer;0403.019.262;winkel;BE68 5390 0754 7034;Veldstraat;2;;9000;Gent;Piet;piet@fout.test;;nl
                Fout IBAN;0403.019.261;restaurant;BE68 5390 0754 7035;Veldstraat;3;;9000;Gent;Piet;piet@fout.test;;nl
                ;0403.019.261;andere;BE68 5390 0754 7034;;4;;9000;Gent;Piet;piet;;nl
                """;
        String page = upload(csv.getBytes(StandardCharsets.UTF_8), "APPROVED", Role.TENANT_ADMIN);
        assertThat(page).contains("Created: 2. Already there (skipped): 0. Rejected: 3.")
                .contains("Enterprise number: This enterprise number does not exist")
                .contains("Bank account (IBAN): This IBAN contains a typing error")
                .contains("Business name: This field is required.")
                .contains("Street: This field is required.");
        var all = merchants.search(tenant.id(), Merchants.Search.all(), 10);
        assertThat(all).extracting(Merchants.Details::businessName).containsExactly("Bakkerij Peeters", "Café De Hoek");
        assertThat(all).allMatch(m -> m.status() == Merchants.Status.APPROVED);
        assertThat(all.get(1).category()).isEqualTo(Merchants.Category.CAFE);
        assertThat(all.get(1).contact().language()).isEqualTo("fr");
        assertThat(all.get(1).address().box()).isEqualTo("B");

        page = upload(csv.getBytes(StandardCharsets.UTF_8), "APPROVED", Role.TENANT_ADMIN);
        assertThat(page).contains("Created: 0. Already there (skipped): 2. Rejected: 3.");
        assertThat(merchants.search(tenant.id(), Merchants.Search.all(), 10)).hasSize(2);
    }

    @Test
    void frenchHeadersCommasWindowsEncodingAsApplications() throws Exception {
        String csv = "Nom commercial,Numéro d'entreprise,Catégorie,Compte bancaire,Rue,Numéro,Code postal,Commune,"
                + "Personne de contact,Courriel,Latitude,Longitude\r\n"
                + "Boulangerie Sœur,0403.019.261,magasin,BE68539007547034,Rue Haute,10,1000,Bruxelles,Élise,"
                + "elise@soeur.test,\"50,8466\",\"4,3528\"\r\n";
        String page = upload(csv.getBytes(Charset.forName("windows-1252")), "APPLIED", Role.TENANT_ADMIN);
        assertThat(page).contains("Created: 1.");
        var m = merchants.search(tenant.id(), Merchants.Search.all(), 10).getFirst();
        assertThat(m.businessName()).isEqualTo("Boulangerie Sœur");
        assertThat(m.status()).isEqualTo(Merchants.Status.APPLIED);
        assertThat(m.address().latitude()).isEqualByComparingTo("50.8466");
        assertThat(m.contact().language()).isEqualTo("nl");
    }

    @Test
    void aMissingRequiredColumnImportsNothing() throws Exception {
        String page = upload("name;postcode\nShop;9000\n".getBytes(StandardCharsets.UTF_8), "APPROVED", Role.TENANT_ADMIN);
        assertThat(page).contains("Nothing was imported").contains("Enterprise number");
        assertThat(merchants.search(tenant.id(), Merchants.Search.all(), 10)).isEmpty();
    }

    @Test
    void onlyAnAdministratorImports() throws Exception {
        mvc.perform(multipart("/t/" + tenant.slug() + "/office/merchants/import")
                        .file(new MockMultipartFile("file", "m.csv", "text/csv", new byte[]{1}))
                        .with(csrf()).with(authentication(tenants.person(tenant, Role.HELPDESK).authentication())))
                .andExpect(status().isForbidden());
    }

    @Test
    void sixHundredFifteenRows() throws Exception {
        StringBuilder csv = new StringBuilder("business name;enterprise number;category;iban;street;number;postcode;"
                + "municipality;contact name;email;phone;website;language\n");
        for (int i = 0; i < 615; i++) {
            csv.append("Merchant ").append(i).append(";0403.019.261;").append(i % 3 == 0 ? "restaurant" : "shop")
                    .append(";BE68 5390 0754 7034;Market street;").append(i + 1).append(";").append(9000 + i % 50)
                    .append(";Gent;Owner ").append(i).append(";owner").append(i).append("@shop.test;+32 9 000 00 00;")
                    .append("https://shop").append(i).append(".test;en\n");
        }
        long start = System.nanoTime();
        String page = upload(csv.toString().getBytes(StandardCharsets.UTF_8), "APPROVED", Role.TENANT_ADMIN);
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("Imported 615 merchants in {} ms", millis);
        assertThat(page).contains("Created: 615. Already there (skipped): 0. Rejected: 0.");
        assertThat(merchants.countsByStatus(tenant.id()).get(Merchants.Status.APPROVED)).isEqualTo(615);
    }
}
