package eu.localeconomy.savings.register;

import eu.localeconomy.account.Role;
import eu.localeconomy.identifier.NationalRegisterNumber;
import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.JobView;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static eu.localeconomy.savings.register.RegisterFiles.POPULATION_HEADER;
import static eu.localeconomy.savings.register.RegisterFiles.SECOND_HOME_HEADER;
import static eu.localeconomy.savings.register.RegisterFiles.lines;
import static eu.localeconomy.savings.register.RegisterFiles.nrn;
import static eu.localeconomy.savings.register.RegisterFiles.printed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Register imports through the back-office screens, down to the households and members they write. */
@IntegrationTest
class RegisterImportIT {

    static final String ANNA = nrn(85, 7, 30, 33);
    static final String BERT = nrn(83, 2, 14, 117);
    static final String CHLOE = nrn(90, 11, 2, 204);
    static final String DIRK = nrn(61, 5, 9, 11);
    static final String EMMA = nrn(72, 3, 21, 88);

    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;
    @Autowired SavingsFixtures savings;
    @Autowired RegisterImports imports;
    @Autowired Jobs jobs;
    @Autowired PersonalIdentifiers identifiers;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person admin;
    Programme programme;

    @BeforeEach
    void programme() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        programme = savings.openProgramme(tenant);
    }

    @Test
    void aGoodPopulationFileBecomesHouseholdsWithHashedMembers() throws Exception {
        String file = lines(POPULATION_HEADER,
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + printed(ANNA) + ";Peeters;Anna;1985-07-30",
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + BERT + ";Janssens;Bert;14/02/1983",
                "HH-2;Lippenslaan;5;B2;8300;Knokke-Heist;" + CHLOE + ";Dubois;Chloé;1990-11-02");
        UUID id = upload(Register.POPULATION, file.getBytes(StandardCharsets.UTF_8), "2026-01-01");

        String mapping = page(mappingPath(id));
        assertThat(mapping).contains("Zeedijk", "**.**.**-***." + ANNA.substring(9)).doesNotContain(printed(ANNA))
                .doesNotContain(BERT);
        RegisterImport uploaded = imports.find(tenant.id(), id).orElseThrow();
        assertThat(uploaded.charset()).isEqualTo("UTF-8");
        assertThat(uploaded.delimiter()).isEqualTo(';');
        assertThat(imports.preview(tenant.id(), uploaded).guessed()).containsEntry(RegisterField.HOUSEHOLD_ID, 0)
                .containsEntry(RegisterField.NRN, 6).containsEntry(RegisterField.BIRTH_DATE, 9).hasSize(10);

        JobView job = submitGuessed(id, true);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.summary()).containsEntry("rows", 3).containsEntry("created", 2).containsEntry("updated", 0)
                .containsEntry("unchanged", 0).containsEntry("excluded", 0).containsEntry("failed", 0);
        var households = households();
        assertThat(households).containsExactly("HH-1|Anna Peeters|Zeedijk|12|null|8300|ELIGIBLE|2",
                "HH-2|Chloé Dubois|Lippenslaan|5|B2|8300|ELIGIBLE|1");
        assertThat(jdbc.sql("select nrn_hash from savings_household_member where tenant_id = ? and first_name = 'Anna'")
                .param(tenant.id().value()).query(String.class).single())
                .isEqualTo(identifiers.hash(NationalRegisterNumber.parse(ANNA)));
        assertThat(jdbc.sql("select nrn_last2 || '|' || birth_date from savings_household_member where tenant_id = ? and first_name = 'Bert'")
                .param(tenant.id().value()).query(String.class).single()).isEqualTo(BERT.substring(9) + "|1983-02-14");
        assertThat(category("HH-1")).isEqualTo("RESIDENT");
        // The clear number is nowhere: not in the households, the members, the audit trail or the import's tables.
        assertThat(databaseContains(ANNA.substring(0, 9))).isFalse();
        assertThat(auditActions(id)).containsExactly("register.import.submitted", "register.import.finished");

        String result = page("/t/" + tenant.slug() + "/office/registers/" + id);
        assertThat(result).contains("The import is complete.", "Households created", "<progress").doesNotContain("errors.csv");
    }

    @Test
    void aSecondHomeTaxRollBecomesOneHouseholdPerAssessmentNumber() throws Exception {
        String file = lines(SECOND_HOME_HEADER,
                "123/456-78;Zeedijk;200;0301;8300;Knokke-Heist;Jan De Smet;Kerkstraat 1;;2000;Antwerpen;BE",
                "2026.99.001;Dumortierlaan;3;;8300;Knokke-Heist;Marie Lefèvre;12 rue de la Paix;Appartement 4;75002;Paris;France",
                "A-77;Elizabetlaan;9;;8300;Knokke-Heist;Pieter Claes;;;;;");
        UUID id = upload(Register.SECOND_HOME, file.getBytes(StandardCharsets.UTF_8), "2026-01-01");

        JobView job = submitGuessed(id, true);

        assertThat(job.summary()).containsEntry("created", 3).containsEntry("failed", 0);
        String taxHash = identifiers.taxNumberHash("12345678");
        assertThat(jdbc.sql("""
                        select display_name || '|' || postal_line1 || '|' || postal_postcode || '|' || postal_city || '|'
                            || postal_country || '|' || tax_number_last2 || '|' || register
                        from savings_household where tenant_id = ? and external_key = ?""")
                .params(tenant.id().value(), taxHash).query(String.class).single())
                .isEqualTo("Jan De Smet|Kerkstraat 1|2000|Antwerpen|BE|78|SECOND_HOME");
        assertThat(jdbc.sql("select postal_country from savings_household where tenant_id = ? and display_name = 'Marie Lefèvre'")
                .param(tenant.id().value()).query(String.class).single()).isEqualTo("FR");
        assertThat(jdbc.sql("select postal_line1 is null from savings_household where tenant_id = ? and display_name = 'Pieter Claes'")
                .param(tenant.id().value()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from savings_household_member where tenant_id = ? and nrn_hash is null")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(3);
        assertThat(category(taxHash)).isEqualTo("SECOND_HOME");
    }

    static Stream<Arguments> encodings() {
        String text = lines(POPULATION_HEADER, "HH-1;Rue de l'Église;3;;8300;Knokke-Heist;" + ANNA + ";Lefèvre;Françoise;1985-07-30");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        return Stream.of(
                Arguments.of("UTF-8", text.getBytes(StandardCharsets.UTF_8), "UTF-8", null),
                Arguments.of("UTF-8 with BOM", concat(bom, text.getBytes(StandardCharsets.UTF_8)), "UTF-8", null),
                Arguments.of("Windows-1252", text.getBytes(Charset.forName("windows-1252")), "windows-1252", null),
                Arguments.of("ISO-8859-1", text.getBytes(StandardCharsets.ISO_8859_1), "windows-1252", null),
                Arguments.of("UTF-16", text.getBytes(StandardCharsets.UTF_16), null,
                        "This file is saved as UTF-16 (Unicode) text."),
                Arguments.of("BOM but not UTF-8", concat(bom, text.getBytes(StandardCharsets.ISO_8859_1)), null,
                        "The file says it is UTF-8 but contains characters that are not."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void filesInEveryUsualEncodingAreReadWithoutMojibakeOrRefused(String name, byte[] content, String charset,
                                                                   String refusal) throws Exception {
        if (refusal != null) {
            String page = mvc.perform(uploadRequest(Register.POPULATION, content, "2026-01-01"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains(refusal.replace("'", "&#39;").replace("\"", "&quot;"));
            assertThat(imports.recent(tenant.id(), 10)).isEmpty();
            return;
        }
        UUID id = upload(Register.POPULATION, content, "2026-01-01");
        assertThat(imports.find(tenant.id(), id).orElseThrow().charset()).isEqualTo(charset);
        String mapping = page(mappingPath(id));
        assertThat(mapping).contains("Rue de l&#39;Église", "Françoise");
        assertThat(mapping.contains("it was read as Windows (ANSI) text")).isEqualTo(!charset.equals("UTF-8"));

        submitGuessed(id, true);

        assertThat(households()).containsExactly("HH-1|Françoise Lefèvre|Rue de l'Église|3|null|8300|ELIGIBLE|1");
    }

    @Test
    void aMissingRequiredColumnIsAFieldErrorOnTheMappingScreen() throws Exception {
        String file = lines("Huishouden;Straat;Huisnummer;Postcode;Gemeente;Naam;Voornaam",
                "HH-1;Zeedijk;12;8300;Knokke-Heist;Peeters;Anna");
        UUID id = upload(Register.POPULATION, file.getBytes(StandardCharsets.UTF_8), "2026-01-01");
        Map<RegisterField, Integer> guessed = imports.preview(tenant.id(), imports.find(tenant.id(), id).orElseThrow()).guessed();
        assertThat(guessed).doesNotContainKey(RegisterField.NRN);

        String page = mvc.perform(mappingRequest(id, guessed, true)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"column-NRN-error\"", "This information is required: choose the column that holds it.",
                "aria-invalid=\"true\"");
        assertThat(imports.find(tenant.id(), id).orElseThrow().status()).isEqualTo(RegisterImport.Status.UPLOADED);

        // The same column twice is refused too.
        Map<RegisterField, Integer> twice = new LinkedHashMap<>(guessed);
        twice.put(RegisterField.NRN, 0);
        assertThat(mvc.perform(mappingRequest(id, twice, true)).andReturn().getResponse().getContentAsString())
                .contains("This column is already chosen for another piece of information.");
    }

    @Test
    void badCheckDigitsDuplicatesAndBadValuesAreReportedExactlyAndNothingElseIsDropped() throws Exception {
        String badCheck = ANNA.substring(0, 9) + String.format("%02d", (Integer.parseInt(ANNA.substring(9)) + 1) % 100);
        String file = lines(POPULATION_HEADER,
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + printed(ANNA) + ";Peeters;Anna;1985-07-30",
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + printed(badCheck) + ";Peeters;Bob;1985-07-30",
                "HH-2;Zeedijk;14;;8300;Knokke-Heist;" + ANNA + ";Peeters;Anna;1985-07-30",
                "HH-3;Zeedijk;16;;830;Knokke-Heist;" + BERT + ";;Bert;31/02/1983",
                "HH-4;Zeedijk;18;;8300;Knokke-Heist;8513300010;Maes;Karel;",
                "HH-5;Zeedijk;20;;8300;Knokke-Heist;85133000105;Maes;Karla;",
                "HH-6;Zeedijk;22;;8300;Knokke-Heist;" + CHLOE + ";=cmd|' /C calc'!A0;Chloé;");
        UUID id = upload(Register.POPULATION, file.getBytes(StandardCharsets.UTF_8), "2026-01-01");

        JobView job = submitGuessed(id, true);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.summary()).containsEntry("rows", 7).containsEntry("failed", 5).containsEntry("created", 2);
        String report = mvc.perform(get("/t/" + tenant.slug() + "/office/registers/" + id + "/errors.csv")
                        .with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).isEqualTo("\uFEFF" + lines(
                "Row;Column;Value;Reason",
                "3;Rijksregisternummer;**.**.**-***." + badCheck.substring(9) + ";National register number: the check digits do not match",
                "4;Rijksregisternummer;*********" + ANNA.substring(9) + ";Same national register number as row 2",
                "5;Postcode;830;Not a Belgian postcode (4 digits)",
                "5;Naam;;Required value missing",
                "5;Geboortedatum;31/02/1983;Not a date (write 2026-01-31 or 31/01/2026)",
                "6;Rijksregisternummer;********10;National register number: 11 digits expected",
                "7;Rijksregisternummer;*********05;National register number: impossible month"));
        assertThat(households()).containsExactly("HH-1|Anna Peeters|Zeedijk|12|null|8300|ELIGIBLE|1",
                "HH-6|Chloé =cmd|' /C calc'!A0|Zeedijk|22|null|8300|ELIGIBLE|1");
        String page = page("/t/" + tenant.slug() + "/office/registers/" + id);
        assertThat(page).contains("Download the error report (5 rows)", "/errors.csv");
    }

    @Test
    void reImportingACorrectedFileIsIdempotentAndExcludesWhoIsNoLongerListed() throws Exception {
        String first = lines(POPULATION_HEADER,
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + ANNA + ";Peeters;Anna;1985-07-30",
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + BERT + ";Janssens;Bert;1983-02-14",
                "HH-2;Lippenslaan;5;;8300;Knokke-Heist;" + CHLOE + ";Dubois;Chloé;1990-11-02",
                "HH-3;Kustlaan;7;;8300;Knokke-Heist;" + DIRK + ";Maes;Dirk;1961-05-09");
        // HH-1 unchanged, HH-2 moved, HH-3 gone, HH-4 new; Bert moved from HH-1 to HH-4.
        String corrected = lines(POPULATION_HEADER,
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + ANNA + ";Peeters;Anna;1985-07-30",
                "HH-2;Lippenslaan;7;;8300;Knokke-Heist;" + CHLOE + ";Dubois;Chloé;1990-11-02",
                "HH-4;Dorpstraat;1;;8301;Knokke-Heist;" + EMMA + ";Wouters;Emma;1972-03-21",
                "HH-4;Dorpstraat;1;;8301;Knokke-Heist;" + BERT + ";Janssens;Bert;1983-02-14");

        assertThat(importFile(first).summary()).containsEntry("created", 3).containsEntry("excluded", 0);
        UUID bert = memberId(BERT);
        assertThat(importFile(corrected).summary()).containsEntry("created", 1).containsEntry("updated", 2)
                .containsEntry("unchanged", 0).containsEntry("excluded", 1);
        assertThat(importFile(corrected).summary()).containsEntry("created", 0).containsEntry("updated", 0)
                .containsEntry("unchanged", 3).containsEntry("excluded", 0);

        assertThat(households()).containsExactly("HH-1|Anna Peeters|Zeedijk|12|null|8300|ELIGIBLE|1",
                "HH-2|Chloé Dubois|Lippenslaan|7|null|8300|ELIGIBLE|1", "HH-3|Dirk Maes|Kustlaan|7|null|8300|EXCLUDED|1",
                "HH-4|Emma Wouters|Dorpstraat|1|null|8301|ELIGIBLE|2");
        assertThat(memberId(BERT)).as("a person who moved keeps their member row").isEqualTo(bert);
        assertThat(jdbc.sql("select count(*) from savings_household_member where tenant_id = ?")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(5);

        // Back in the register: eligible again, and no second household.
        assertThat(importFile(first).summary()).containsEntry("created", 0).containsEntry("updated", 3)
                .containsEntry("excluded", 1);
        assertThat(households()).extracting(h -> h.split("\\|")[0] + "|" + h.split("\\|")[6])
                .containsExactly("HH-1|ELIGIBLE", "HH-2|ELIGIBLE", "HH-3|ELIGIBLE", "HH-4|EXCLUDED");
    }

    @Test
    void whereNationalRegisterNumbersAreNotAuthorisedTheBirthDateIdentifiesAndNumbersAreNeverRead() throws Exception {
        programme = savings.openProgramme(tenant, ResidentIdentifier.BIRTH_DATE);
        String file = lines(POPULATION_HEADER,
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + ANNA + ";Peeters;Anna;1985-07-30",
                "HH-2;Zeedijk;14;;8300;Knokke-Heist;12345678901;Peeters;Piet;");
        UUID id = upload(Register.POPULATION, file.getBytes(StandardCharsets.UTF_8), "2026-01-01");
        RegisterImport uploaded = imports.find(tenant.id(), id).orElseThrow();
        Map<RegisterField, Integer> guessed = imports.preview(tenant.id(), uploaded).guessed();
        assertThat(guessed).doesNotContainKey(RegisterField.NRN).containsKey(RegisterField.BIRTH_DATE);
        assertThat(page(mappingPath(id))).contains("residents are identified by their date of birth")
                .doesNotContain("id=\"column-NRN\"");
        Map<RegisterField, Integer> forged = new LinkedHashMap<>(guessed);
        forged.put(RegisterField.NRN, 6);
        assertThat(imports.check(tenant.id(), uploaded, forged)).containsEntry(RegisterField.NRN, "register.mapping.error.notAllowed");
        // Through the screen, a forged choice of the number's column is ignored.
        mvc.perform(mappingRequest(id, forged, true)).andExpect(status().is3xxRedirection());
        JobView job = jobs.await(tenant.id(), imports.find(tenant.id(), id).orElseThrow().jobId(), Duration.ofSeconds(60));

        assertThat(job.summary()).containsEntry("created", 1).containsEntry("failed", 1);
        assertThat(imports.errors(tenant.id(), id)).containsExactly(
                new ImportError(3, "Geboortedatum", "", "register.reason.required", null));
        assertThat(jdbc.sql("select count(*) from savings_household_member where tenant_id = ? and nrn_hash is not null")
                .param(tenant.id().value()).query(Integer.class).single()).isZero();
    }

    @Test
    void fortyThousandHouseholdsImportInOneJob() throws Exception {
        byte[] file = RegisterFiles.population(40_000, 7).getBytes(StandardCharsets.UTF_8);
        UUID id = imports.upload(tenant.id(), new RegisterImports.Upload(programme.id(), Register.POPULATION,
                java.time.LocalDate.of(2026, 1, 1), "big.csv", file), admin.principal());
        RegisterImport uploaded = imports.find(tenant.id(), id).orElseThrow();
        long start = System.nanoTime();
        UUID job = imports.submit(tenant.id(), id, imports.preview(tenant.id(), uploaded).guessed(), true, admin.principal());
        JobView done = jobs.await(tenant.id(), job, Duration.ofMinutes(10));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.summary()).containsEntry("created", 40_000).containsEntry("failed", 0);
        // Timing is the benchmark's business (bench/register-import.sh), not a test's: the suite shares the machine.
        System.out.println("40,000 households imported in " + millis + " ms");
    }

    @Test
    void anImportOfAnotherTenantIsInvisible() throws Exception {
        UUID ours = upload(Register.POPULATION, lines(POPULATION_HEADER,
                "HH-1;Zeedijk;12;;8300;Knokke-Heist;" + ANNA + ";Peeters;Anna;1985-07-30").getBytes(StandardCharsets.UTF_8),
                "2026-01-01");
        Tenant other = fixtures.tenant(TenantKind.MUNICIPALITY);
        var otherAdmin = fixtures.person(other, Role.TENANT_ADMIN);

        assertThat(imports.find(other.id(), ours)).isEmpty();
        assertThat(imports.recent(other.id(), 10)).isEmpty();
        for (String path : List.of("", "/mapping", "/errors.csv")) {
            mvc.perform(get("/t/" + other.slug() + "/office/registers/" + ours + path)
                    .with(authentication(otherAdmin.authentication()))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/t/" + other.slug() + "/office/registers/" + ours + "/mapping").with(csrf())
                .with(authentication(otherAdmin.authentication()))).andExpect(status().isNotFound());
        // Tenant A's programme cannot be chosen from tenant B's upload form either.
        savings.openProgramme(other);
        String page = mvc.perform(multipart("/t/" + other.slug() + "/office/registers")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", "a;b\n1;2\n".getBytes()))
                        .param("programmeId", programme.id().toString()).param("register", "POPULATION")
                        .param("referenceDate", "2026-01-01").with(csrf()).with(authentication(otherAdmin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Choose one of the proposed values.");
        assertThat(imports.recent(other.id(), 10)).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private JobView importFile(String text) throws Exception {
        return submitGuessed(upload(Register.POPULATION, text.getBytes(StandardCharsets.UTF_8), "2026-01-01"), true);
    }

    private org.springframework.test.web.servlet.RequestBuilder uploadRequest(Register register, byte[] content, String referenceDate) {
        return multipart("/t/" + tenant.slug() + "/office/registers")
                .file(new MockMultipartFile("file", "register.csv", "text/csv", content))
                .param("programmeId", programme.id().toString()).param("register", register.name())
                .param("referenceDate", referenceDate).with(csrf()).with(authentication(admin.authentication()));
    }

    private UUID upload(Register register, byte[] content, String referenceDate) throws Exception {
        MvcResult result = mvc.perform(uploadRequest(register, content, referenceDate))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).endsWith("/mapping");
        return UUID.fromString(location.replaceAll(".*/registers/([^/]+)/mapping", "$1"));
    }

    private MockHttpServletRequestBuilder mappingRequest(UUID id, Map<RegisterField, Integer> mapping, boolean full) {
        var request = post(mappingPath(id)).with(csrf()).with(authentication(admin.authentication()));
        mapping.forEach((field, column) -> request.param("column." + field.name(), String.valueOf(column)));
        if (full) {
            request.param("fullExtract", "true");
        }
        return request;
    }

    private JobView submitGuessed(UUID id, boolean full) throws Exception {
        RegisterImport uploaded = imports.find(tenant.id(), id).orElseThrow();
        mvc.perform(mappingRequest(id, imports.preview(tenant.id(), uploaded).guessed(), full))
                .andExpect(status().is3xxRedirection());
        UUID job = imports.find(tenant.id(), id).orElseThrow().jobId();
        return jobs.await(tenant.id(), job, Duration.ofSeconds(60));
    }

    private String mappingPath(UUID id) {
        return "/t/" + tenant.slug() + "/office/registers/" + id + "/mapping";
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).with(authentication(admin.authentication()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private List<String> households() {
        return jdbc.sql("""
                        select h.external_key || '|' || h.display_name || '|' || h.street || '|' || h.house_number || '|'
                            || coalesce(h.box, 'null') || '|' || h.postcode || '|' || h.status || '|'
                            || (select count(*) from savings_household_member m where m.household_id = h.id)
                        from savings_household h where h.tenant_id = ? and h.programme_id = ? order by h.external_key""")
                .params(tenant.id().value(), programme.id()).query(String.class).list();
    }

    private String category(String externalKey) {
        return jdbc.sql("""
                        select c.code from savings_household h join savings_category c on c.id = h.category_id
                        where h.tenant_id = ? and h.external_key = ?""")
                .params(tenant.id().value(), externalKey).query(String.class).single();
    }

    private UUID memberId(String nrn) {
        return jdbc.sql("select id from savings_household_member where tenant_id = ? and nrn_hash = ?")
                .params(tenant.id().value(), identifiers.hash(NationalRegisterNumber.parse(nrn))).query(UUID.class).single();
    }

    private boolean databaseContains(String text) {
        return jdbc.sql("""
                        select exists (select 1 from savings_household h where h.tenant_id = ? and cast(h.* as text) like ?)
                            or exists (select 1 from savings_household_member m where m.tenant_id = ? and cast(m.* as text) like ?)
                            or exists (select 1 from audit_event a where a.tenant_id = ? and cast(a.* as text) like ?)
                            or exists (select 1 from savings_register_import_error e where e.tenant_id = ? and cast(e.* as text) like ?)
                            or exists (select 1 from savings_register_import i where i.tenant_id = ?
                                       and (i.content is not null or cast(i.header as text) like ?))""")
                .params(tenant.id().value(), "%" + text + "%", tenant.id().value(), "%" + text + "%",
                        tenant.id().value(), "%" + text + "%", tenant.id().value(), "%" + text + "%",
                        tenant.id().value(), "%" + text + "%")
                .query(Boolean.class).single();
    }

    private List<String> auditActions(UUID importId) {
        return jdbc.sql("select action from audit_event where target_type = 'register-import' and target_id = ? order by id")
                .param(importId.toString()).query(String.class).list();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
