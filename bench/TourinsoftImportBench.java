import com.sun.net.httpserver.HttpServer;
import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.JobView;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.membership.sync.MappingProfile;
import eu.localeconomy.membership.sync.RecordMapper;
import eu.localeconomy.membership.sync.SyncRun;
import eu.localeconomy.membership.sync.TourinsoftFeed;
import eu.localeconomy.membership.sync.TourinsoftImports;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tourinsoft import figures, in one JVM on the platform's own services and embedded PostgreSQL. A local HttpServer
 * (127.0.0.1) serves N generated records in the {@code value} form, 500 per page with {@code odata.nextLink}, and an
 * empty page to an incremental query. Each run makes a new tourism office, then times: the full import through the
 * real job (TourinsoftImports.start + Jobs.await), an incremental import with nothing changed, and the baseline in the
 * same run: fetching and parsing the same pages and mapping every record, without writing anything.
 * Prints RESULT lines for bench/tourinsoft-import.sh.
 */
public class TourinsoftImportBench {

    static final int PAGE = 500;

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args.length > 0 ? args[0] : "5000");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "3");
        List<byte[]> pages = pages(records);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/Syndication/3.0/bench/feed/Objects", exchange -> {
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            byte[] body;
            if (query.contains("$filter=")) {
                body = "{\"odata.count\":0,\"value\":[]}".getBytes(StandardCharsets.UTF_8);
            } else {
                int skip = query.contains("$skip=") ? Integer.parseInt(query.replaceAll(".*\\$skip=(\\d+).*", "$1")) : 0;
                body = pages.get(skip / PAGE);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.start();
        String feedUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/Syndication/3.0/bench/feed/Objects?$format=json";

        Path work = Files.createTempDirectory("tourinsoft-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + work.resolve("postgres"), "--app.files.dir=" + work.resolve("files"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--app.demo.enabled=false",
                "--logging.level.root=WARN", "--logging.level.eu.localeconomy.membership.sync=INFO",
                "--app.membership.feed-private-addresses=true",
                "--spring.main.banner-mode=off");
        try {
            var tenants = context.getBean(Tenants.class);
            var imports = context.getBean(TourinsoftImports.class);
            var jobs = context.getBean(Jobs.class);
            for (int run = 1; run <= runs; run++) {
                Tenant tenant = tenants.create(new Tenants.NewTenant("bench-ot-" + run, "Office de tourisme " + run,
                        TenantKind.TOURISM_OFFICE, Language.FR, "Europe/Paris", "#0b5a7a",
                        new Tenant.LegalIdentity("Office de tourisme", "1 place de la Mairie", "76790", "Étretat", "FR",
                                null, null), null));
                MappingProfile defaults = MappingProfile.defaults();
                MappingProfile profile = new MappingProfile(feedUrl, defaults.incrementalQuery(), defaults.mappings());
                imports.saveProfile(tenant.id(), profile, Actor.SYSTEM);

                long t = System.nanoTime();
                SyncRun full = awaitRun(imports, jobs, tenant, imports.start(tenant.id(), SyncRun.Mode.FULL, Actor.SYSTEM));
                long fullMs = (System.nanoTime() - t) / 1_000_000;
                if (full.created() != records || full.failed() != 0) {
                    throw new IllegalStateException("full import " + full);
                }
                t = System.nanoTime();
                SyncRun incremental = awaitRun(imports, jobs, tenant,
                        imports.start(tenant.id(), SyncRun.Mode.INCREMENTAL, Actor.SYSTEM));
                long incrementalMs = (System.nanoTime() - t) / 1_000_000;
                if (incremental.mode() != SyncRun.Mode.INCREMENTAL || incremental.processed() != 0) {
                    throw new IllegalStateException("incremental import " + incremental);
                }

                // Baseline: the same pages fetched, parsed and mapped, nothing written.
                t = System.nanoTime();
                TourinsoftFeed feed = TourinsoftFeed.withDefaults(true);
                RecordMapper mapper = RecordMapper.tourinsoft(profile, imports.fields(tenant.id()));
                URI page = URI.create(feedUrl);
                int mapped = 0;
                while (page != null) {
                    TourinsoftFeed.Page read = feed.fetch(page);
                    for (var record : read.records()) {
                        if (mapper.map(record).ok()) {
                            mapped++;
                        }
                    }
                    page = read.next();
                }
                long baselineMs = (System.nanoTime() - t) / 1_000_000;
                if (mapped != records) {
                    throw new IllegalStateException("baseline mapped " + mapped);
                }
                System.out.printf("run %d: full import of %d records in %d ms (%.0f records/s), incremental with nothing "
                                + "changed %d ms; baseline fetch + parse + map %d ms%n", run, full.created(), fullMs,
                        full.created() * 1000.0 / fullMs, incrementalMs, baselineMs);
                System.out.printf("RESULT records=%d full_ms=%d incremental_ms=%d baseline_ms=%d%n", full.created(),
                        fullMs, incrementalMs, baselineMs);
            }
        } finally {
            context.close();
            server.stop(0);
            executor.shutdownNow(); // its threads would keep the JVM alive
        }
    }

    static SyncRun awaitRun(TourinsoftImports imports, Jobs jobs, Tenant tenant, UUID runId) {
        SyncRun run = imports.find(tenant.id(), runId).orElseThrow();
        JobView job = jobs.await(tenant.id(), run.jobId(), Duration.ofMinutes(10));
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new IllegalStateException("import job " + job.status() + " " + job.errorKey());
        }
        return imports.find(tenant.id(), runId).orElseThrow();
    }

    /** Pages of generated hotels, campsites and rentals in the feed's value form. */
    static List<byte[]> pages(int records) {
        String[] types = {"Hôtellerie", "Hôtellerie de plein air", "Meublés", "Restauration"};
        String[] stars = {"1 étoile", "2 étoiles", "3 étoiles", "4 étoiles", "***", "2 épis"};
        List<byte[]> pages = new ArrayList<>();
        for (int from = 0; from < records; from += PAGE) {
            StringBuilder json = new StringBuilder("{\"odata.count\":").append(records).append(",\"value\":[");
            for (int i = from; i < Math.min(records, from + PAGE); i++) {
                if (i > from) {
                    json.append(',');
                }
                json.append("{\"SyndicObjectID\":\"BENCH").append(String.format("%08d", i))
                        .append("\",\"SyndicObjectName\":\"Établissement ").append(i)
                        .append("\",\"Updated\":\"/Date(").append(1767225600000L + i * 60_000L).append("+0100)/\"")
                        .append(",\"GmapLatitude\":\"49.").append(7000 + i % 1000).append("\",\"GmapLongitude\":\"0.")
                        .append(2000 + i % 1000).append("\",\"ObjectTypeName\":\"").append(types[i % types.length])
                        .append("\",\"RaisonSociale\":\"SARL Bench ").append(i)
                        .append("\",\"ClassementsllPrefectoral\":\"").append(stars[i % stars.length])
                        .append("\",\"CapaciteTotale\":\"").append(2 + i % 300)
                        .append("\",\"MoyenDeCom\":\"Téléphone filaire|02 35 ").append(String.format("%02d %02d %02d", i % 100, (i / 100) % 100, i % 89))
                        .append("#Mél|contact").append(i).append("@bench.test#Site web (URL)|https://bench").append(i).append(".test\"")
                        .append(",\"AdresseComplete\":\"").append(i % 200).append(" rue de la Mer|||76790|ÉTRETAT|76254\"}");
            }
            json.append(']');
            if (from + PAGE < records) {
                json.append(",\"odata.nextLink\":\"Objects?$format=json&$skip=").append(from + PAGE).append('"');
            }
            pages.add(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
        }
        return pages;
    }
}
