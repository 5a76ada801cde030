package eu.localeconomy.membership.sync;

import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.ExternalSystem;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** CSV imports through the office pages (the test administrator reads English): upload, guessed mapping and preview, a bad row, a re-import. */
@IntegrationTest
class CsvImportIT {

    /** Windows-1252, semicolons, French headers as a spreadsheet writes them; the third row's capacity is bad. */
    static final String FILE = """
            Référence;Nom;Type;Capacité (personnes);Commune;E-mail;Partenaire;Remarque
            C-001;Hôtel des Falaises;Hôtel;42;Étretat;accueil@falaises.test;oui;vue mer
            C-002;Camping Les Mouettes;camping;320;Bénouville;;non;
            C-003;Gîte du Phare;Meublé;six;Yport;;oui;
            C-004;"Restaurant ""La Marée\""";Restaurant;60;Étretat;;;terrasse
            """;

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired DirectoryFixtures directory;
    @Autowired Establishments establishments;
    @Autowired CsvImports imports;
    @Autowired Jobs jobs;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeEach
    void office() {
        tenant = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        directory.customField(tenant.id(), "partner", FieldType.BOOLEAN, "Partenaire");
    }

    @Test
    void aMappedFileImportsItsGoodRowsReportsTheBadOneAndIsUnchangedTheSecondTime() throws Exception {
        UUID id = upload(FILE, Charset.forName("windows-1252"));

        String mapping = mvc.perform(as(get(path("/office/imports/csv/" + id))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mapping).contains("Hôtel des Falaises", "Camping Les Mouettes", "Référence", "Capacité (personnes)");
        CsvImports.Preview preview = imports.preview(tenant.id(), id);
        assertThat(preview.rowCount()).isEqualTo(4);
        assertThat(preview.rows().get(3).get(1)).isEqualTo("Restaurant \"La Marée\"");
        // "Nom" is the French label of the name, "Partenaire" the custom field's; "Référence" is the id column.
        assertThat(preview.guessed().columns()).containsEntry("1", "name").containsEntry("6", "custom.partner");
        assertThat(preview.guessed().idColumn()).isEqualTo("0");

        SyncRun run = submit(id, "0", "1", "name", "2", "type", "3", "capacity_persons", "4", "city", "5", "email",
                "6", "custom.partner");

        assertThat(List.of(run.created(), run.updated(), run.unchanged(), run.failed())).containsExactly(3, 0, 0, 1);
        List<Establishment> all = establishments.all(tenant.id());
        assertThat(all).extracting(Establishment::name)
                .containsExactly("Camping Les Mouettes", "Hôtel des Falaises", "Restaurant \"La Marée\"");
        Establishment hotel = all.get(1);
        assertThat(hotel.type()).isEqualTo(EstablishmentType.HOTEL);
        assertThat(hotel.details().capacityPersons()).isEqualTo(42);
        assertThat(hotel.details().city()).isEqualTo("Étretat");
        assertThat(hotel.custom()).containsEntry("partner", true);
        assertThat(hotel.externalRefs()).extracting(r -> r.system() + ":" + r.externalId()).containsExactly("CSV:C-001");
        assertThat(all.get(0).type()).isEqualTo(EstablishmentType.CAMPSITE);

        String report = mvc.perform(as(get(path("/office/imports/runs/" + run.id()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(report).contains("C-003", "Gîte du Phare", "Not a whole number of zero or more: six");

        SyncRun again = submit(upload(FILE.replace("\n", "\r\n"), StandardCharsets.UTF_8), "0", "1", "name", "2", "type",
                "3", "capacity_persons", "4", "city", "5", "email", "6", "custom.partner");
        assertThat(List.of(again.created(), again.updated(), again.unchanged(), again.failed())).containsExactly(0, 0, 3, 1);
        assertThat(establishments.all(tenant.id())).hasSize(3);
    }

    @Test
    void withoutAnIdColumnTheSiretIdentifiesElseTheMappingIsRefused() throws Exception {
        String file = "\uFEFFname,siret,city\nHôtel des Falaises," + DirectoryFixtures.SIRET + ",Étretat\n";
        UUID id = upload(file, StandardCharsets.UTF_8);

        String refused = mvc.perform(as(post(path("/office/imports/csv/" + id)))
                        .param("idColumn", "").param("column.0", "name").param("column.2", "city"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Choose the identifier column, or map a column to the SIRET.", "href=\"#idColumn\"");

        SyncRun run = submit(id, "", "0", "name", "1", "siret", "2", "city");
        assertThat(run.created()).isEqualTo(1);
        assertThat(establishments.all(tenant.id()).getFirst().externalRefs())
                .extracting(r -> r.system() + ":" + r.externalId()).containsExactly("CSV:" + DirectoryFixtures.SIRET);
        assertThat(establishments.all(tenant.id()).getFirst().externalRefs().getFirst().system()).isEqualTo(ExternalSystem.CSV);
    }

    @Test
    void forgedColumnsAndFilesThatAreNoCsvAreMessagesNotErrors() throws Exception {
        UUID id = upload(FILE, StandardCharsets.UTF_8);
        String page = mvc.perform(as(post(path("/office/imports/csv/" + id)))
                        .param("idColumn", "99").param("column.1", "name").param("column.2", "no_such_field"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("This column is not in the file.", "Choose a directory field from the list.");

        var binary = new MockMultipartFile("file", "photo.csv", "text/csv", new byte[]{1, 0, 2, 0});
        String refused = mvc.perform(as(multipart(path("/office/imports/csv")).file(binary)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("This is not a text file.");
        mvc.perform(as(get(path("/office/imports/csv/" + UUID.randomUUID())))).andExpect(status().isNotFound());
    }

    private UUID upload(String content, Charset charset) throws Exception {
        var file = new MockMultipartFile("file", "etablissements.csv", "text/csv", content.getBytes(charset));
        String location = mvc.perform(as(multipart(path("/office/imports/csv")).file(file)))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Posts the mapping: the id column, then column index / field pairs. */
    private SyncRun submit(UUID id, String idColumn, String... pairs) throws Exception {
        MockHttpServletRequestBuilder request = as(post(path("/office/imports/csv/" + id))).param("idColumn", idColumn);
        for (int i = 0; i < pairs.length; i += 2) {
            request.param("column." + pairs[i], pairs[i + 1]);
        }
        mvc.perform(request).andExpect(status().is3xxRedirection());
        SyncRun run = imports.find(tenant.id(), id).orElseThrow();
        assertThat(jobs.await(tenant.id(), run.jobId(), Duration.ofSeconds(60)).finished()).isTrue();
        return imports.find(tenant.id(), id).orElseThrow();
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> B as(B request) {
        return request.with(authentication(admin.authentication())).with(csrf());
    }

    private String path(String rest) {
        return "/t/" + tenant.slug() + rest;
    }
}
