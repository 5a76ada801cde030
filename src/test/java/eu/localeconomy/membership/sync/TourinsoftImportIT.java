package eu.localeconomy.membership.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.ExternalSystem;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.JobView;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tourinsoft imports through the office pages against a local HTTP server serving the project's fixtures: three
 * pages, two bad records, a custom field, incremental runs and a feed that fails.
 */
@IntegrationTest
class TourinsoftImportIT {

    static HttpServer server;
    static final List<String> queries = new CopyOnWriteArrayList<>();

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired DirectoryFixtures directory;
    @Autowired Establishments establishments;
    @Autowired TourinsoftImports imports;
    @Autowired Jobs jobs;
    @Autowired SyncImportJob job;
    @Autowired SyncStore store;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeAll
    static void feed() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/Syndication/3.0/cdt14/feed/Objects", exchange -> {
            String query = exchange.getRequestURI().getRawQuery() == null ? ""
                    : URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            queries.add(query);
            String page = query.contains("$filter=") ? "objects-incremental.json"
                    : query.contains("$skip=5") ? "objects-page3.json"
                    : query.contains("$skip=2") ? "objects-page2.json" : "objects-page1.json";
            respond(exchange, 200, "application/json", TourinsoftFeedTest.fixture(page));
        });
        server.createContext("/broken/Objects", exchange -> respond(exchange, 500, "text/plain", "Internal error"));
        server.createContext("/html/Objects", exchange -> respond(exchange, 200, "text/html", "<html><body>Login</body></html>"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @BeforeEach
    void office() {
        tenant = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        directory.customField(tenant.id(), "quality_label", FieldType.BOOLEAN, "Qualité Tourisme");
        queries.clear();
    }

    @Test
    void aFullImportReadsThreePagesCreatesTheGoodRecordsAndReportsTheBadOnes() throws Exception {
        // Page 2 has a capacity "beaucoup"; page 3 a record without a name and one whose SIRET the directory
        // refuses (under its savepoint: the restaurant of the same batch is still created).
        saveProfile(url("/Syndication/3.0/cdt14/feed/Objects?$format=json"));

        SyncRun run = runImport("FULL");

        assertThat(queries).hasSize(3);
        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(List.of(run.created(), run.updated(), run.unchanged(), run.failed())).containsExactly(5, 0, 0, 3);
        assertThat(run.highWater()).isEqualTo(java.time.Instant.ofEpochMilli(1767744000000L));
        List<Establishment> all = establishments.all(tenant.id());
        assertThat(all).extracting(Establishment::name).containsExactly("Camping Les Mouettes", "Gîte du Phare",
                "Hôtel de la Plage", "Hôtel des Falaises", "Restaurant La Marée");
        Establishment hotel = byName(all, "Hôtel des Falaises");
        assertThat(hotel.type()).isEqualTo(EstablishmentType.HOTEL);
        assertThat(hotel.details().classificationValue()).isEqualTo("3");
        assertThat(hotel.details().capacityPersons()).isEqualTo(42);
        assertThat(hotel.details().email()).isEqualTo("accueil@hotel-des-falaises.test");
        assertThat(hotel.details().city()).isEqualTo("ÉTRETAT");
        assertThat(hotel.details().siret()).isEqualTo(DirectoryFixtures.SIRET);
        assertThat(hotel.details().organisation()).isNotNull();
        assertThat(hotel.custom()).containsEntry("quality_label", true);
        assertThat(hotel.memberSeasons()).containsExactly(2025, 2026);
        assertThat(byName(all, "Hôtel de la Plage").memberSeasons()).isEmpty();
        assertThat(hotel.externalRefs()).singleElement().satisfies(ref -> {
            assertThat(ref.system()).isEqualTo(ExternalSystem.TOURINSOFT);
            assertThat(ref.externalId()).isEqualTo("HOTNOR0140000101");
        });
        assertThat(byName(all, "Camping Les Mouettes").type()).isEqualTo(EstablishmentType.CAMPSITE);
        assertThat(byName(all, "Gîte du Phare").details().classificationScheme()).isEqualTo("GITES_DE_FRANCE");

        String report = mvc.perform(as(get(path("/office/imports/runs/" + run.id()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(report).contains("HOTNOR0140000203", "Auberge du Port", "Not a whole number of zero or more: beaucoup",
                "RESNOR0140000302", "The record has no name.",
                "RESNOR0140000303", "Crêperie du Quai", "the check digit does not match.");
    }

    @Test
    void anIncrementalRunFetchesOnlyWhatChangedAfterTheHighWaterMark() throws Exception {
        saveProfile(url("/Syndication/3.0/cdt14/feed/Objects?$format=json"));
        runImport("FULL");

        SyncRun again = runImport("FULL");
        assertThat(List.of(again.created(), again.updated(), again.unchanged(), again.failed())).containsExactly(0, 0, 5, 3);

        queries.clear();
        SyncRun incremental = runImport("INCREMENTAL");

        assertThat(incremental.mode()).isEqualTo(SyncRun.Mode.INCREMENTAL);
        assertThat(queries).containsExactly("$format=json&$filter=Updated gt datetime'2026-01-07T00:00:00'");
        assertThat(List.of(incremental.created(), incremental.updated(), incremental.unchanged(), incremental.failed()))
                .containsExactly(0, 1, 0, 0);
        Establishment plage = byName(establishments.all(tenant.id()), "Hôtel de la Plage");
        assertThat(plage.details().capacityPersons()).isEqualTo(24);
        assertThat(plage.details().classificationValue()).isEqualTo("3");
        assertThat(plage.custom()).containsEntry("quality_label", true);
        assertThat(incremental.highWater()).isEqualTo(java.time.Instant.ofEpochMilli(1769904000000L));
    }

    @Test
    void aResumedRunContinuesAtItsPageAndPositionWithoutRepeatingOrSkipping() throws Exception {
        saveProfile(url("/Syndication/3.0/cdt14/feed/Objects?$format=json"));
        // A run that stopped after the first record of the second page (the first page's two records and that
        // one were committed with their counts; here only the counts matter).
        UUID id = UUID.randomUUID();
        store.insertRun(tenant.id(), id, SyncRun.Source.TOURINSOFT, SyncRun.Mode.FULL, SyncRun.Status.QUEUED,
                imports.profile(tenant.id()).toJson(), null, null, null, null, java.time.Instant.now());
        String page2 = url("/Syndication/3.0/cdt14/feed/Objects?$format=json&$skip=2");
        jdbc.sql("update membership_sync_run set page_url = ?, position = 1, created = 3, records_total = 8 where id = ?")
                .params(page2, id).update();
        queries.clear();
        var progress = new java.util.ArrayList<Long>();

        job.run(new eu.localeconomy.job.JobRun() {
            public UUID id() { return UUID.randomUUID(); }
            public eu.localeconomy.shared.TenantId tenant() { return tenant.id(); }
            public java.util.Map<String, String> parameters() { return java.util.Map.of("runId", id.toString()); }
            public long checkpoint() { return 3; }
            public void progress(long done, long total, long failed, long checkpoint) { progress.add(done); }
            public void summary(java.util.Map<String, ?> summary) { }
            public boolean cancelRequested() { return false; }
        });

        assertThat(queries).containsExactly("$format=json&$skip=2", "$format=json&$skip=5");
        SyncRun run = imports.find(tenant.id(), id).orElseThrow();
        assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
        assertThat(List.of(run.created(), run.failed())).containsExactly(5, 3);
        assertThat(progress.getFirst()).isEqualTo(5); // the rest of the second page in one batch
        assertThat(establishments.all(tenant.id())).extracting(Establishment::name)
                .containsExactly("Gîte du Phare", "Restaurant La Marée");
    }

    @Test
    void aFeedAnsweringHttp500FailsTheRunWithAClearMessage() throws Exception {
        saveProfile(url("/broken/Objects"));

        SyncRun run = runImport("FULL");

        assertThat(run.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(run.errorKey()).isEqualTo("membership.sync.error.status");
        assertThat(run.errorArgument()).isEqualTo("500");
        assertThat(jobs.find(tenant.id(), run.jobId()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(establishments.all(tenant.id())).isEmpty();
        String report = mvc.perform(as(get(path("/office/imports/runs/" + run.id()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(report).contains("The feed answered with HTTP status 500 instead of records.");
    }

    @Test
    void testingTheFeedShowsTheFirstRecordsAsMappedWithoutWritingAnything() throws Exception {
        String fragment = mvc.perform(as(post(path("/office/imports/test"))).header("HX-Request", "true")
                        
                        .param("feedUrl", url("/Syndication/3.0/cdt14/feed/Objects?$format=json"))
                        .param("incrementalQuery", MappingProfile.DEFAULT_INCREMENTAL_QUERY)
                        .param("mappings[0].source", "CapaciteTotale").param("mappings[0].target", "capacity_persons")
                        .param("mappings[0].transform", "INTEGER").param("mappings[0].options", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(fragment).doesNotContain("<html").contains("HOTNOR0140000101", "Hôtel de la Plage", "Capacity (persons)");
        assertThat(establishments.all(tenant.id())).isEmpty();

        String html = mvc.perform(as(post(path("/office/imports/test"))).header("HX-Request", "true")
                        .param("feedUrl", url("/html/Objects"))
                        .param("incrementalQuery", MappingProfile.DEFAULT_INCREMENTAL_QUERY))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("The feed did not answer with JSON");
    }

    @Test
    void aProfileWithBadRowsIsRefusedWithMessagesLinkedToTheFields() throws Exception {
        String page = mvc.perform(as(post(path("/office/imports/profile")))
                        .param("feedUrl", "ftp://example.test/feed")
                        .param("incrementalQuery", "$filter=Updated gt now")
                        .param("mappings[0].source", "").param("mappings[0].target", "").param("mappings[0].transform", "TEXT")
                        .param("mappings[1].source", "Capacite").param("mappings[1].target", "no_such_field")
                        .param("mappings[1].transform", "INTEGER")
                        .param("mappings[2].source", "MoyenDeCom").param("mappings[2].target", "email")
                        .param("mappings[2].transform", "MULTI")
                        .param("mappings[3].source", "X").param("mappings[3].target", "city")
                        .param("mappings[3].transform", "<script>"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("href=\"#feedUrl\"", "href=\"#incrementalQuery\"", "href=\"#mapping-1-target\"",
                "href=\"#mapping-2-transform\"", "href=\"#mapping-3-transform\"", "Choose a directory field from the list.");
        assertThat(imports.profile(tenant.id())).isEqualTo(MappingProfile.defaults());
    }

    @Test
    void onlyTourismOfficesHaveImportsAndRunsOfAnotherTenantDoNotExist() throws Exception {
        saveProfile(url("/broken/Objects"));
        SyncRun run = runImport("FULL");
        Tenant city = fixtures.tenant(TenantKind.MUNICIPALITY);
        var cityAdmin = fixtures.person(city, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + city.slug() + "/office/imports").with(authentication(cityAdmin.authentication())))
                .andExpect(status().isNotFound());
        Tenant other = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        var otherAdmin = fixtures.person(other, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + other.slug() + "/office/imports/runs/" + run.id())
                .with(authentication(otherAdmin.authentication()))).andExpect(status().isNotFound());
        mvc.perform(as(get(path("/office/imports/runs/not-a-uuid")))).andExpect(status().isNotFound());
        var helpdesk = fixtures.person(tenant, Role.HELPDESK);
        mvc.perform(get(path("/office/imports")).with(authentication(helpdesk.authentication())))
                .andExpect(status().isForbidden());
    }

    private void saveProfile(String feedUrl) throws Exception {
        MockHttpServletRequestBuilder request = as(post(path("/office/imports/profile")))
                .param("feedUrl", feedUrl).param("incrementalQuery", MappingProfile.DEFAULT_INCREMENTAL_QUERY);
        List<FieldMapping> mappings = new java.util.ArrayList<>(MappingProfile.defaults().mappings());
        mappings.add(new FieldMapping("LabelQualiteTourisme", "custom.quality_label", Transform.BOOLEAN, ""));
        mappings.add(new FieldMapping("Adhesions", "member_seasons", Transform.TEXT, ""));
        for (int i = 0; i < mappings.size(); i++) {
            FieldMapping m = mappings.get(i);
            request.param("mappings[" + i + "].source", m.source()).param("mappings[" + i + "].target", m.target())
                    .param("mappings[" + i + "].transform", m.transform().name())
                    .param("mappings[" + i + "].options", m.options());
        }
        mvc.perform(request).andExpect(status().is3xxRedirection());
        assertThat(imports.profile(tenant.id()).feedUrl()).isEqualTo(feedUrl);
    }

    private SyncRun runImport(String mode) throws Exception {
        String location = mvc.perform(as(post(path("/office/imports/run"))).param("mode", mode))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        SyncRun run = imports.find(tenant.id(), id).orElseThrow();
        JobView job = jobs.await(tenant.id(), run.jobId(), Duration.ofSeconds(60));
        assertThat(job.finished()).isTrue();
        return imports.find(tenant.id(), id).orElseThrow();
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.with(authentication(admin.authentication())).with(csrf());
    }

    private String path(String rest) {
        return "/t/" + tenant.slug() + rest;
    }

    private static Establishment byName(List<Establishment> all, String name) {
        Optional<Establishment> found = all.stream().filter(e -> e.name().equals(name)).findFirst();
        assertThat(found).as(name).isPresent();
        return found.get();
    }
}
