import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.savings.card.CardDocuments;
import eu.localeconomy.savings.card.CardTokens;
import eu.localeconomy.savings.card.Cards;
import eu.localeconomy.savings.card.IssuanceBatches;
import eu.localeconomy.savings.card.PrintLayout;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.savings.programme.Rounding;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Card issuance figures, in one JVM (run it with -Xmx512m) on the platform's own services and embedded PostgreSQL:
 *  - numbering and issuance of N cards (batch created, its job generating the print PDF + mail-merge CSV to files,
 *    cards marked printed), each run on the same cards set back to "not printed", with the heap's peak;
 *    baseline: a bare loop encoding the same N QR codes (ZXing);
 *  - digital card PDF latency over M calls; baseline: encoding one QR code.
 * Prints RESULT lines for bench/issuance.sh.
 */
public class CardIssuanceBench {

    public static void main(String[] args) throws Exception {
        int households = Integer.parseInt(args.length > 0 ? args[0] : "40000");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "3");
        int calls = Integer.parseInt(args.length > 2 ? args[2] : "500");
        PrintLayout layout = PrintLayout.valueOf(args.length > 3 ? args[3] : "CARRIER");
        Path work = Files.createTempDirectory("card-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + work.resolve("postgres"), "--app.files.dir=" + work.resolve("files"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--app.demo.enabled=false",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            var tenants = context.getBean(Tenants.class);
            var programmes = context.getBean(Programmes.class);
            var cards = context.getBean(Cards.class);
            var batches = context.getBean(IssuanceBatches.class);
            var documents = context.getBean(CardDocuments.class);
            var tokens = context.getBean(CardTokens.class);
            var jdbc = context.getBean(JdbcTemplate.class);

            Tenant tenant = tenants.create(new Tenants.NewTenant("bench", "Gemeente Duinhaven", TenantKind.MUNICIPALITY,
                    Language.NL, "Europe/Brussels", "#0b5a7a",
                    new Tenant.LegalIdentity("Gemeente Duinhaven", "Markt 1", "8300", "Duinhaven", "BE", null, null), null));
            LocalDate today = LocalDate.now();
            Programme programme = programmes.create(tenant.id(), new Programmes.Draft("bench", "Spaar en geniet",
                    Map.of("nl", Map.of("title", "Spaar en geniet"), "fr", Map.of("title", "Épargnez et profitez")),
                    Rounding.HALF_UP, ResidentIdentifier.NATIONAL_REGISTER_NUMBER, today.minusDays(30), today.plusDays(60),
                    today.minusDays(10), today.plusDays(80), today.plusDays(90), today.plusDays(100), today.plusDays(160),
                    List.of(new Programmes.CategoryDraft("RESIDENT", Map.of("nl", "Inwoner"), Register.POPULATION, new Rate(1, 3), 150_00),
                            new Programmes.CategoryDraft("SECOND_HOME", Map.of("nl", "Tweede verblijf"), Register.SECOND_HOME, new Rate(1, 4), 200_00))));
            insertHouseholds(jdbc, programmes, tenant, programme, households);

            long t = System.nanoTime();
            int numbered = cards.number(tenant.id(), programme.id());
            long numberingMs = (System.nanoTime() - t) / 1_000_000;
            List<String> urls = jdbc.queryForList("select id from savings_card where tenant_id = ?", UUID.class, tenant.id().value())
                    .stream().map(id -> tokens.enrolmentUrl(tenant.slug(), tenant.id(), id)).toList();

            // Warm-up (JIT), not counted: a small batch and a few digital cards.
            jdbc.update("update savings_card set status = 'CREATED' where tenant_id = ? and id in (select id from savings_card where tenant_id = ? limit 1000)",
                    tenant.id().value(), tenant.id().value());
            jdbc.update("update savings_card set status = 'ISSUED' where tenant_id = ? and id not in (select id from savings_card where tenant_id = ? and status = 'CREATED' limit 1000)",
                    tenant.id().value(), tenant.id().value());
            await(batches, tenant, batches.create(tenant.id(), new IssuanceBatches.Request(programme.id(),
                    IssuanceBatches.Selection.ALL, null, List.of(), List.of(), layout), Actor.SYSTEM).orElseThrow());
            encodeAll(urls.subList(0, 1000));

            for (int run = 1; run <= runs; run++) {
                jdbc.update("update savings_card set status = 'CREATED', printed_count = 0, last_printed_at = null where tenant_id = ?",
                        tenant.id().value());
                System.gc();
                resetPeaks();
                t = System.nanoTime();
                UUID batch = batches.create(tenant.id(), new IssuanceBatches.Request(programme.id(),
                        IssuanceBatches.Selection.ALL, null, List.of(), List.of(), layout), Actor.SYSTEM).orElseThrow();
                var done = await(batches, tenant, batch);
                long issuanceMs = (System.nanoTime() - t) / 1_000_000;
                long peakMb = peakHeapMb();
                t = System.nanoTime();
                encodeAll(urls);
                long qrMs = (System.nanoTime() - t) / 1_000_000;
                System.out.printf("run %d: %d cards (%s) in %d ms, PDF %d MB, CSV %d MB, heap peak %d MB; bare QR encoding %d ms%n",
                        run, done.cardCount(), layout, issuanceMs, done.pdfBytes() >> 20, done.csvBytes() >> 20, peakMb, qrMs);
                System.out.printf("RESULT issuance_ms=%d qr_only_ms=%d heap_peak_mb=%d pdf_mb=%d cards=%d%n", issuanceMs, qrMs,
                        peakMb, done.pdfBytes() >> 20, done.cardCount());
                Files.walk(work.resolve("files")).sorted((a, b) -> b.compareTo(a)).filter(Files::isRegularFile).forEach(p -> p.toFile().delete());
            }

            List<UUID> ids = jdbc.queryForList("select id from savings_card where tenant_id = ? limit ?", UUID.class,
                    tenant.id().value(), calls);
            for (int i = 0; i < 100; i++) {
                documents.digitalCardPdf(tenant.id(), ids.get(i % ids.size()), Language.NL);
            }
            long[] pdf = new long[calls];
            long[] qr = new long[calls];
            for (int i = 0; i < calls; i++) {
                UUID id = ids.get(i % ids.size());
                long s = System.nanoTime();
                documents.digitalCardPdf(tenant.id(), id, Language.values()[i % 4]);
                pdf[i] = System.nanoTime() - s;
                String url = tokens.enrolmentUrl(tenant.slug(), tenant.id(), id);
                s = System.nanoTime();
                Encoder.encode(url, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
                qr[i] = System.nanoTime() - s;
            }
            System.out.printf("digital card PDF over %d calls: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; QR encoding alone p50 %.2f ms, p95 %.2f ms%n",
                    calls, pct(pdf, 50), pct(pdf, 95), pct(pdf, 99), pct(qr, 50), pct(qr, 95));
            System.out.printf("RESULT numbering_ms=%d numbered=%d digital_p50_ms=%.1f digital_p95_ms=%.1f digital_p99_ms=%.1f qr_p50_ms=%.2f qr_p95_ms=%.2f%n",
                    numberingMs, numbered, pct(pdf, 50), pct(pdf, 95), pct(pdf, 99), pct(qr, 50), pct(qr, 95));
        } finally {
            context.close();
        }
    }

