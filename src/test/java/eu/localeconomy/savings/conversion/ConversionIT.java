package eu.localeconomy.savings.conversion;

import eu.localeconomy.account.Role;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.ledger.LedgerReconciliation;
import eu.localeconomy.savings.portal.CardBalances;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.savings.programme.Rounding;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The conversion of credit into vouchers: dry-run figures per category, an execution that converts every ACTIVE card
 * with credit exactly once (also when run again or resumed after a crash), refused before the conversion date, and
 * the ledger's invariants afterwards.
 */
@IntegrationTest
class ConversionIT {

    @Autowired TestTenants fixtures;
    @Autowired SavingsFixtures savings;
    @Autowired Programmes programmes;
    @Autowired Conversions conversions;
    @Autowired ConversionStore store;
    @Autowired ConversionJob job;
    @Autowired Jobs jobs;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired MockMvc mvc;
    @Autowired LedgerReconciliation reconciliation;
    @Autowired CardBalances cardBalances;

    /** Resident 50.00; resident at its cap 150.00; second home 20.00; camper 5.00; resident without credit; blocked resident 10.00. */
    private record Fixture(Tenant tenant, TestTenants.Person admin, Programme programme, UUID resident, UUID residentAtCap,
                           UUID secondHome, UUID camper, UUID noCredit, UUID blocked) {
    }

    private Fixture fixture(boolean conversionDay) {
        Tenant tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        Programme programme = conversionDay ? conversionDayProgramme(tenant) : savings.openProgramme(tenant);
        UUID resident = activeCard(tenant, programme, "RESIDENT", 50_00);
        UUID atCap = activeCard(tenant, programme, "RESIDENT", 150_00);
        UUID second = activeCard(tenant, programme, "SECOND_HOME", 20_00);
        UUID camper = activeCard(tenant, programme, "CAMPER", 5_00);
        UUID none = activeCard(tenant, programme, "RESIDENT", 0);
        UUID blocked = activeCard(tenant, programme, "RESIDENT", 10_00);
        jdbc.sql("update savings_card set status = 'BLOCKED' where id = ?").param(blocked).update();
        return new Fixture(tenant, admin, programme, resident, atCap, second, camper, none, blocked);
    }

