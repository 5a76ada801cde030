package eu.localeconomy.savings.conversion;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a programme's credit into vouchers at its conversion date: a read-only dry run first, then an execution as a
 * job ({@link ConversionJob}) that the city confirms. The category rule today is voucher = credit (the ledger already
 * keeps credit within the cap); a programme with other rules would compute the voucher here and in the job's chunk.
 */
@Service
public class Conversions {

    private final ConversionStore store;
    private final Programmes programmes;
    private final Tenants tenants;
    private final Jobs jobs;
    private final AuditLog audit;
    private final Clock clock;

    Conversions(ConversionStore store, Programmes programmes, Tenants tenants, Jobs jobs, AuditLog audit, Clock clock) {
        this.store = store;
        this.programmes = programmes;
        this.tenants = tenants;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Computes what an execution would convert, per category and in total, saves it as a DRY_RUN and audits it.
     * Read-only for the ledger: one aggregate over the programme's balances (well under a second at 400,000 cards).
     */
    @Transactional
    public Conversion dryRun(TenantId tenant, UUID programmeId, Actor actor) {
        Programme programme = programme(tenant, programmeId);
        Tenant owner = tenants.findById(tenant).orElseThrow();
        DryRun figures = store.figures(tenant, programme.id(), programmes.categories(tenant, programme.id()), owner.currency());
        UUID id = store.insertDryRun(tenant, programme.id(), figures, actor.actorId(), clock.instant());
        audit.record(actor, tenant, "savings.conversion.dryRun", "savings_conversion", id, Map.of(
                "programme", programme.id().toString(), "cards", figures.cardsWithCredit(),
                "creditCents", figures.creditCents(), "liabilityCents", figures.liabilityCents()));
        return store.find(tenant, id).orElseThrow();
    }

    /**
     * Starts the execution confirmed from a dry run. The server checks the phase with the clock in the tenant's zone:
     * on or after the conversion date and after the last day of the earn window.
     *
     * @throws ConversionRefusedException with a message key (and arguments) saying why it cannot start
     */
    @Transactional
    public Conversion execute(TenantId tenant, UUID programmeId, UUID dryRunId, boolean confirmed, Actor actor) {
        Programme programme = programme(tenant, programmeId);
        Tenant owner = tenants.findById(tenant).orElseThrow();
        LocalDate today = LocalDate.now(clock.withZone(owner.zone()));
        if (today.isBefore(programme.conversionOn()) || !today.isAfter(programme.earnUntil())) {
            throw new ConversionRefusedException("conversion.refused.tooEarly",
                    programme.conversionOn().isAfter(programme.earnUntil()) ? programme.conversionOn() : programme.earnUntil().plusDays(1));
        }
        Conversion dryRun = Optional.ofNullable(dryRunId).flatMap(id -> store.find(tenant, id))
                .filter(c -> c.programmeId().equals(programme.id()) && c.status() == Conversion.Status.DRY_RUN)
                .orElseThrow(() -> new ConversionRefusedException("conversion.refused.noDryRun"));
        if (!confirmed) {
            throw new ConversionRefusedException("conversion.refused.notConfirmed");
        }
        // An execution whose job ended without finishing it (its node was lost and the job given up) no longer runs.
        store.running(tenant, programme.id())
                .filter(c -> c.jobId() != null && jobs.find(tenant, c.jobId()).map(j -> j.finished()).orElse(true))
                .ifPresent(stale -> store.finish(tenant, stale.id(), Conversion.Status.FAILED, null, clock.instant()));
        UUID id;
        try {
            id = store.insertExecution(tenant, programme.id(), dryRun, actor.actorId(), clock.instant());
        } catch (DuplicateKeyException running) {
            throw new ConversionRefusedException("conversion.refused.running");
        }
        UUID job = jobs.submit(tenant, ConversionJob.KIND, Map.of(ConversionJob.CONVERSION, id.toString()), actor);
        store.attachJob(tenant, id, job);
        audit.record(actor, tenant, "savings.conversion.started", "savings_conversion", id, Map.of(
                "programme", programme.id().toString(), "dryRun", dryRun.id().toString(), "job", job.toString()));
        return store.find(tenant, id).orElseThrow();
    }

    public Optional<Conversion> find(TenantId tenant, UUID id) {
        return store.find(tenant, id);
    }

    /** The programme's dry runs and executions, newest first. */
    public List<Conversion> recent(TenantId tenant, UUID programmeId, int limit) {
        return store.recent(tenant, programmeId, Math.max(1, Math.min(limit, 100)));
    }

    /** Whether the execution may start today (tenant's zone): the page shows the button or the reason it is missing. */
    public boolean executionAllowedToday(TenantId tenant, Programme programme) {
        LocalDate today = LocalDate.now(clock.withZone(tenants.findById(tenant).orElseThrow().zone()));
        return !today.isBefore(programme.conversionOn()) && today.isAfter(programme.earnUntil());
    }

    private Programme programme(TenantId tenant, UUID programmeId) {
        return programmes.find(tenant, programmeId).orElseThrow(() -> new NoSuchElementException("no programme"));
    }

    /** Figures of one category: cards (ACTIVE) with credit, their credit, those at the cap, what becomes vouchers. */
    public record CategoryFigures(UUID categoryId, String code, long cardsWithCredit, long creditCents, long cardsAtCap,
                                  long toVoucherCents) {
    }

    /**
     * What an execution would do. The liability is what the city owes in vouchers afterwards: the new vouchers plus
     * those that already exist. Cards that are not ACTIVE (blocked, never enrolled) keep their credit and are counted
     * apart.
     */
    public record DryRun(List<CategoryFigures> categories, long cardsWithCredit, long creditCents, long cardsAtCap,
                         long toVoucherCents, long existingVoucherCents, long liabilityCents,
                         long inactiveCardsWithCredit, long inactiveCreditCents, String currency) {

        static DryRun of(List<CategoryFigures> categories, long existingVoucherCents, long inactiveCards,
                         long inactiveCredit, String currency) {
            long cards = 0, credit = 0, atCap = 0, voucher = 0;
            for (CategoryFigures c : categories) {
                cards += c.cardsWithCredit();
                credit += c.creditCents();
                atCap += c.cardsAtCap();
                voucher += c.toVoucherCents();
            }
            return new DryRun(categories, cards, credit, atCap, voucher, existingVoucherCents,
                    voucher + existingVoucherCents, inactiveCards, inactiveCredit, currency);
        }
    }

    /**
     * After an execution: the credit before it, what it converted, cards at the cap among them, the vouchers
     * before and after, and the checks that prove it (vouchers after = vouchers before + converted; the ledger's
     * entries of the programme's cards equal the balances).
     */
    public record Report(long creditBeforeCents, long convertedCents, long cardsConverted, long cardsAtCap,
                         long voucherBeforeCents, long voucherAfterCents, long creditLeftCents,
                         long ledgerVoucherCents, long ledgerCreditCents, long projectionCreditCents, String currency) {

        /** Σ vouchers = Σ vouchers before + Σ credit converted. */
        public boolean vouchersMatch() {
            return voucherAfterCents == voucherBeforeCents + convertedCents;
        }

        /** The projection equals the sum of the ledger's entries, for vouchers and for credit. */
        public boolean ledgerMatches() {
            return ledgerVoucherCents == voucherAfterCents && ledgerCreditCents == projectionCreditCents;
        }

        public boolean balanced() {
            return vouchersMatch() && ledgerMatches();
        }

        Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("cards", cardsConverted);
            summary.put("convertedCents", convertedCents);
            summary.put("cardsAtCap", cardsAtCap);
            summary.put("voucherAfterCents", voucherAfterCents);
            summary.put("balanced", balanced());
            return summary;
        }
    }
}
