import eu.localeconomy.LocalEconomyApplication;
import eu.localeconomy.job.JobView;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.savings.programme.Rounding;
import eu.localeconomy.savings.register.RegisterImport;
import eu.localeconomy.savings.register.RegisterImports;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Register import against the embedded PostgreSQL, in one JVM with the whole platform (its job worker included).
 * For each file: a first import into a fresh programme (every household created), then a re-import of the same file
 * (every household unchanged). Baseline in the same run: reading the same file with commons-csv, no database.
 * Times run from the upload (file stored in the database) to the job's end. Prints RESULT lines.
 * Usage: java -cp CLASSPATH bench/RegisterImportBench.java RUNS FILE...
 */
public class RegisterImportBench {

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path data = Files.createTempDirectory("register-bench");
        ConfigurableApplicationContext context = SpringApplication.run(LocalEconomyApplication.class,
                "--server.port=0", "--app.demo.enabled=false", "--app.embedded-db.ephemeral=true",
                "--app.embedded-db.data-dir=" + data.resolve("postgres"),
                "--app.security.data-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            var tenants = context.getBean(Tenants.class);
            var programmes = context.getBean(Programmes.class);
            var imports = context.getBean(RegisterImports.class);
            var jobs = context.getBean(Jobs.class);
            Tenant tenant = tenants.create(new Tenants.NewTenant("bench-" + System.nanoTime() % 100000, "Bench",
                    TenantKind.MUNICIPALITY, Language.NL, "Europe/Brussels", "#0b5a7a",
                    new Tenant.LegalIdentity("Bench", "Street 1", "8300", "Knokke-Heist", "BE", null, null), null));
            for (int i = 1; i < args.length; i++) {
                Path file = Path.of(args[i]);
                byte[] content = Files.readAllBytes(file);
                Register register = file.getFileName().toString().startsWith("second") ? Register.SECOND_HOME : Register.POPULATION;
                for (int run = 1; run <= runs; run++) {
                    long baseline = parseOnly(content);
                    Programme programme = programme(programmes, tenant.id(), run + "-" + i);
                    Outcome first = importOnce(imports, jobs, tenant.id(), programme, register, file, content);
                    Outcome again = importOnce(imports, jobs, tenant.id(), programme, register, file, content);
                    System.out.printf("RESULT file=%s households=%d rows=%d import_ms=%d reimport_ms=%d baseline_parse_ms=%d created=%s unchanged=%s%n",
                            file.getFileName(), first.households(), first.rows(), first.millis(), again.millis(), baseline,
                            first.job().summary().get("created"), again.job().summary().get("unchanged"));
                }
            }
        } finally {
            context.close();
        }
    }

    record Outcome(long millis, long households, long rows, JobView job) {
    }

    private static Outcome importOnce(RegisterImports imports, Jobs jobs, TenantId tenant, Programme programme,
                                      Register register, Path file, byte[] content) throws Exception {
        long start = System.nanoTime();
        UUID id = imports.upload(tenant, new RegisterImports.Upload(programme.id(), register, LocalDate.of(2026, 1, 1),
                file.getFileName().toString(), content), Actor.SYSTEM);
        RegisterImport uploaded = imports.find(tenant, id).orElseThrow();
        UUID job = imports.submit(tenant, id, imports.preview(tenant, uploaded).guessed(), true, Actor.SYSTEM);
        JobView done = jobs.await(tenant, job, Duration.ofMinutes(30));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!done.finished() || done.errorKey() != null) {
            throw new IllegalStateException("import ended " + done.status() + " " + done.errorKey());
        }
        Map<String, Object> s = done.summary();
        long households = ((Number) s.get("created")).longValue() + ((Number) s.get("updated")).longValue()
                + ((Number) s.get("unchanged")).longValue();
        return new Outcome(millis, households, ((Number) s.get("rows")).longValue(), done);
    }

    /** The baseline: decode and parse every record of the same file, touching each value. */
    private static long parseOnly(byte[] content) throws Exception {
        long start = System.nanoTime();
        long chars = 0;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(new String(content, StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.DEFAULT.builder().setDelimiter(';').setTrim(true).get()).get()) {
            for (CSVRecord record : parser) {
                for (String value : record) {
                    chars += value.length();
                }
            }
        }
        if (chars == 0) {
            throw new IllegalStateException("empty file");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Programme programme(Programmes programmes, TenantId tenant, String season) {
        LocalDate today = LocalDate.now();
        return programmes.create(tenant, new Programmes.Draft("bench-" + season, "Bench " + season, Map.of(),
                Rounding.HALF_UP, ResidentIdentifier.NATIONAL_REGISTER_NUMBER, today.minusDays(30), today.plusDays(60),
                today.minusDays(10), today.plusDays(80), today.plusDays(90), today.plusDays(100), today.plusDays(160),
                List.of(new Programmes.CategoryDraft("RESIDENT", Map.of("en", "Resident"), Register.POPULATION, new Rate(1, 3), 150_00),
                        new Programmes.CategoryDraft("SECOND_HOME", Map.of("en", "Second home"), Register.SECOND_HOME, new Rate(1, 4), 200_00))));
    }
}
