import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.invoice.Invoices;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Invoice issue figures, in one JVM on the platform's own services and embedded PostgreSQL, with the demo office
 * (complete invoice settings, transfer payments): orders of three lines at two VAT rates are seeded with SQL for
 * establishments made through the directory's API, then each run issues invoices through the real
 * {@code Invoices.issue} (number from the counter row, PDF drawn with embedded fonts, PDF/A-3 + Factur-X EN 16931 by
 * Mustang, stored), one at a time and from 4 threads. Baseline, same run and same orders: the pro-forma, the same
 * layout drawn by the same code without the number, the Factur-X XML, the PDF/A-3 conversion and the insert.
 * Prints RESULT lines for bench/invoice.sh.
 */
public class InvoiceBench {

    static final int THREADS = 4;

    public static void main(String[] args) throws Exception {
        int perRun = Integer.parseInt(args.length > 0 ? args[0] : "100");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "3");
        int warmUp = 30;
        Path work = Files.createTempDirectory("invoice-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + work.resolve("postgres"), "--app.files.dir=" + work.resolve("files"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--app.demo.enabled=true",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            Tenant tenant = context.getBean(Tenants.class).findTenantBySlug("baie-des-falaises").orElseThrow();
            LocalDate today = LocalDate.now(tenant.zone());
            CampaignId campaign = context.getBean(Catalogue.class).openCampaigns(tenant.id(), today).getFirst().id();
            var establishments = context.getBean(Establishments.class);
            var jdbc = context.getBean(JdbcTemplate.class);
            var invoices = context.getBean(Invoices.class);

            int total = warmUp + runs * perRun * 2;
            long t = System.nanoTime();
            List<UUID> orders = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                EstablishmentId hotel = establishments.create(tenant.id(), new EstablishmentDetails(null, true,
                        "Hôtel du banc d'essai " + i, "SARL Banc d'essai " + i, null, null, EstablishmentType.HOTEL, null, null,
                        null, 20, null, null, null, null, null, List.of(), i + " rue des Mouettes", "14520",
                        "Port-les-Falaises", "FR", null, null, Map.of()), Actor.SYSTEM);
                orders.add(order(jdbc, tenant.id(), campaign, hotel, today));
            }
            System.out.printf("%d orders for %d establishments made in %d ms%n", total, total, (System.nanoTime() - t) / 1_000_000);

            // Warm-up: the JIT, the fonts, Mustang's and veraPDF-free code paths, the connection pool.
            for (UUID order : orders.subList(0, warmUp)) {
                invoices.proForma(tenant.id(), order, Language.FR);
                invoices.issue(tenant.id(), order, Actor.SYSTEM);
            }
            int next = warmUp;
            for (int run = 1; run <= runs; run++) {
                List<UUID> sequential = orders.subList(next, next + perRun);
                List<UUID> parallel = orders.subList(next + perRun, next + 2 * perRun);
                next += 2 * perRun;

                t = System.nanoTime();
                for (UUID order : sequential) {
                    invoices.proForma(tenant.id(), order, Language.FR);
                }
                double proFormaMs = (System.nanoTime() - t) / 1e6;

                t = System.nanoTime();
                long bytes = 0;
                for (UUID order : sequential) {
                    var issued = invoices.issue(tenant.id(), order, Actor.SYSTEM);
                    bytes += invoices.pdf(tenant.id(), issued.id()).orElseThrow().length;
                }
                double issueMs = (System.nanoTime() - t) / 1e6;

                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                t = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (UUID order : parallel) {
                    done.add(pool.submit(() -> invoices.issue(tenant.id(), order, Actor.SYSTEM)));
                }
                for (var f : done) {
                    f.get();
                }
                double parallelMs = (System.nanoTime() - t) / 1e6;
                pool.shutdown();

                System.out.printf("run %d: %d invoices one at a time in %.0f ms (%.1f/s, %d KB each), %d from %d threads in %.0f ms (%.1f/s); %d pro-formas in %.0f ms (%.1f/s)%n",
                        run, perRun, issueMs, perRun * 1000 / issueMs, bytes / perRun / 1024, perRun, THREADS, parallelMs,
                        perRun * 1000 / parallelMs, perRun, proFormaMs, perRun * 1000 / proFormaMs);
                System.out.printf("RESULT issue_per_s=%.1f issue4_per_s=%.1f proforma_per_s=%.1f issue_ms=%.1f proforma_ms=%.1f%n",
                        perRun * 1000 / issueMs, perRun * 1000 / parallelMs, perRun * 1000 / proFormaMs,
                        issueMs / perRun, proFormaMs / perRun);
            }
            Integer numbers = jdbc.queryForObject("select count(distinct number) from membership_invoice where tenant_id = ?",
                    Integer.class, tenant.id().value());
            Long last = jdbc.queryForObject("select max(last_value) from membership_invoice_counter where tenant_id = ? and kind = 'INVOICE'",
                    Long.class, tenant.id().value());
            System.out.printf("%d invoices issued, numbers 1 to %d, %s%n", numbers, last,
                    numbers.longValue() == last ? "no gap" : "GAP");
        } finally {
            context.close();
        }
    }

    /** An order of the demo campaign awaiting payment by transfer: membership and pages at 20 %, guides at 5.5 %. */
    private static UUID order(JdbcTemplate jdbc, TenantId tenant, CampaignId campaign, EstablishmentId hotel, LocalDate today) {
        UUID id = UUID.randomUUID();
        long membership = 26_400, pages = 2 * 25_000, guides = 3 * 1_001;
        long net20 = membership + pages;
        long vat20 = Math.round(net20 * 0.2);
        long vat55 = Math.round(guides * 0.055);
        long net = net20 + guides;
        long vat = vat20 + vat55;
        jdbc.update("""
                        insert into membership_order (id, tenant_id, campaign_id, establishment_id, currency, net_cents,
                            vat_cents, gross_cents, vat_per_rate, payment_method, status, terms_acceptance_id, form_token,
                            language, placed_by, placed_at, due_date)
                        values (?, ?, ?, ?, 'EUR', ?, ?, ?, cast(? as jsonb), 'TRANSFER', 'AWAITING_PAYMENT', ?, ?, 'fr', ?, ?, ?)""",
                id, tenant.value(), campaign.value(), hotel.value(), net, vat, net + vat,
                "[{\"rateBp\": 2000, \"netCents\": " + net20 + ", \"vatCents\": " + vat20 + "}, "
                        + "{\"rateBp\": 550, \"netCents\": " + guides + ", \"vatCents\": " + vat55 + "}]",
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Timestamp.from(Instant.now()), today.plusDays(30));
        line(jdbc, tenant, id, 1, "ADH-HOT", "Adhésion hôtel", 1, 26_400, 2000);
        line(jdbc, tenant, id, 2, "PAGE", "Page brochure", 2, 25_000, 2000);
        line(jdbc, tenant, id, 3, "GUIDE", "Guide papier", 3, 1_001, 550);
        return id;
    }

    private static void line(JdbcTemplate jdbc, TenantId tenant, UUID order, int position, String code, String name,
                             int quantity, long unit, int rate) {
        jdbc.update("""
                        insert into membership_order_line (tenant_id, order_id, position, product_id, code, name, names,
                            type, quantity, unit_price_cents, vat_rate_bp, net_cents)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb), 'OPTIONAL', ?, ?, ?, ?)""",
                tenant.value(), order, position, UUID.randomUUID(), code, name, "{\"fr\": \"" + name + "\"}", quantity,
                unit, rate, quantity * unit);
    }
}
