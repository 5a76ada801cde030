package eu.localeconomy.savings;

import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.card.Cards;
import eu.localeconomy.savings.card.IssuanceBatches;
import eu.localeconomy.savings.card.PrintLayout;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.savings.programme.Rounding;
import eu.localeconomy.savings.register.PersonalIdentifiers;
import eu.localeconomy.savings.register.RegisterImportException;
import eu.localeconomy.savings.register.RegisterImports;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Demo data of the savings programme, loaded through the same paths the city's staff use: a programme whose
 * enrolment and earn windows are open on the day of the first start, the population register and second-home tax
 * roll imported from CSV files (invented people), cards numbered and printed by an issuance batch, and the demo
 * citizen enrolled on her household's card. {@link #hints} tells the newcomer what to try.
 */
@Service
public class SavingsDemo {

    /** A resident of the demo register whose card is not yet activated, to try the enrolment site with. */
    static final String TRY_RESIDENT_NRN = "85073003328";
    static final String TRY_SECOND_HOME_TAX_NUMBER = "2026/8300/00417";
    private static final String[] STREETS = {"Zeedijk", "Lippenslaan", "Kustlaan", "Duinenstraat", "Elisabetlaan",
            "Vissersstraat", "Dorpsstraat", "Kerkstraat", "Parklaan", "Meeuwenlaan", "Golvenstraat", "Strandweg"};
    private static final String[] LAST = {"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
            "Goossens", "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Hermans", "Van Damme", "Desmet"};
    private static final String[] FIRST = {"Emma", "Noah", "Louise", "Arthur", "Olivia", "Jules", "Mila", "Lucas",
            "Elise", "Victor", "Hanne", "Wout", "Fien", "Lars", "Margot", "Stijn", "Nora", "Bram"};

    private final Programmes programmes;
    private final RegisterImports imports;
    private final Jobs jobs;
    private final IssuanceBatches issuance;
    private final Cards cards;
    private final PersonalIdentifiers identifiers;
    private final MerchantDemo merchants;
    private final JdbcClient jdbc;
    private final Clock clock;