    /** Synthetic eligible households: one in seven a second home whose owner lives in France. */
    static void insertHouseholds(JdbcTemplate jdbc, Programmes programmes, Tenant tenant, Programme programme, int count) {
        List<Category> categories = programmes.categories(tenant.id(), programme.id());
        String[] first = {"Łukasz", "Anaïs", "Jürgen", "Zoë", "Søren", "An", "Piet", "Émilie", "Jan", "Marie"};
        String[] last = {"Dvořák", "Peeters", "Janssens", "Müller", "Nowak", "Dubois", "Ødegård", "Maes", "Claes", "Wouters"};
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            boolean abroad = i % 7 == 6;
            Category category = categories.get(abroad ? 1 : 0);
            String name = first[i % 10] + " " + last[(i / 10) % 10];
            rows.add(new Object[]{UUID.randomUUID(), tenant.id().value(), programme.id(), category.id(), category.register().name(),
                    "HH-" + i, name, "Straat " + (i % 400), String.valueOf(1 + i % 150), null, String.valueOf(8300 + i % 5), "Duinhaven",
                    abroad ? name : null, abroad ? "12 rue de la Paix" : null, null, abroad ? "75002" : null,
                    abroad ? "Paris" : null, abroad ? "FR" : null, java.sql.Date.valueOf(LocalDate.now()), now, now});
            if (rows.size() == 1000 || i == count - 1) {
                jdbc.batchUpdate("""
                        insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key, display_name,
                            street, house_number, box, postcode, municipality, postal_name, postal_line1, postal_line2,
                            postal_postcode, postal_city, postal_country, reference_date, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
                rows.clear();
            }
        }
    }

    /** Waits for the batch's background job (submitted with the batch, started at once on this node). */
    static IssuanceBatches.Batch await(IssuanceBatches batches, Tenant tenant, UUID id) throws InterruptedException {
        while (true) {
            var batch = batches.find(tenant.id(), id).orElseThrow();
            if (batch.finished()) {
                if (batch.status() != IssuanceBatches.Status.DONE) {
                    throw new IllegalStateException("batch " + batch.status() + " " + batch.errorKey());
                }
                return batch;
            }
            Thread.sleep(10);
        }
    }

    static void encodeAll(List<String> urls) throws Exception {
        var hints = Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        long modules = 0;
        for (String url : urls) {
            modules += Encoder.encode(url, ErrorCorrectionLevel.M, hints).getMatrix().getWidth();
        }
        if (modules == 0) {
            throw new IllegalStateException();
        }
    }

    static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
