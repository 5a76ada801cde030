package eu.localeconomy.savings.card;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import eu.localeconomy.account.Role;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static eu.localeconomy.savings.card.CardDocumentsIT.decodeQr;
import static eu.localeconomy.savings.card.CardDocumentsIT.renderFirstPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Numbering, print batches (PDF pages, CSV rows, QR codes read back), reprint, block and unblock. */
@IntegrationTest
class IssuanceIT {

    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired Programmes programmes;
    @Autowired Cards cards;
    @Autowired IssuanceBatches batches;
    @Autowired CardTokens tokens;
    @Autowired JdbcTemplate jdbcTemplate;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired eu.localeconomy.job.Jobs jobs;

    Tenant tenant;
    Programme programme;

    @BeforeEach
    void programme() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
    }

    @Test
    void numberingGivesEveryEligibleHouseholdOneCardWithAUniqueNumber() {
        List<UUID> households = Households.insert(jdbcTemplate, programmes, tenant.id(), programme, 250);
        jdbc.sql("update savings_household set status = 'EXCLUDED' where id = ?").param(households.getFirst()).update();

        assertThat(cards.number(tenant.id(), programme.id())).isEqualTo(249);
        assertThat(cards.number(tenant.id(), programme.id())).as("one card per household, ever").isZero();

        List<String> numbers = jdbc.sql("select number from savings_card where tenant_id = ? and programme_id = ?")
                .params(tenant.id().value(), programme.id()).query(String.class).list();
        assertThat(numbers).hasSize(249).doesNotHaveDuplicates().allSatisfy(n -> assertThat(CardNumber.parse(n)).isPresent());
        assertThat(cards.counts(tenant.id(), programme.id()))
                .isEqualTo(new Cards.Counts(249, 0, 249, 0, 0, 0));
    }

    @Test
    void aNumberAlreadyTakenInTheTenantIsDrawnAgain() {
        Households.insert(jdbcTemplate, programmes, tenant.id(), programme, 1);
        String taken = jdbc.sql("select number from savings_card where tenant_id = ?").param(tenant.id().value())
                .query(String.class).optional().orElse(null);
        assertThat(cards.number(tenant.id(), programme.id())).isEqualTo(1);
        String existing = jdbc.sql("select number from savings_card where tenant_id = ?").param(tenant.id().value())
                .query(String.class).single();
        assertThat(taken).isNull();

        Households.insert(jdbcTemplate, programmes, tenant.id(), programme, 3);
        var drawn = new AtomicInteger();
        Cards target = org.springframework.test.util.AopTestUtils.getTargetObject(cards);
        Supplier<CardNumber> original = target.numberSource;
        // The first two draws repeat the tenant's existing number; the unique constraint refuses them.
        target.numberSource = () -> drawn.incrementAndGet() <= 2 ? new CardNumber(existing) : CardNumber.random();
        try {
            assertThat(cards.number(tenant.id(), programme.id())).isEqualTo(3);
        } finally {
            target.numberSource = original;
        }
        assertThat(drawn.get()).isEqualTo(5);
        assertThat(cards.counts(tenant.id(), programme.id()).withoutCard()).isZero();
    }

    @Test
    void aCarrierBatchPrintsOneLetterPerCardAndAMailMergeRowPerCard() throws Exception {
        Households.insert(jdbcTemplate, programmes, tenant.id(), programme, 14);
        UUID id = batches.prepare(tenant.id(), request(IssuanceBatches.Selection.ALL, PrintLayout.CARRIER), Actor.SYSTEM).orElseThrow();
        var batch = batches.generate(tenant.id(), id, IssuanceBatches.Progress.NONE);

        assertThat(batch.status()).isEqualTo(IssuanceBatches.Status.DONE);
        assertThat(batch.cardCount()).isEqualTo(14);
        byte[] pdf = Files.readAllBytes(batches.file(tenant.id(), id, "pdf").orElseThrow());
        List<CSVRecord> rows = csv(batches.file(tenant.id(), id, "csv").orElseThrow());
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(14);
        }
        assertThat(rows).hasSize(14);
        assertThat(decodeQr(renderFirstPage(pdf, 200))).isEqualTo(rows.getFirst().get("qr_url"));
        for (CSVRecord row : rows) {
            String url = row.get("qr_url");
            UUID card = tokens.verify(tenant.id(), url.substring(url.lastIndexOf('/') + 1)).orElseThrow();
            assertThat(cards.find(tenant.id(), card).orElseThrow().number().value()).isEqualTo(row.get("card_number"));
            assertThat(row.get("card_number_formatted")).isEqualTo(new CardNumber(row.get("card_number")).formatted());
        }
        CSVRecord abroad = rows.stream().filter(r -> r.get("country").equals("FR")).findFirst().orElseThrow();
        assertThat(abroad.get("address_line_1")).isEqualTo("12 rue de la Paix");
        assertThat(abroad.get("city")).isEqualTo("Paris");
        assertThat(abroad.get("category")).isEqualTo("SECOND_HOME");
        assertThat(abroad.get("language")).isEqualTo("fr");
        CSVRecord home = rows.stream().filter(r -> r.get("country").equals("BE")).findFirst().orElseThrow();
        assertThat(home.get("city")).isEqualTo("Duinhaven");
        assertThat(home.get("language")).isEqualTo("nl");
        assertThat(rows).extracting(r -> r.get("country")).as("mail abroad sorts after mail at home").endsWith("FR");
        assertThat(rows).anySatisfy(r -> assertThat(r.get("address_line_1")).endsWith(" bus 3"));

        assertThat(jdbc.sql("select count(*) from savings_card where tenant_id = ? and status = 'ISSUED' and printed_count = 1 and last_printed_at is not null")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(14);
        assertThat(batches.prepare(tenant.id(), request(IssuanceBatches.Selection.ALL, PrintLayout.CARRIER), Actor.SYSTEM))
                .as("every card is printed").isEmpty();
        Files.createDirectories(Path.of("target/cards"));
        Files.write(Path.of("target/cards/carrier-batch.pdf"), pdf);
        javax.imageio.ImageIO.write(renderFirstPage(pdf, 80), "png", Path.of("target/cards/carrier-page.png").toFile());
    }

    @Test
    void aSheetBatchPutsTenCardsOnAPageAndEveryCodeReadsBack() throws Exception {
        Households.insert(jdbcTemplate, programmes, tenant.id(), programme, 12);
        UUID id = batches.prepare(tenant.id(), request(IssuanceBatches.Selection.ALL, PrintLayout.SHEET), Actor.SYSTEM).orElseThrow();
        batches.generate(tenant.id(), id, IssuanceBatches.Progress.NONE);

        byte[] pdf = Files.readAllBytes(batches.file(tenant.id(), id, "pdf").orElseThrow());
        List<CSVRecord> rows = csv(batches.file(tenant.id(), id, "csv").orElseThrow());
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
        }
        var image = renderFirstPage(pdf, 200);
        Result[] codes = new QRCodeMultiReader().decodeMultiple(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.TRY_HARDER, true));
        Set<String> decoded = new HashSet<>();
        for (Result code : codes) {
            decoded.add(code.getText());
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(rows.subList(0, 10).stream().map(r -> r.get("qr_url")).toList());
        javax.imageio.ImageIO.write(renderFirstPage(pdf, 80), "png", Path.of("target/cards/sheet-page.png").toFile());
    }

    @Test
    void selectionsByCategoryPostcodeAndNumbers() throws Exception {
        Households.insert(jdbcTemplate, programmes, tenant.id(), programme, 14);
        cards.number(tenant.id(), programme.id());
        UUID secondHome = programmes.categories(tenant.id(), programme.id()).stream()
                .filter(c -> c.code().equals("SECOND_HOME")).findFirst().orElseThrow().id();

        var byCategory = new IssuanceBatches.Request(programme.id(), IssuanceBatches.Selection.CATEGORY, secondHome, List.of(),
                List.of(), PrintLayout.SHEET);
        UUID first = batches.prepare(tenant.id(), byCategory, Actor.SYSTEM).orElseThrow();
        assertThat(batches.find(tenant.id(), first).orElseThrow().cardCount()).isEqualTo(2);
        assertThat(batches.prepare(tenant.id(), byCategory, Actor.SYSTEM)).as("already in a queued batch").isEmpty();

        var byPostcode = new IssuanceBatches.Request(programme.id(), IssuanceBatches.Selection.POSTCODES, null, List.of("8301"),
                List.of(), PrintLayout.SHEET);
        UUID second = batches.prepare(tenant.id(), byPostcode, Actor.SYSTEM).orElseThrow();
        // Households 1, 3, 5, ... are in 8301; 13 is a second home, already in the first batch.
        assertThat(batches.find(tenant.id(), second).orElseThrow().cardCount()).isEqualTo(6);
        batches.generate(tenant.id(), first, IssuanceBatches.Progress.NONE);
        batches.generate(tenant.id(), second, IssuanceBatches.Progress.NONE);

        List<CardNumber> printed = jdbc.sql("select number from savings_card where tenant_id = ? and printed_count = 1 order by number limit 2")
                .param(tenant.id().value()).query((rs, n) -> new CardNumber(rs.getString(1))).list();
        var byNumbers = new IssuanceBatches.Request(programme.id(), IssuanceBatches.Selection.NUMBERS, null, List.of(), printed,
                PrintLayout.CARRIER);
        UUID third = batches.prepare(tenant.id(), byNumbers, Actor.SYSTEM).orElseThrow();
        batches.generate(tenant.id(), third, IssuanceBatches.Progress.NONE);
        assertThat(csv(batches.file(tenant.id(), third, "csv").orElseThrow())).extracting(r -> r.get("card_number"))
                .containsExactlyInAnyOrderElementsOf(printed.stream().map(CardNumber::value).toList());
        assertThat(jdbc.sql("select count(*) from savings_card where tenant_id = ? and printed_count = 2").param(tenant.id().value())
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(batches.unusableNumbers(tenant.id(), programme.id(), List.of(printed.getFirst(), CardNumber.random())))
                .hasSize(1).doesNotContain(printed.getFirst());
    }

    @Test
    void anAdministratorPrintsABatchFromTheIssuancePageAndDownloadsItsFiles() throws Exception {
        Households.insert(jdbcTemplate, programmes, tenant.id(), programme, 5);
        var admin = tenants.person(tenant, Role.TENANT_ADMIN);
        String base = "/t/" + tenant.slug() + "/office/issuance";

        mvc.perform(get(base).with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andExpect(model().attribute("counts", new Cards.Counts(5, 5, 0, 0, 0, 0)));
        mvc.perform(post(base + "/batches").with(csrf()).with(authentication(admin.authentication()))
                        .param("programme", programme.id().toString()).param("selection", "NUMBERS")
                        .param("numbers", "not-a-card").param("layout", "CARRIER"))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrorCode("form", "numbers", "card.issuance.numbers.malformed"));
        String location = mvc.perform(post(base + "/batches").with(csrf()).with(authentication(admin.authentication()))
                        .param("programme", programme.id().toString()).param("selection", "ALL").param("layout", "SHEET"))
                .andExpect(redirectedUrlPattern(base + "/batches/*")).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!batches.find(tenant.id(), id).orElseThrow().finished() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        var batch = batches.find(tenant.id(), id).orElseThrow();
        assertThat(batch.status()).isEqualTo(IssuanceBatches.Status.DONE);
        var job = jobs.await(tenant.id(), batch.jobId(), Duration.ofSeconds(10));
        assertThat(job.status()).isEqualTo(eu.localeconomy.job.JobStatus.SUCCEEDED);
        assertThat(job.kind()).isEqualTo("savings.card-issuance");
        assertThat(job.done()).isEqualTo(5);

        mvc.perform(get(location).with(authentication(admin.authentication()))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("mail-merge.csv")));
        byte[] pdf = mvc.perform(get(location + "/cards.pdf").with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andExpect(content().contentType("application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(decodeQr(renderFirstPage(pdf, 200))).startsWith("http://localhost:8080/t/" + tenant.slug() + "/c/");
        byte[] csv = mvc.perform(get(location + "/mail-merge.csv").with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'card.issuance.downloaded'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(2);

        var helpdesk = tenants.person(tenant, Role.HELPDESK);
        mvc.perform(get(location + "/cards.pdf").with(authentication(helpdesk.authentication()))).andExpect(status().isForbidden());
        Tenant other = tenants.tenant(TenantKind.MUNICIPALITY);
        var otherAdmin = tenants.person(other, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + other.slug() + "/office/issuance/batches/" + id + "/cards.pdf")
                .with(authentication(otherAdmin.authentication()))).andExpect(status().isNotFound());
    }

    @Test
    void aBatchRunsAsAJobThatReportsItsProgress() throws Exception {
        Households.insert(jdbcTemplate, programmes, tenant.id(), programme, IssuanceBatches.PROGRESS_EVERY + 20);
        var admin = tenants.person(tenant, Role.TENANT_ADMIN);
        UUID id = batches.create(tenant.id(), request(IssuanceBatches.Selection.ALL, PrintLayout.SHEET), admin.principal())
                .orElseThrow();
        var job = jobs.await(tenant.id(), batches.find(tenant.id(), id).orElseThrow().jobId(), Duration.ofSeconds(60));

        assertThat(job.status()).isEqualTo(eu.localeconomy.job.JobStatus.SUCCEEDED);
        assertThat(job.done()).isEqualTo(job.total()).isEqualTo(IssuanceBatches.PROGRESS_EVERY + 20);
        assertThat(job.summary()).containsEntry("cards", IssuanceBatches.PROGRESS_EVERY + 20);
        var batch = batches.find(tenant.id(), id).orElseThrow();
        assertThat(batch.status()).isEqualTo(IssuanceBatches.Status.DONE);
        assertThat(batch.doneCount()).isEqualTo(IssuanceBatches.PROGRESS_EVERY + 20);
        try (var document = Loader.loadPDF(Files.readAllBytes(batches.file(tenant.id(), id, "pdf").orElseThrow()))) {
            assertThat(document.getNumberOfPages()).isEqualTo((IssuanceBatches.PROGRESS_EVERY + 20 + 9) / 10);
        }
    }

    @Test
    void helpdeskBlocksUnblocksAndReprintsACard() throws Exception {
        var card = savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300",
                List.of(new SavingsFixtures.Adult("Łukasz", "Dvořák", "85073003328", java.time.LocalDate.of(1985, 7, 30))));
        var helpdesk = tenants.person(tenant, Role.HELPDESK);
        String base = "/t/" + tenant.slug() + "/office/cards/" + card.cardId();
        String household = "/t/" + tenant.slug() + "/office/households/" + card.householdId();

        mvc.perform(post(base + "/block").with(csrf()).with(authentication(helpdesk.authentication())).param("reason", " "))
                .andExpect(redirectedUrl(household)).andExpect(flash().attribute("alert", "card.block.reasonRequired"));
        mvc.perform(post(base + "/block").with(csrf()).with(authentication(helpdesk.authentication())).param("reason", "Lost at the beach"))
                .andExpect(redirectedUrl(household)).andExpect(flash().attribute("notice", "card.block.done"));
        var blocked = cards.find(tenant.id(), card.cardId()).orElseThrow();
        assertThat(blocked.status()).isEqualTo(Cards.Status.BLOCKED);
        assertThat(blocked.blockedReason()).isEqualTo("Lost at the beach");
        mvc.perform(post(base + "/reprint").with(csrf()).with(authentication(helpdesk.authentication())))
                .andExpect(redirectedUrl(household)).andExpect(flash().attribute("alert", "card.reprint.blocked"));

        mvc.perform(post(base + "/unblock").with(csrf()).with(authentication(helpdesk.authentication())))
                .andExpect(redirectedUrl(household)).andExpect(flash().attribute("notice", "card.unblock.done"));
        assertThat(cards.find(tenant.id(), card.cardId()).orElseThrow().status()).as("printed before").isEqualTo(Cards.Status.ISSUED);

        byte[] pdf = mvc.perform(post(base + "/reprint").with(csrf()).with(authentication(helpdesk.authentication())))
                .andExpect(status().isOk()).andExpect(content().contentType("application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(decodeQr(renderFirstPage(pdf, 200))).isEqualTo(tokens.enrolmentUrl(tenant.slug(), tenant.id(), card.cardId()));
        var reprinted = cards.find(tenant.id(), card.cardId()).orElseThrow();
        assertThat(reprinted.printedCount()).isEqualTo(2);
        assertThat(reprinted.number()).isEqualTo(card.number());

        byte[] digital = mvc.perform(get(base + "/digital.pdf").with(authentication(helpdesk.authentication())).param("language", "fr"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(decodeQr(renderFirstPage(digital, 200))).isEqualTo(tokens.enrolmentUrl(tenant.slug(), tenant.id(), card.cardId()));

        assertThat(jdbc.sql("select action from audit_event where tenant_id = ? and target_id = ? order by id")
                .params(tenant.id().value(), card.cardId().toString()).query(String.class).list())
                .containsExactly("card.blocked", "card.unblocked", "card.reprinted", "card.digital.downloaded");

        Tenant other = tenants.tenant(TenantKind.MUNICIPALITY);
        var otherHelpdesk = tenants.person(other, Role.HELPDESK);
        mvc.perform(post("/t/" + other.slug() + "/office/cards/" + card.cardId() + "/block").with(csrf())
                        .with(authentication(otherHelpdesk.authentication())).param("reason", "x"))
                .andExpect(status().isNotFound());
        assertThat(cards.find(tenant.id(), card.cardId()).orElseThrow().status()).isEqualTo(Cards.Status.ISSUED);
    }

    @Test
    void aCitizenGetsTheirOwnCardOnly() throws Exception {
        var mine = savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300",
                List.of(new SavingsFixtures.Adult("An", "Peeters", "85073003328", java.time.LocalDate.of(1985, 7, 30))));
        var theirs = savings.residentHousehold(tenant, programme, "Kerkstraat", "1", "8300",
                List.of(new SavingsFixtures.Adult("Piet", "Maes", "90022742191", java.time.LocalDate.of(1990, 2, 1))));
        var me = tenants.person(tenant, Role.CITIZEN);
        var neighbour = tenants.person(tenant, Role.CITIZEN);
        var stranger = tenants.person(tenant, Role.CITIZEN);
        enrol(mine, me);
        enrol(theirs, neighbour);

        byte[] pdf = mvc.perform(get("/t/" + tenant.slug() + "/me/card.pdf").with(authentication(me.authentication())))
                .andExpect(status().isOk()).andExpect(content().contentType("application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(decodeQr(renderFirstPage(pdf, 200))).isEqualTo(tokens.enrolmentUrl(tenant.slug(), tenant.id(), mine.cardId()));
        String page = mvc.perform(get("/t/" + tenant.slug() + "/me/card/qr").with(authentication(me.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<svg", mine.number().formatted()).doesNotContain(theirs.number().formatted());
        mvc.perform(get("/t/" + tenant.slug() + "/me/card.pdf").with(authentication(stranger.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/t/" + tenant.slug() + "/me/card/qr").with(authentication(stranger.authentication())))
                .andExpect(status().isNotFound());

        cards.block(tenant.id(), mine.cardId(), "stolen");
        String blocked = mvc.perform(get("/t/" + tenant.slug() + "/me/card/qr").with(authentication(me.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(blocked).doesNotContain("<svg");
        mvc.perform(get("/t/" + tenant.slug() + "/me/card.pdf").with(authentication(me.authentication())))
                .andExpect(redirectedUrl("/t/" + tenant.slug() + "/me/card/qr"));
    }

    private void enrol(SavingsFixtures.CardOfHousehold card, TestTenants.Person citizen) {
        UUID member = jdbc.sql("select id from savings_household_member where household_id = ? limit 1").param(card.householdId())
                .query(UUID.class).single();
        jdbc.sql("""
                        insert into savings_enrolment (id, tenant_id, programme_id, card_id, member_id, user_id, email, language,
                            status, privacy_notice_version, consented_at, email_verified_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'nl', 'ACTIVE', 1, now(), now(), now(), now())""")
                .params(UUID.randomUUID(), tenant.id().value(), programme.id(), card.cardId(), member,
                        citizen.principal().userId().value(), citizen.email())
                .update();
    }

    private IssuanceBatches.Request request(IssuanceBatches.Selection selection, PrintLayout layout) {
        return new IssuanceBatches.Request(programme.id(), selection, null, List.of(), List.of(), layout);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFcard_number;card_number_formatted;qr_url;");
        return CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
    }
}
