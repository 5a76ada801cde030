import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.CustomField;
import eu.localeconomy.directory.CustomFields;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Directory figures, in one JVM on the platform's own services and embedded PostgreSQL: N establishments (a third
 * with two membership seasons, all with an external reference and custom values), made with set-based SQL; each run
 * times Establishments.all (three queries: rows, seasons, references; custom values typed by their definitions) and
 * Segments.members for a nested criterion over it. Baseline, same run: one plain JDBC read of the same rows into
 * maps (the floor of any loading). Prints RESULT lines for bench/directory.sh.
 */
public class DirectoryBench {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args.length > 0 ? args[0] : "5000");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "5");
        Path work = Files.createTempDirectory("directory-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + work.resolve("postgres"), "--app.files.dir=" + work.resolve("files"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--app.demo.enabled=false",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            var tenants = context.getBean(Tenants.class);
            var establishments = context.getBean(Establishments.class);
            var customFields = context.getBean(CustomFields.class);
            var segments = context.getBean(Segments.class);
            var jdbc = context.getBean(JdbcTemplate.class);
            Tenant tenant = tenants.create(new Tenants.NewTenant("bench", "Office de tourisme", TenantKind.TOURISM_OFFICE,
                    Language.FR, "Europe/Paris", "#0b5a7a",
                    new Tenant.LegalIdentity("Office de tourisme", "Place 1", "76790", "Étretat", "FR", null, null), null));
            TenantId id = tenant.id();
            Map<Language, String> labels = Map.of(Language.FR, "Partenaire", Language.NL, "Partner", Language.EN, "Partner");
            customFields.define(id, new CustomField("partner", FieldType.BOOLEAN, labels, List.of(), 0), Actor.SYSTEM);
            customFields.define(id, new CustomField("pages", FieldType.NUMBER, labels, List.of(), 1), Actor.SYSTEM);
            long t = System.nanoTime();
            jdbc.update("""
                    insert into directory_establishment (id, tenant_id, name, type, classification_scheme,
                        classification_value, capacity_rooms, capacity_persons, email, postcode, city, custom,
                        created_at, updated_at)
                    select gen_random_uuid(), ?, 'Établissement ' || n,
                        (array['HOTEL','RENTAL','CAMPSITE','RESTAURANT','ACTIVITY'])[1 + n % 5], 'PREFECTORAL',
                        (1 + n % 5)::text, 5 + n % 60, 10 + n % 120, 'pro' || n || '@bench.test', '76790', 'Étretat',
                        jsonb_build_object('partner', n % 7 = 0, 'pages', n % 4), now(), now()
                    from generate_series(1, ?) n""", id.value(), count);
            jdbc.update("""
                    insert into directory_membership (tenant_id, establishment_id, season, source, recorded_at)
                    select tenant_id, e.id, s, 'IMPORT', now() from directory_establishment e, generate_series(2025, 2026) s
                    where tenant_id = ? and substr(e.email, 4, 1) in ('1', '4', '7')""", id.value());
            jdbc.update("""
                    insert into directory_external_ref (tenant_id, establishment_id, system, external_id, content_hash,
                        last_synced_at)
                    select tenant_id, id, 'TOURINSOFT', 'HOT' || id, md5(id::text), now() from directory_establishment
                    where tenant_id = ?""", id.value());
            System.out.printf("%d establishments made in %d ms%n", count, (System.nanoTime() - t) / 1_000_000);

            Criterion criterion = new Criterion.Group(Criterion.Junction.ANY, List.of(
                    new Criterion.Group(Criterion.Junction.ALL, List.of(
                            new Criterion.Condition("type", Criterion.Operator.EQUALS, List.of("HOTEL")),
                            new Criterion.Condition("classification_value", Criterion.Operator.BETWEEN, List.of("3", "")))),
                    new Criterion.Condition("custom.partner", Criterion.Operator.EQUALS, List.of("true")),
                    new Criterion.Condition("name", Criterion.Operator.CONTAINS, List.of("etablissement 12"))));
            for (int run = -2; run <= runs; run++) {
                t = System.nanoTime();
                List<Establishment> all = establishments.all(id);
                long allMs = (System.nanoTime() - t) / 1_000_000;
                t = System.nanoTime();
                int members = segments.members(id, criterion).size();
                long membersMs = (System.nanoTime() - t) / 1_000_000;
                t = System.nanoTime();
                int floor = jdbc.queryForList("select * from directory_establishment where tenant_id = ?", id.value()).size();
                long floorMs = (System.nanoTime() - t) / 1_000_000;
                if (run > 0) {
                    System.out.printf("RESULT establishments=%d members=%d all_ms=%d members_ms=%d floor_ms=%d rows=%d%n",
                            all.size(), members, allMs, membersMs, floorMs, floor);
                }
            }
        } finally {
            context.close();
        }
    }
}