    SavingsDemo(Programmes programmes, RegisterImports imports, Jobs jobs, IssuanceBatches issuance, Cards cards,
                PersonalIdentifiers identifiers, MerchantDemo merchants, JdbcClient jdbc, Clock clock) {
        this.merchants = merchants;
        this.programmes = programmes;
        this.imports = imports;
        this.jobs = jobs;
        this.issuance = issuance;
        this.cards = cards;
        this.identifiers = identifiers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The demo citizen: her name, national register number and address in the register. */
    public record Citizen(UserId account, String firstName, String lastName, String email) {
    }

    /** The demo accounts of the merchant owner and cashier of Bakkerij Zeewind. */
    public record MerchantStaff(UserId owner, UserId cashier) {
    }

    /** Loads the programme, its registers, cards and merchants; {@code staff} may be null (no merchant logins). */
    public void load(TenantId tenant, ZoneId zone, Citizen citizen, MerchantStaff staff) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Programme programme = programmes.create(tenant, new Programmes.Draft(String.valueOf(today.getYear()),
                "Shop & Dine Duinhaven " + today.getYear(),
                Map.of("nl", Map.of("title", "Shop & Dine Duinhaven", "intro", "Spaar bij elke aankoop bij de Duinhavense handelaars en besteed je tegoed in het laagseizoen."),
                        "fr", Map.of("title", "Shop & Dine Duinhaven", "intro", "Épargnez à chaque achat chez les commerçants de Duinhaven et dépensez votre crédit en basse saison."),
                        "en", Map.of("title", "Shop & Dine Duinhaven", "intro", "Save with every purchase at Duinhaven's shops and spend your credit in the low season."),
                        "de", Map.of("title", "Shop & Dine Duinhaven", "intro", "Sparen Sie bei jedem Einkauf in Duinhaven und geben Sie Ihr Guthaben in der Nebensaison aus.")),
                Rounding.HALF_UP, ResidentIdentifier.NATIONAL_REGISTER_NUMBER, today.minusDays(14), today.plusDays(90),
                today.minusDays(7), today.plusDays(83), today.plusDays(90), today.plusDays(97), today.plusDays(150),
                List.of(new Programmes.CategoryDraft("RESIDENT", Map.of("nl", "Inwonend gezin", "fr", "Ménage résident", "en", "Resident household", "de", "Einwohnerhaushalt"),
                                Register.POPULATION, new Rate(1, 3), 150_00),
                        new Programmes.CategoryDraft("SECOND_HOME", Map.of("nl", "Tweede verblijf", "fr", "Seconde résidence", "en", "Second home", "de", "Zweitwohnung"),
                                Register.SECOND_HOME, new Rate(1, 4), 200_00),
                        new Programmes.CategoryDraft("CAMPER", Map.of("nl", "Kampeerder met vaste standplaats", "fr", "Campeur à emplacement fixe", "en", "Camper with a fixed pitch", "de", "Dauercamper"),
                                Register.POPULATION, new Rate(1, 4), 40_00))));
        LocalDate referenceDate = LocalDate.of(today.getYear(), 1, 1);
        importFile(tenant, programme, Register.POPULATION, referenceDate, "bevolkingsregister.csv", populationCsv(citizen));
        importFile(tenant, programme, Register.SECOND_HOME, referenceDate, "tweede-verblijven.csv", secondHomeCsv());

        UUID batch = issuance.create(tenant, new IssuanceBatches.Request(programme.id(), IssuanceBatches.Selection.ALL,
                null, null, null, PrintLayout.CARRIER), Actor.SYSTEM).orElseThrow();
        awaitBatch(tenant, batch);

        UUID citizenCard = enrol(tenant, programme, citizen);
        merchants.load(tenant, staff == null ? null : new MerchantDemo.Staff(staff.owner(), staff.cashier()), citizenCard);
    }

    /** What to try, read from the data on every start (card numbers are random). Empty without demo programme. */
    public List<String> hints(TenantId tenant, String slug, ZoneId zone, String baseUrl) {
        var programme = programmes.current(tenant, LocalDate.now(clock.withZone(zone)));
        var lines = new ArrayList<String>();
        if (programme.isEmpty()) {
            return lines;
        }
        Programme p = programme.get();
        try {
            lines.add("Savings programme '" + p.name() + "' (enrolment " + p.enrolmentOpensOn() + " to "
                    + p.enrolmentClosesOn() + ", earning " + p.earnFrom() + " to " + p.earnUntil() + "):");
            lines.add("  enrolment site " + baseUrl + "/t/" + slug + "/enrol");
            lines.add("  resident:    card " + cardOfResident(tenant, p, TRY_RESIDENT_NRN)
                    + ", national register number 85.07.30-033.28 (or 'card not received' with postcode 8300)");
            lines.add("  second home: card " + cardOfSecondHome(tenant, p) + ", tax assessment number "
                    + TRY_SECOND_HOME_TAX_NUMBER);
            lines.add("  participating merchants " + baseUrl + "/t/" + slug + "/merchants (apply: /merchants/apply)");
            lines.add("  merchant app: log in as the merchant owner, 'My shop' > devices > register this browser,");
            lines.add("    then 'Counter': scan or type card " + cardOfCitizen(tenant, p)
                    + " (the demo citizen's, already credited) or the resident's card above once enrolled");
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            lines.clear(); // the programme was changed by hand: nothing reliable to suggest
        }
        return lines;
    }

