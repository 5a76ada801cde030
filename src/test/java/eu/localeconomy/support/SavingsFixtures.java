package eu.localeconomy.support;

import eu.localeconomy.identifier.NationalRegisterNumber;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.savings.programme.Rounding;
import eu.localeconomy.savings.register.PersonalIdentifiers;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Savings programme data for tests: a programme whose enrolment and earn windows are open today, with the three
 * reference categories, and households with cards written straight into the tables (as an import and an
 * issuance would leave them).
 */
@Component
public class SavingsFixtures {

    private final Programmes programmes;
    private final PersonalIdentifiers identifiers;
    private final JdbcClient jdbc;
    private final Clock clock;

    SavingsFixtures(Programmes programmes, PersonalIdentifiers identifiers, JdbcClient jdbc, Clock clock) {
        this.programmes = programmes;
        this.identifiers = identifiers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Resident: 1/3, cap €150; second home: 25 %, cap €200; camper: 25 %, cap €40. Enrolment and earning open. */
    public Programme openProgramme(Tenant tenant) {
        return openProgramme(tenant, ResidentIdentifier.NATIONAL_REGISTER_NUMBER);
    }

    public Programme openProgramme(Tenant tenant, ResidentIdentifier residentIdentifier) {
        LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));
        return programme(tenant, residentIdentifier, today.minusDays(30), today.plusDays(60), today.minusDays(10),
                today.plusDays(80), today.plusDays(90), today.plusDays(100), today.plusDays(160));
    }

    /**
     * The same programme further in its season: enrolment and earning are over, the credit was converted yesterday
     * and vouchers can be spent today.
     */
    public Programme spendingProgramme(Tenant tenant) {
        LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));
        return programme(tenant, ResidentIdentifier.NATIONAL_REGISTER_NUMBER, today.minusDays(150), today.minusDays(60),
                today.minusDays(120), today.minusDays(5), today.minusDays(1), today, today.plusDays(60));
    }

    private Programme programme(Tenant tenant, ResidentIdentifier residentIdentifier, LocalDate enrolmentOpensOn,
                                LocalDate enrolmentClosesOn, LocalDate earnFrom, LocalDate earnUntil,
                                LocalDate conversionOn, LocalDate spendFrom, LocalDate spendUntil) {
        LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));
        return programmes.create(tenant.id(), new Programmes.Draft(String.valueOf(today.getYear()) + "-" + UUID.randomUUID().toString().substring(0, 4),
                "Shop & dine " + today.getYear(),
                Map.of("nl", Map.of("title", "Spaar en geniet", "intro", "Spaar bij elke aankoop."),
                        "fr", Map.of("title", "Épargnez et profitez", "intro", "Épargnez à chaque achat."),
                        "en", Map.of("title", "Save and enjoy", "intro", "Save with every purchase.")),
                Rounding.HALF_UP, residentIdentifier, enrolmentOpensOn, enrolmentClosesOn, earnFrom, earnUntil,
                conversionOn, spendFrom, spendUntil,
                List.of(new Programmes.CategoryDraft("RESIDENT", Map.of("nl", "Inwoner", "fr", "Résident", "en", "Resident", "de", "Einwohner"),
                                Register.POPULATION, new Rate(1, 3), 150_00),
                        new Programmes.CategoryDraft("SECOND_HOME", Map.of("nl", "Tweede verblijf", "fr", "Seconde résidence", "en", "Second home", "de", "Zweitwohnung"),
                                Register.SECOND_HOME, new Rate(1, 4), 200_00),
                        new Programmes.CategoryDraft("CAMPER", Map.of("nl", "Kampeerder", "fr", "Campeur", "en", "Camper", "de", "Camper"),
                                Register.POPULATION, new Rate(1, 4), 40_00))));
    }

    public record Adult(String firstName, String lastName, String nrn, LocalDate birthDate) {
    }

    public record CardOfHousehold(UUID householdId, UUID cardId, CardNumber number) {
    }

    /** A resident household at an address, with its adults and an issued card. */
    public CardOfHousehold residentHousehold(Tenant tenant, Programme programme, String street, String number,
                                             String postcode, List<Adult> adults) {
        Category resident = category(tenant.id(), programme, "RESIDENT");
        UUID household = insertHousehold(tenant.id(), programme, resident, Register.POPULATION,
                "HH-" + UUID.randomUUID(), adults.getFirst().firstName() + " " + adults.getFirst().lastName(),
                street, number, postcode, null, null);
        for (Adult adult : adults) {
            var nrn = NationalRegisterNumber.parse(adult.nrn());
            jdbc.sql("""
                            insert into savings_household_member (id, tenant_id, household_id, programme_id, nrn_hash, nrn_last2,
                                first_name, last_name, birth_date, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), tenant.id().value(), household, programme.id(), identifiers.hash(nrn),
                            nrn.lastTwoDigits(), adult.firstName(), adult.lastName(), adult.birthDate(),
                            Timestamp.from(clock.instant()))
                    .update();
        }
        return card(tenant.id(), programme, household);
    }

    /** A second home taxed at an address in the municipality, its owner living elsewhere, with an issued card. */
    public CardOfHousehold secondHome(Tenant tenant, Programme programme, String ownerName, String taxNumber,
                                      String street, String number, String postcode) {
        Category secondHome = category(tenant.id(), programme, "SECOND_HOME");
        String normalised = PersonalIdentifiers.normaliseTaxNumber(taxNumber);
        UUID household = insertHousehold(tenant.id(), programme, secondHome, Register.SECOND_HOME,
                identifiers.taxNumberHash(taxNumber), ownerName, street, number, postcode,
                identifiers.taxNumberHash(taxNumber), PersonalIdentifiers.lastTwo(normalised));
        jdbc.sql("""
                        insert into savings_household_member (id, tenant_id, household_id, programme_id, last_name, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), tenant.id().value(), household, programme.id(), ownerName,
                        Timestamp.from(clock.instant()))
                .update();
        return card(tenant.id(), programme, household);
    }

    private Category category(TenantId tenant, Programme programme, String code) {
        return programmes.categories(tenant, programme.id()).stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    private UUID insertHousehold(TenantId tenant, Programme programme, Category category, Register register,
                                 String externalKey, String name, String street, String number, String postcode,
                                 String taxHash, String taxLast2) {
        UUID id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key,
                            display_name, street, house_number, postcode, municipality, tax_number_hash, tax_number_last2,
                            reference_date, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Duinhaven', ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), programme.id(), category.id(), register.name(), externalKey, name, street,
                        number, postcode, taxHash, taxLast2, programme.enrolmentOpensOn().minusDays(60), now, now)
                .update();
        return id;
    }

    private CardOfHousehold card(TenantId tenant, Programme programme, UUID household) {
        UUID id = UUID.randomUUID();
        CardNumber number = CardNumber.random();
        jdbc.sql("""
                        insert into savings_card (id, tenant_id, programme_id, household_id, number, status, printed_count,
                            last_printed_at, created_at)
                        values (?, ?, ?, ?, ?, 'ISSUED', 1, ?, ?)""")
                .params(id, tenant.value(), programme.id(), household, number.value(), Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()))
                .update();
        return new CardOfHousehold(household, id, number);
    }

    /** Sets the programme's counter limits (null: none). */
    public void limits(Programme programme, Long maxPurchaseCents, Long maxDailyPurchaseCents, int reversalWindowMinutes) {
        jdbc.sql("""
                        update savings_programme set max_purchase_cents = ?, max_daily_purchase_cents = ?,
                            reversal_window_minutes = ? where id = ?""")
                .params(maxPurchaseCents, maxDailyPurchaseCents, reversalWindowMinutes, programme.id()).update();
    }

    /** Moves the programme on in its season: earning is over, the conversion was yesterday, spending opens today. */
    public void moveToSpendWindow(Programme programme, LocalDate today) {
        jdbc.sql("""
                        update savings_programme set enrolment_opens_on = ?, enrolment_closes_on = ?, earn_from = ?,
                            earn_until = ?, conversion_on = ?, spend_from = ?, spend_until = ? where id = ?""")
                .params(today.minusDays(150), today.minusDays(60), today.minusDays(120), today.minusDays(5),
                        today.minusDays(1), today, today.plusDays(60), programme.id())
                .update();
    }

    /**
     * Converts one card's credit into a voucher with the ledger's posting conventions (the conversion job's work for
     * one card, in one statement, for tests that need a voucher without running the job).
     */
    public long convert(UUID cardId, LocalDate businessDate) {
        return jdbc.sql("""
                        with t as (
                            insert into savings_ledger_transaction (id, tenant_id, programme_id, kind, card_id, amount_cents,
                                idempotency_key, request_hash, currency, business_date, created_at)
                            select gen_random_uuid(), b.tenant_id, b.programme_id, 'CONVERSION', b.card_id, b.credit_cents,
                                'conversion:' || b.card_id, repeat('0', 64), b.currency, ?, ?
                            from savings_card_balance b where b.card_id = ? and b.credit_cents > 0
                            returning id, tenant_id, card_id, amount_cents),
                        e as (
                            insert into savings_ledger_entry (tenant_id, transaction_id, account, owner_id, amount_cents)
                            select tenant_id, id, 'CARD_CREDIT', card_id, -amount_cents from t
                            union all select tenant_id, id, 'CARD_VOUCHER', card_id, amount_cents from t)
                        update savings_card_balance b set credit_cents = b.credit_cents - t.amount_cents,
                            voucher_cents = b.voucher_cents + t.amount_cents
                        from t where b.card_id = t.card_id returning t.amount_cents""")
                .params(businessDate, Timestamp.from(clock.instant()), cardId).query(Long.class).optional().orElse(0L);
    }
}
