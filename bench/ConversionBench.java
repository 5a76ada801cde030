import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.JobView;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.conversion.Conversion;
import eu.localeconomy.savings.conversion.Conversions;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Conversion figures, in one JVM on the platform's own services and embedded PostgreSQL: N ACTIVE cards with credit
 * (one in ten at its cap, three categories), made with set-based SQL; each run gives every card its credit again
 * through an EARN transaction (the ledger tables are emptied with TRUNCATE between runs: their append-only triggers
 * guard rows, a bench may start over), then times the real dry run and the real execution (Conversions.execute and
 * its job). Baseline, same run: one plain UPDATE moving the amount between the two balance columns of every card, the
 * floor of any conversion that touches each balance row once.
 * Prints RESULT lines for bench/conversion.sh.
 */
public class ConversionBench {

    public static void main(String[] args) throws Exception {
        int cards = Integer.parseInt(args.length > 0 ? args[0] : "400000");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "3");
        Path work = Files.createTempDirectory("conversion-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + work.resolve("postgres"), "--app.files.dir=" + work.resolve("files"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--app.demo.enabled=false",
                "--logging.level.root=WARN", "--logging.level.eu.localeconomy.savings.conversion=INFO", "--spring.main.banner-mode=off");
        try {
            var tenants = context.getBean(Tenants.class);
            var programmes = context.getBean(Programmes.class);
            var conversions = context.getBean(Conversions.class);
            var jobs = context.getBean(Jobs.class);
            var jdbc = context.getBean(JdbcTemplate.class);

            Tenant tenant = tenants.create(new Tenants.NewTenant("bench", "Gemeente Duinhaven", TenantKind.MUNICIPALITY,
                    Language.NL, "Europe/Brussels", "#0b5a7a",
                    new Tenant.LegalIdentity("Gemeente Duinhaven", "Markt 1", "8300", "Duinhaven", "BE", null, null), null));
            // The conversion day: the earn window closed yesterday (tenant's zone).
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));
            Programme programme = programmes.create(tenant.id(), new Programmes.Draft("bench", "Spaar en geniet",
                    Map.of("nl", Map.of("title", "Spaar en geniet")), Rounding.HALF_UP,
                    ResidentIdentifier.NATIONAL_REGISTER_NUMBER, today.minusDays(120), today.minusDays(40),
                    today.minusDays(100), today.minusDays(1), today, today, today.plusDays(60),
                    List.of(new Programmes.CategoryDraft("RESIDENT", Map.of("nl", "Inwoner"), Register.POPULATION, new Rate(1, 3), 150_00),
                            new Programmes.CategoryDraft("SECOND_HOME", Map.of("nl", "Tweede verblijf"), Register.SECOND_HOME, new Rate(1, 4), 200_00),
                            new Programmes.CategoryDraft("CAMPER", Map.of("nl", "Kampeerder"), Register.POPULATION, new Rate(1, 4), 40_00))));
            long t = System.nanoTime();
            insertCards(jdbc, programmes.categories(tenant.id(), programme.id()), tenant, programme, cards);
            System.out.printf("%d households, cards and balances made in %d ms%n", cards, (System.nanoTime() - t) / 1_000_000);

            for (int run = 1; run <= runs; run++) {
                t = System.nanoTime();
                earn(jdbc, programme);
                long setupMs = (System.nanoTime() - t) / 1_000_000;

                t = System.nanoTime();
                Conversion dryRun = conversions.dryRun(tenant.id(), programme.id(), Actor.SYSTEM);
                long dryRunMs = (System.nanoTime() - t) / 1_000_000;

                t = System.nanoTime();
                Conversion execution = conversions.execute(tenant.id(), programme.id(), dryRun.id(), true, Actor.SYSTEM);
                JobView job = jobs.await(tenant.id(), execution.jobId(), Duration.ofMinutes(10));
                long conversionMs = (System.nanoTime() - t) / 1_000_000;
                if (job.status() != JobStatus.SUCCEEDED) {
                    throw new IllegalStateException("conversion job " + job.status() + " " + job.errorKey());
                }
                Conversions.Report report = conversions.find(tenant.id(), execution.id()).orElseThrow().report();
                if (report.cardsConverted() != cards || !report.balanced()) {
                    throw new IllegalStateException("conversion report " + report);
                }

                // The floor: every balance row rewritten once by one statement, no ledger rows, no locks taken first.
                t = System.nanoTime();
                int updated = jdbc.update("""
                        update savings_card_balance set credit_cents = voucher_cents, voucher_cents = credit_cents
                        where tenant_id = ? and programme_id = ?""", tenant.id().value(), programme.id());
                long floorMs = (System.nanoTime() - t) / 1_000_000;
                if (updated != cards) {
                    throw new IllegalStateException("baseline updated " + updated);
                }
                System.out.printf("run %d: %d cards converted in %d ms (%.0f cards/s), dry run %d ms, %d at the cap, "
                                + "%s converted, balanced %s; baseline plain UPDATE of the balances %d ms; set-up %d ms%n",
                        run, report.cardsConverted(), conversionMs, report.cardsConverted() * 1000.0 / conversionMs,
                        dryRunMs, report.cardsAtCap(), report.convertedCents() / 100, report.balanced(), floorMs, setupMs);
                System.out.printf("RESULT cards=%d conversion_ms=%d dry_run_ms=%d floor_ms=%d%n", report.cardsConverted(),
                        conversionMs, dryRunMs, floorMs);
            }
        } finally {
            context.close();
        }
    }

    /** Households in three categories, one ACTIVE card each, and an empty balance row with the category's cap. */
    static void insertCards(JdbcTemplate jdbc, List<Category> categories, Tenant tenant, Programme programme, int count) {
        UUID tenantId = tenant.id().value();
        jdbc.update("""
                        insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key,
                            display_name, street, house_number, postcode, municipality, reference_date, created_at, updated_at)
                        select gen_random_uuid(), ?, ?, (array[?, ?, ?]::uuid[])[1 + i % 3],
                               case when i % 3 = 1 then 'SECOND_HOME' else 'POPULATION' end, 'HH-' || i, 'Huishouden ' || i,
                               'Straat ' || (i % 400), (1 + i % 150)::text, (8300 + i % 5)::text, 'Duinhaven', current_date,
                               now(), now()
                        from generate_series(1, ?) i""",
                tenantId, programme.id(), categories.get(0).id(), categories.get(1).id(), categories.get(2).id(), count);
        jdbc.update("""
                        insert into savings_card (id, tenant_id, programme_id, household_id, number, status, printed_count,
                            activated_at, created_at)
                        select gen_random_uuid(), tenant_id, programme_id, id, 'B' || lpad(substr(external_key, 4), 10, '0'),
                               'ACTIVE', 1, now(), now()
                        from savings_household where tenant_id = ? and programme_id = ?""", tenantId, programme.id());
        jdbc.update("""
                        insert into savings_card_balance (card_id, tenant_id, programme_id, cap_cents, currency, updated_at)
                        select c.id, c.tenant_id, c.programme_id, k.cap_cents, 'EUR', now()
                        from savings_card c
                        join savings_household h on h.id = c.household_id
                        join savings_category k on k.id = h.category_id
                        where c.tenant_id = ? and c.programme_id = ?""", tenantId, programme.id());
    }

    /**
     * Starts a run over: empties the ledger, gives every card one EARN (one in ten exactly at its cap, the others a
     * spread below it) with its two entries, and sets the balances to match.
     */
    static void earn(JdbcTemplate jdbc, Programme programme) {
        jdbc.execute("truncate savings_ledger_entry, savings_ledger_transaction cascade");
        jdbc.update("""
                        insert into savings_ledger_transaction (id, tenant_id, programme_id, kind, card_id, purchase_cents,
                            amount_cents, idempotency_key, request_hash, currency, business_date, created_at)
                        select gen_random_uuid(), tenant_id, programme_id, 'EARN', card_id, credit * 3, credit,
                               'bench:' || card_id, repeat('0', 64), 'EUR', current_date - 2, now()
                        from (select card_id, tenant_id, programme_id,
                                     case when abs(hashtext(card_id::text)) % 10 = 0 then cap_cents
                                          else 1 + abs(hashtext(card_id::text)) % cap_cents end as credit
                              from savings_card_balance where programme_id = ?) b""", programme.id());
        jdbc.update("""
                        insert into savings_ledger_entry (tenant_id, transaction_id, account, owner_id, amount_cents)
                        select tenant_id, id, 'CARD_CREDIT', card_id, amount_cents from savings_ledger_transaction
                        union all
                        select tenant_id, id, 'PROGRAMME_FUNDING', programme_id, -amount_cents from savings_ledger_transaction""");
        jdbc.update("""
                        update savings_card_balance b set credit_cents = t.amount_cents, voucher_cents = 0
                        from savings_ledger_transaction t where t.card_id = b.card_id and b.programme_id = ?""", programme.id());
        jdbc.execute("vacuum analyze savings_card_balance");
        jdbc.execute("vacuum analyze savings_ledger_transaction");
        jdbc.execute("vacuum analyze savings_ledger_entry");
        jdbc.execute("vacuum analyze savings_card");
        jdbc.execute("checkpoint");
    }
}