    private void importFile(TenantId tenant, Programme programme, Register register, LocalDate referenceDate,
                            String name, String csv) {
        try {
            UUID id = imports.upload(tenant, new RegisterImports.Upload(programme.id(), register, referenceDate, name,
                    csv.getBytes(StandardCharsets.UTF_8)), Actor.SYSTEM);
            var registerImport = imports.find(tenant, id).orElseThrow();
            var mapping = imports.preview(tenant, registerImport).guessed();
            UUID job = imports.submit(tenant, id, mapping, true, Actor.SYSTEM);
            var done = jobs.await(tenant, job, Duration.ofMinutes(2));
            if (done.status() != JobStatus.SUCCEEDED) {
                throw new IllegalStateException("demo import " + name + " ended " + done.status());
            }
        } catch (RegisterImportException e) {
            throw new IllegalStateException("demo import " + name + " refused: " + e.getMessage(), e);
        }
    }

    private void awaitBatch(TenantId tenant, UUID batch) {
        UUID job = issuance.find(tenant, batch).orElseThrow().jobId();
        jobs.await(tenant, job, Duration.ofMinutes(2));
        var state = issuance.find(tenant, batch).orElseThrow();
        if (state.status() != IssuanceBatches.Status.DONE) {
            throw new IllegalStateException("demo issuance ended " + state.status());
        }
    }