    @Test
    void aDryRunCountsPerCategoryWithoutChangingAnything() {
        Fixture f = fixture(true);
        long entriesBefore = entries(f.tenant().id());

        Conversion dryRun = conversions.dryRun(f.tenant().id(), f.programme().id(), f.admin().principal());

        Conversions.DryRun figures = dryRun.dryRun();
        assertThat(dryRun.status()).isEqualTo(Conversion.Status.DRY_RUN);
        assertThat(figures.categories()).extracting(Conversions.CategoryFigures::code,
                        Conversions.CategoryFigures::cardsWithCredit, Conversions.CategoryFigures::creditCents,
                        Conversions.CategoryFigures::cardsAtCap, Conversions.CategoryFigures::toVoucherCents)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RESIDENT", 2L, 200_00L, 1L, 200_00L),
                        org.assertj.core.groups.Tuple.tuple("SECOND_HOME", 1L, 20_00L, 0L, 20_00L),
                        org.assertj.core.groups.Tuple.tuple("CAMPER", 1L, 5_00L, 0L, 5_00L));
        assertThat(figures.cardsWithCredit()).isEqualTo(4);
        assertThat(figures.creditCents()).isEqualTo(225_00);
        assertThat(figures.cardsAtCap()).isEqualTo(1);
        assertThat(figures.toVoucherCents()).isEqualTo(225_00);
        assertThat(figures.existingVoucherCents()).isZero();
        assertThat(figures.liabilityCents()).isEqualTo(225_00);
        assertThat(figures.inactiveCardsWithCredit()).isEqualTo(1);
        assertThat(figures.inactiveCreditCents()).isEqualTo(10_00);
        assertThat(figures.currency()).isEqualTo("EUR");
        assertThat(entries(f.tenant().id())).as("read-only").isEqualTo(entriesBefore);
        assertThat(credit(f.resident())).isEqualTo(50_00);
        assertThat(audited(f.tenant().id(), "savings.conversion.dryRun")).isEqualTo(1);
    }

    @Test
    void theExecutionConvertsEveryActiveCardOnceAndRunningItAgainChangesNothing() {
        Fixture f = fixture(true);
        TenantId tenant = f.tenant().id();
        Conversion dryRun = conversions.dryRun(tenant, f.programme().id(), f.admin().principal());

        Conversion execution = conversions.execute(tenant, f.programme().id(), dryRun.id(), true, f.admin().principal());
        assertThat(jobs.await(tenant, execution.jobId(), Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.SUCCEEDED);

        Conversion done = conversions.find(tenant, execution.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Conversion.Status.DONE);
        Conversions.Report report = done.report();
        assertThat(report.creditBeforeCents()).isEqualTo(225_00);
        assertThat(report.convertedCents()).isEqualTo(225_00);
        assertThat(report.cardsConverted()).isEqualTo(4);
        assertThat(report.cardsAtCap()).isEqualTo(1);
        assertThat(report.voucherBeforeCents()).isZero();
        assertThat(report.voucherAfterCents()).isEqualTo(225_00);
        assertThat(report.creditLeftCents()).isZero();
        assertThat(report.balanced()).isTrue();
        assertThat(credit(f.resident())).isZero();
        assertThat(voucher(f.resident())).isEqualTo(50_00);
        assertThat(voucher(f.residentAtCap())).isEqualTo(150_00);
        assertThat(voucher(f.secondHome())).isEqualTo(20_00);
        assertThat(voucher(f.camper())).isEqualTo(5_00);
        assertThat(voucher(f.noCredit())).isZero();
        assertThat(credit(f.blocked())).as("blocked cards keep their credit").isEqualTo(10_00);
        assertThat(voucher(f.blocked())).isZero();
        assertThat(conversionTransactions(tenant)).isEqualTo(4);
        assertInvariants(tenant);
        var reconciled = reconciliation.reconcile(tenant, f.programme().id());
        assertThat(reconciled.violations()).isEmpty();
        assertThat(reconciled.totals().converted()).isEqualTo(Money.euros(225_00));
        assertThat(reconciled.totals().outstandingVouchers()).isEqualTo(Money.euros(225_00));
        assertThat(reconciled.totals().outstandingCredit()).as("the blocked card's").isEqualTo(Money.euros(10_00));
        // The citizen sees the voucher in the portal, and the conversion in the card's history.
        CardBalances.CardBalance seen = cardBalances.of(tenant, f.resident()).orElseThrow();
        assertThat(seen.voucher()).contains(Money.euros(50_00));
        assertThat(seen.credit()).isEqualTo(Money.euros(0));
        assertThat(seen.history()).extracting(CardBalances.Movement::kind).first().isEqualTo("CONVERSION");
        assertThat(seen.history().getFirst().amount()).isEqualTo(Money.euros(50_00));
        assertThat(cardBalances.of(tenant, f.blocked()).orElseThrow().voucher()).as("not converted").isEmpty();
        assertThat(audited(tenant, "savings.conversion.started")).isEqualTo(1);
        assertThat(audited(tenant, "savings.conversion.finished")).isEqualTo(1);

        // Again, from a new dry run: the existing vouchers are now the liability, and nothing is converted twice.
        Conversion second = conversions.dryRun(tenant, f.programme().id(), f.admin().principal());
        assertThat(second.dryRun().cardsWithCredit()).isZero();
        assertThat(second.dryRun().existingVoucherCents()).isEqualTo(225_00);
        assertThat(second.dryRun().liabilityCents()).isEqualTo(225_00);
        Conversion again = conversions.execute(tenant, f.programme().id(), second.id(), true, f.admin().principal());
        assertThat(jobs.await(tenant, again.jobId(), Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.SUCCEEDED);
        Conversions.Report nothing = conversions.find(tenant, again.id()).orElseThrow().report();
        assertThat(nothing.cardsConverted()).isZero();
        assertThat(nothing.voucherAfterCents()).isEqualTo(225_00);
        assertThat(nothing.balanced()).isTrue();
        assertThat(conversionTransactions(tenant)).isEqualTo(4);

        // Even a run that lost its resume position cannot convert a card twice: the idempotency key stops it.
        jdbc.sql("update savings_card_balance set credit_cents = 1 where card_id = ?").param(f.resident()).update();
        var replay = new Run(tenant, again.id(), Map.of(ConversionJob.CONVERSION, again.id().toString()), -1);
        jdbc.sql("update savings_conversion set status = 'RUNNING', last_card_id = null where id = ?").param(again.id()).update();
        job.run(replay);
        assertThat(conversionTransactions(tenant)).isEqualTo(4);
        assertThat(voucher(f.resident())).isEqualTo(50_00);
        jdbc.sql("update savings_card_balance set credit_cents = 0 where card_id = ?").param(f.resident()).update();
    }

    /**
     * The node dies while recording the progress of the second chunk. One chunk at a time: chunks 1 and 2 committed,
     * the resume position covers chunk 1. Two at a time: chunk 3 was running too and commits. Either way the resumed
     * run converts the rest, finds the committed cards converted, and counts every card once.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void anExecutionInterruptedAfterAChunkResumesFromTheLastCommittedOne(int parallel) {
        Tenant tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        Programme programme = conversionDayProgramme(tenant);
        List<UUID> cards = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            cards.add(activeCard(tenant, programme, i % 2 == 0 ? "RESIDENT" : "SECOND_HOME", 10_00 + i));
        }
        Conversion dryRun = conversions.dryRun(tenant.id(), programme.id(), admin.principal());
        // Started without a job: this test plays the worker itself, with chunks of 2 cards.
        UUID id = store.insertExecution(tenant.id(), programme.id(), dryRun, admin.principal().actorId(), clock.instant());
        Map<String, String> parameters = Map.of(ConversionJob.CONVERSION, id.toString(), ConversionJob.CHUNK, "2",
                ConversionJob.PARALLEL, String.valueOf(parallel));

        var dying = new Run(tenant.id(), id, parameters, 4);
        assertThatThrownBy(() -> job.run(dying)).isInstanceOf(NodeDied.class);
        assertThat(dying.committedCheckpoint).isEqualTo(2);
        assertThat(conversionTransactions(tenant.id())).isEqualTo(parallel == 1 ? 4 : 6);
        assertThat(conversions.find(tenant.id(), id).orElseThrow().status()).isEqualTo(Conversion.Status.RUNNING);

        var resumed = new Run(tenant.id(), id, parameters, -1);
        job.run(resumed);

        assertThat(conversionTransactions(tenant.id())).isEqualTo(7);
        Conversion done = conversions.find(tenant.id(), id).orElseThrow();
        assertThat(done.status()).isEqualTo(Conversion.Status.DONE);
        assertThat(done.report().cardsConverted()).isEqualTo(7);
        assertThat(done.report().convertedCents()).isEqualTo(7 * 10_00 + 21);
        assertThat(done.report().creditBeforeCents()).as("figures of the first attempt").isEqualTo(7 * 10_00 + 21);
        assertThat(done.report().balanced()).isTrue();
        assertThat(resumed.done).isEqualTo(7);
        assertThat(resumed.total).isEqualTo(7);
        assertThat(resumed.summary).containsEntry("cards", 7L).containsEntry("balanced", true);
        for (int i = 0; i < 7; i++) {
            assertThat(voucher(cards.get(i))).isEqualTo(10_00 + i);
            assertThat(credit(cards.get(i))).isZero();
        }
        assertInvariants(tenant.id());
        assertThat(reconciliation.reconcile(tenant.id(), programme.id()).violations()).isEmpty();
    }

    @Test
    void theExecutionIsRefusedBeforeTheConversionDateAndWithoutConfirmation() {
        Fixture f = fixture(false);
        TenantId tenant = f.tenant().id();
        Conversion dryRun = conversions.dryRun(tenant, f.programme().id(), f.admin().principal());

        assertThatThrownBy(() -> conversions.execute(tenant, f.programme().id(), dryRun.id(), true, f.admin().principal()))
                .isInstanceOfSatisfying(ConversionRefusedException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("conversion.refused.tooEarly");
                    assertThat(e.arguments()).containsExactly(f.programme().conversionOn());
                });
        assertThat(conversionTransactions(tenant)).isZero();

        Fixture open = fixture(true);
        assertThatThrownBy(() -> conversions.execute(open.tenant().id(), open.programme().id(), null, true, open.admin().principal()))
                .isInstanceOfSatisfying(ConversionRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("conversion.refused.noDryRun"));
        Conversion openDryRun = conversions.dryRun(open.tenant().id(), open.programme().id(), open.admin().principal());
        assertThatThrownBy(() -> conversions.execute(open.tenant().id(), open.programme().id(), openDryRun.id(), false,
                open.admin().principal()))
                .isInstanceOfSatisfying(ConversionRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("conversion.refused.notConfirmed"));
        assertThat(conversionTransactions(open.tenant().id())).isZero();
    }

    @Test
    void theOfficePageRunsADryRunAndSaysWhyTheExecutionMustWait() throws Exception {
        Fixture f = fixture(false);
        String base = "/t/" + f.tenant().slug() + "/office/programmes/" + f.programme().id() + "/conversion";
        var admin = authentication(f.admin().authentication());

        mvc.perform(post(base + "/dry-run").with(admin).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "conversion.dryRun.done"));
        UUID dryRun = conversions.recent(f.tenant().id(), f.programme().id(), 1).getFirst().id();
        mvc.perform(get(base).with(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Cards at the cap")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("€225.00")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "The conversion can start on " + f.programme().conversionOn())));
        mvc.perform(post(base + "/execute").param("dryRun", dryRun.toString()).param("confirm", "yes").with(admin).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("refusal", "conversion.refused.tooEarly"))
                .andExpect(flash().attribute("refusalArgument", f.programme().conversionOn()));

        var helpdesk = authentication(fixtures.person(f.tenant(), Role.HELPDESK).authentication());
        mvc.perform(get(base).with(helpdesk)).andExpect(status().isForbidden());
        mvc.perform(get("/t/" + f.tenant().slug() + "/office/programmes/" + f.programme().id()).with(admin))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(base)));
    }

    @Test
    void theReportIsDownloadableAsCsv() throws Exception {
        Fixture f = fixture(true);
        TenantId tenant = f.tenant().id();
        Conversion dryRun = conversions.dryRun(tenant, f.programme().id(), f.admin().principal());
        Conversion execution = conversions.execute(tenant, f.programme().id(), dryRun.id(), true, f.admin().principal());
        jobs.await(tenant, execution.jobId(), Duration.ofSeconds(30));
        String base = "/t/" + f.tenant().slug() + "/office/programmes/" + f.programme().id() + "/conversion";
        var admin = authentication(f.admin().authentication());

        mvc.perform(get(base).with(admin)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Reconciliation report")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Balanced")));
        mvc.perform(get(base + "/" + execution.id() + "/report.csv").with(admin))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("credit_converted,225.00")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("cards_at_cap,1")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "vouchers_after_equal_vouchers_before_plus_converted,true")));
    }

    // --- fixtures ---

    /** Earn window closed yesterday, conversion date today (tenant zone). */
    private Programme conversionDayProgramme(Tenant tenant) {
        LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));
        return programmes.create(tenant.id(), new Programmes.Draft("conv-" + UUID.randomUUID().toString().substring(0, 8),
                "Conversion day", Map.of("en", Map.of("title", "Save")), Rounding.HALF_UP,
                ResidentIdentifier.NATIONAL_REGISTER_NUMBER, today.minusDays(120), today.minusDays(40), today.minusDays(100),
                today.minusDays(1), today, today, today.plusDays(60),
                List.of(new Programmes.CategoryDraft("RESIDENT", Map.of("en", "Resident"), Register.POPULATION, new Rate(1, 3), 150_00),
                        new Programmes.CategoryDraft("SECOND_HOME", Map.of("en", "Second home"), Register.SECOND_HOME, new Rate(1, 4), 200_00),
                        new Programmes.CategoryDraft("CAMPER", Map.of("en", "Camper"), Register.POPULATION, new Rate(1, 4), 40_00))));
    }

    /** An ACTIVE card of a category with its credit earned through one balanced EARN transaction. */
    private UUID activeCard(Tenant tenant, Programme programme, String categoryCode, long creditCents) {
        var category = programmes.categories(tenant.id(), programme.id()).stream()
                .filter(c -> c.code().equals(categoryCode)).findFirst().orElseThrow();
        var card = categoryCode.equals("SECOND_HOME")
                ? savings.secondHome(tenant, programme, "Owner", "TAX-" + UUID.randomUUID().toString().substring(0, 8),
                "Zeedijk", "1", "8300")
                : savings.residentHousehold(tenant, programme, "Markt", "1", "8300",
                List.of(new SavingsFixtures.Adult("An", "Peeters", nrn(), LocalDate.of(1980, 1, 1))));
        jdbc.sql("update savings_household set category_id = ? where id = ?").params(category.id(), card.householdId()).update();
        jdbc.sql("update savings_card set status = 'ACTIVE' where id = ?").param(card.cardId()).update();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into savings_card_balance (card_id, tenant_id, programme_id, cap_cents, credit_cents, currency, updated_at)
                        values (?, ?, ?, ?, ?, 'EUR', ?)""")
                .params(card.cardId(), tenant.id().value(), programme.id(), category.capCents(), creditCents, now).update();
        if (creditCents > 0) {
            UUID tx = UUID.randomUUID();
            jdbc.sql("""
                            insert into savings_ledger_transaction (id, tenant_id, programme_id, kind, card_id, purchase_cents,
                                amount_cents, idempotency_key, request_hash, currency, business_date, created_at)
                            values (?, ?, ?, 'EARN', ?, ?, ?, ?, repeat('0', 64), 'EUR', ?, ?)""")
                    .params(tx, tenant.id().value(), programme.id(), card.cardId(), creditCents * 3, creditCents,
                            "test:" + tx, programme.earnUntil(), now).update();
            jdbc.sql("""
                            insert into savings_ledger_entry (tenant_id, transaction_id, account, owner_id, amount_cents)
                            values (?, ?, 'CARD_CREDIT', ?, ?), (?, ?, 'PROGRAMME_FUNDING', ?, ?)""")
                    .params(tenant.id().value(), tx, card.cardId(), creditCents, tenant.id().value(), tx, programme.id(),
                            -creditCents).update();
        }
        return card.cardId();
    }

    private static int nrnSequence = 0;

    /** A valid national register number (born 1980-01-01, check digits mod 97), unique in this JVM. */
    private static synchronized String nrn() {
        int sequence = 1 + (nrnSequence++ % 997);
        long base = 800101_000L + sequence;
        long check = 97 - base % 97;
        return String.format("%09d%02d", base, check);
    }

    private long credit(UUID card) {
        return jdbc.sql("select credit_cents from savings_card_balance where card_id = ?").param(card).query(Long.class).single();
    }

    private long voucher(UUID card) {
        return jdbc.sql("select voucher_cents from savings_card_balance where card_id = ?").param(card).query(Long.class).single();
    }

    private long entries(TenantId tenant) {
        return jdbc.sql("select count(*) from savings_ledger_entry where tenant_id = ?").param(tenant.value()).query(Long.class).single();
    }

    private long conversionTransactions(TenantId tenant) {
        return jdbc.sql("select count(*) from savings_ledger_transaction where tenant_id = ? and kind = 'CONVERSION'")
                .param(tenant.value()).query(Long.class).single();
    }

    private long audited(TenantId tenant, String action) {
        return jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = ?")
                .params(tenant.value(), action).query(Long.class).single();
    }

    /** Every transaction balances; each card's projection equals the sum of its entries; credit within the cap. */
    private void assertInvariants(TenantId tenant) {
        assertThat(jdbc.sql("""
                        select count(*) from (select t.id from savings_ledger_transaction t
                            join savings_ledger_entry e on e.transaction_id = t.id
                            where t.tenant_id = ? group by t.id having sum(e.amount_cents) <> 0) unbalanced""")
                .param(tenant.value()).query(Long.class).single()).as("unbalanced transactions").isZero();
        assertThat(jdbc.sql("""
                        select count(*) from savings_card_balance b
                        where b.tenant_id = ? and (
                            b.credit_cents <> coalesce((select sum(amount_cents) from savings_ledger_entry e
                                where e.tenant_id = b.tenant_id and e.account = 'CARD_CREDIT' and e.owner_id = b.card_id), 0)
                            or b.voucher_cents <> coalesce((select sum(amount_cents) from savings_ledger_entry e
                                where e.tenant_id = b.tenant_id and e.account = 'CARD_VOUCHER' and e.owner_id = b.card_id), 0)
                            or b.credit_cents > b.cap_cents)""")
                .param(tenant.value()).query(Long.class).single()).as("balances differing from the entries").isZero();
        assertThat(jdbc.sql("""
                        select count(*) from savings_ledger_transaction where tenant_id = ? and kind = 'CONVERSION'
                        group by card_id having count(*) > 1""")
                .param(tenant.value()).query(Long.class).list()).as("cards converted twice").isEmpty();
    }

    /** Thrown where a node dies: an Error, so nothing in the job treats it as an ordinary failure. */
    static final class NodeDied extends Error {
        NodeDied() {
            super("node died");
        }
    }

    /** A job run whose node dies when it reaches a checkpoint: the transaction recording it never commits. */
    private static final class Run implements JobRun {
        final TenantId tenant;
        final UUID conversion;
        final Map<String, String> parameters;
        final long dieAt;
        long committedCheckpoint;
        long done;
        long total;
        Map<String, Object> summary;

        Run(TenantId tenant, UUID conversion, Map<String, String> parameters, long dieAt) {
            this.tenant = tenant;
            this.conversion = conversion;
            this.parameters = parameters;
            this.dieAt = dieAt;
        }

        @Override
        public UUID id() {
            return UUID.nameUUIDFromBytes(conversion.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public TenantId tenant() {
            return tenant;
        }

        @Override
        public Map<String, String> parameters() {
            return parameters;
        }

        @Override
        public long checkpoint() {
            return committedCheckpoint;
        }

        @Override
        public void progress(long done, long total, long failed, long checkpoint) {
            if (dieAt >= 0 && checkpoint >= dieAt) {
                throw new NodeDied();
            }
            this.committedCheckpoint = checkpoint;
            this.done = done;
            this.total = total;
        }

        @Override
        public void summary(Map<String, ?> summary) {
            this.summary = new java.util.HashMap<>(summary);
        }

        @Override
        public boolean cancelRequested() {
            return false;
        }
    }
}