    /** 240 resident households (one of them the demo citizen's) and their adults, with valid national numbers. */
    private static String populationCsv(Citizen citizen) {
        var random = new SplittableRandom(2026);
        var csv = new StringBuilder("huishoudnummer;straat;huisnummer;bus;postcode;gemeente;rijksregisternummer;naam;voornaam;geboortedatum\n");
        // The demo citizen's household, and the household to try the enrolment site with.
        csv.append("HH-0001;Zeedijk;101;;8300;Duinhaven;").append(nrn(LocalDate.of(1979, 4, 12), 122)).append(';')
                .append(citizen.lastName()).append(';').append(citizen.firstName()).append(";1979-04-12\n");
        csv.append("HH-0001;Zeedijk;101;;8300;Duinhaven;").append(nrn(LocalDate.of(1977, 11, 3), 87))
                .append(";Vermeulen;Koen;1977-11-03\n");
        csv.append("HH-0002;Kustlaan;7;2;8300;Duinhaven;").append(TRY_RESIDENT_NRN).append(";Claes;Pieter;1985-07-30\n");
        for (int h = 3; h <= 240; h++) {
            String street = STREETS[random.nextInt(STREETS.length)];
            int number = 1 + random.nextInt(180);
            String box = random.nextInt(4) == 0 ? String.valueOf(1 + random.nextInt(12)) : "";
            String last = LAST[random.nextInt(LAST.length)];
            int adults = 1 + random.nextInt(3);
            for (int a = 0; a < adults; a++) {
                LocalDate born = LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28));
                csv.append("HH-%04d;%s;%d;%s;8300;Duinhaven;%s;%s;%s;%s%n".formatted(h, street, number, box,
                        nrn(born, 1 + random.nextInt(997)), last, FIRST[random.nextInt(FIRST.length)], born));
            }
        }
        return csv.toString();
    }

    /** 40 second homes, their owners living elsewhere in Belgium, in France, the Netherlands or Germany. */
    private static String secondHomeCsv() {
        var random = new SplittableRandom(8300);
        String[][] elsewhere = {{"Avenue Louise 120", "1050", "Bruxelles", "BE"}, {"Keizersgracht 12", "1015 CN", "Amsterdam", "NL"},
                {"12 rue de Rivoli", "75001", "Paris", "FR"}, {"Königsallee 5", "40212", "Düsseldorf", "DE"},
                {"Meir 40", "2000", "Antwerpen", "BE"}};
        var csv = new StringBuilder("aanslagnummer;belaste straat;huisnummer;bus;postcode;gemeente;naam eigenaar;adres eigenaar;postcode eigenaar;woonplaats eigenaar;land eigenaar\n");
        csv.append(TRY_SECOND_HOME_TAX_NUMBER).append(";Zeedijk;250;5;8300;Duinhaven;Jean Dupont;12 rue de Rivoli;75001;Paris;FR\n");
        for (int i = 1; i < 40; i++) {
            String[] home = elsewhere[random.nextInt(elsewhere.length)];
            csv.append("2026/8300/%05d;%s;%d;%d;8300;Duinhaven;%s %s;%s;%s;%s;%s%n".formatted(1000 + i,
                    STREETS[random.nextInt(STREETS.length)], 1 + random.nextInt(300), 1 + random.nextInt(20),
                    FIRST[random.nextInt(FIRST.length)], LAST[random.nextInt(LAST.length)], home[0], home[1], home[2], home[3]));
        }
        return csv.toString();
    }

    /** A national register number with valid check digits for a birth date and day counter. */
    static String nrn(LocalDate born, int counter) {
        return eu.localeconomy.identifier.NationalRegisterNumber.of(born, counter).value();
    }

    /** Enrols the demo citizen on her household's card, as the enrolment site would have. */
    private UUID enrol(TenantId tenant, Programme programme, Citizen citizen) {
        var member = jdbc.sql("""
                        select m.id as member_id, c.id as card_id, c.number from savings_household_member m
                        join savings_card c on c.household_id = m.household_id and c.tenant_id = m.tenant_id
                        where m.tenant_id = ? and m.programme_id = ? and m.nrn_hash = ?""")
                .params(tenant.value(), programme.id(),
                        identifiers.hash(eu.localeconomy.identifier.NationalRegisterNumber.parse(nrn(LocalDate.of(1979, 4, 12), 122))))
                .query((rs, row) -> new Object[]{rs.getObject("member_id", UUID.class), rs.getObject("card_id", UUID.class), rs.getString("number")})
                .single();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into savings_enrolment (id, tenant_id, programme_id, card_id, member_id, user_id, email, language,
                            status, privacy_notice_version, consented_at, email_verified_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'nl', 'ACTIVE', ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), tenant.value(), programme.id(), member[1], member[0], citizen.account().value(),
                        citizen.email(), programme.privacyNoticeVersion(), now, now, now, now)
                .update();
        jdbc.sql("update savings_card set status = 'ACTIVE', activated_at = ? where tenant_id = ? and id = ?")
                .params(now, tenant.value(), member[1]).update();
        return (UUID) member[1];
    }

    private String cardOfResident(TenantId tenant, Programme programme, String nrn) {
        return jdbc.sql("""
                        select c.number from savings_household_member m join savings_card c on c.household_id = m.household_id
                        where m.tenant_id = ? and m.programme_id = ? and m.nrn_hash = ?""")
                .params(tenant.value(), programme.id(),
                        identifiers.hash(eu.localeconomy.identifier.NationalRegisterNumber.parse(nrn)))
                .query((rs, row) -> new eu.localeconomy.savings.card.CardNumber(rs.getString(1)).formatted()).single();
    }

    private String cardOfCitizen(TenantId tenant, Programme programme) {
        return jdbc.sql("""
                        select c.number from savings_enrolment e join savings_card c on c.id = e.card_id
                        where e.tenant_id = ? and e.programme_id = ? and e.status = 'ACTIVE' order by e.created_at limit 1""")
                .params(tenant.value(), programme.id())
                .query((rs, row) -> new eu.localeconomy.savings.card.CardNumber(rs.getString(1)).formatted()).single();
    }

    private String cardOfSecondHome(TenantId tenant, Programme programme) {
        return jdbc.sql("""
                        select c.number from savings_household h join savings_card c on c.household_id = h.id
                        where h.tenant_id = ? and h.programme_id = ? and h.tax_number_hash = ?""")
                .params(tenant.value(), programme.id(), identifiers.taxNumberHash(TRY_SECOND_HOME_TAX_NUMBER))
                .query((rs, row) -> new eu.localeconomy.savings.card.CardNumber(rs.getString(1)).formatted()).single();
    }
}
