package eu.localeconomy.membership.reminder;

import eu.localeconomy.account.AccountProfile;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.ProfessionalInvitations;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * A campaign's invitations and reminders: its steps (created with default texts on first use), their templates per
 * language, the preview, the sweep that sends what is due, the send log and the opt-out.
 * <p>
 * Each send is one transaction: the row in {@code membership_reminder_sent} (whose primary key refuses a second send
 * of a step to an establishment, whoever tries), the mails in the outbox, the extranet invitation and the order's
 * timeline event commit or roll back together. A retried or concurrent sweep therefore never sends twice.
 */
@Service
public class Reminders {

    /** The kind of the sending job. */
    public static final String JOB_KIND = "membership.reminders";
    /** The mail template reminders are sent with (subject and body as written by the office). */
    static final String MAIL_TEMPLATE = "membership-reminder";

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    /** Which steps a run covers. */
    public enum Scope {
        /** The invitation only ("Send invitations now"). */
        INVITATIONS,
        /** Every step but the invitation ("Run reminders now"). */
        REMINDERS,
        /** Every step (the daily sweep of a campaign whose invitations have started). */
        ALL;

        boolean covers(Trigger trigger) {
            return this == ALL || (this == INVITATIONS) == (trigger == Trigger.INVITATION);
        }
    }

    /**
     * What a sweep did: mails sent, establishments without an address, sends another run made first (or no longer due
     * when their turn came), failures.
     */
    public record Sweep(int sent, int noAddress, int alreadySent, int failed) {
    }

    /** Who a step's mail goes to: a linked professional (their language) or the establishment's address. */
    record Recipient(String email, Language language, boolean account) {
    }

    /** A template filled in for one establishment, in one language. */
    record Rendered(String subject, String body, List<List<List<TemplateText.Segment>>> paragraphs) {
    }

    enum Outcome { SENT, NO_ADDRESS, ALREADY_SENT, NOT_DUE }

    /** One send failed (rolled back): counted, and the run goes on with the next. */
    private static final class SendFailed extends RuntimeException {
        SendFailed(RuntimeException cause) {
            super(cause);
        }
    }

    private final ReminderStore store;
    private final Catalogue catalogue;
    private final Establishments establishments;
    private final Professionals professionals;
    private final ProfessionalInvitations invitations;
    private final Accounts accounts;
    private final MailOutbox outbox;
    private final OrderTimeline timeline;
    private final Tenants tenants;
    private final Jobs jobs;
    private final OptOutTokens tokens;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Reminders(ReminderStore store, Catalogue catalogue, Establishments establishments, Professionals professionals,
              ProfessionalInvitations invitations, Accounts accounts, MailOutbox outbox, OrderTimeline timeline,
              Tenants tenants, Jobs jobs, OptOutTokens tokens, AuditLog audit, TransactionTemplate transactions,
              Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.establishments = establishments;
        this.professionals = professionals;
        this.invitations = invitations;
        this.accounts = accounts;
        this.outbox = outbox;
        this.timeline = timeline;
        this.tenants = tenants;
        this.jobs = jobs;
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    // ---- Steps and templates ----

    /** The campaign's steps in order; a campaign without steps gets the default ones with their default texts. */
    public List<ReminderStep> steps(TenantId tenant, CampaignId campaign) {
        List<ReminderStep> steps = store.steps(tenant, campaign);
        if (!steps.isEmpty()) {
            return steps;
        }
        return transactions.execute(s -> {
            store.lockCampaign(tenant, campaign);
            List<ReminderStep> again = store.steps(tenant, campaign);
            if (!again.isEmpty()) {
                return again;
            }
            List<ReminderStep> created = new ArrayList<>();
            int position = 0;
            for (Trigger trigger : Trigger.values()) {
                var step = new ReminderStep(UUID.randomUUID(), campaign, trigger, trigger.defaultDays(),
                        trigger.mandatory(), true, position++);
                store.insertStep(tenant, step);
                for (Language language : Language.EVERY_SCREEN) {
                    store.saveTemplate(tenant, step.id(), language, DefaultTemplates.of(trigger, language));
                }
                created.add(step);
            }
            return created;
        });
    }

    public Optional<ReminderStep> step(TenantId tenant, UUID id) {
        return store.step(tenant, id);
    }

    /** Changes a step's delay (0 to 365 days; the invitation has none) and whether it runs. */
    public void updateStep(TenantId tenant, UUID stepId, int days, boolean active, Actor actor) {
        ReminderStep step = store.step(tenant, stepId).orElseThrow(() -> new NoSuchElementException("step"));
        if (days < 0 || days > 365) {
            throw new IllegalArgumentException("days between 0 and 365");
        }
        int kept = step.trigger() == Trigger.INVITATION ? 0 : days;
        if (kept == step.days() && active == step.active()) {
            return;
        }
        transactions.executeWithoutResult(s -> {
            store.updateStep(tenant, stepId, kept, active);
            audit.record(actor, tenant, "membership.reminder.step.updated", "membership_reminder_step", stepId,
                    Map.of("trigger", step.trigger().name(), "days", kept, "active", active));
        });
    }

    /** The step's text in this language (the default text when none was saved). */
    public ReminderTemplate template(TenantId tenant, ReminderStep step, Language language) {
        return store.template(tenant, step.id(), language).orElseGet(() -> DefaultTemplates.of(step.trigger(), language));
    }

    /** Saves a step's text in one language, or says what is wrong with it (nothing saved then). */
    List<TemplateText.Problem> saveTemplate(TenantId tenant, ReminderStep step, Language language,
                                            ReminderTemplate template, Actor actor) {
        List<TemplateText.Problem> problems = TemplateText.check(step.trigger(), step.mandatory(), template.subject(),
                template.body());
        if (problems.isEmpty()) {
            transactions.executeWithoutResult(s -> {
                store.saveTemplate(tenant, step.id(), language,
                        new ReminderTemplate(template.subject().strip(), template.body().strip()));
                audit.record(actor, tenant, "membership.reminder.template.saved", "membership_reminder_step", step.id(),
                        Map.of("language", language.code()));
            });
        }
        return problems;
    }

    /** The step's saved text in this language, filled in for this establishment as it would be sent now. */
    Rendered preview(TenantContext tenant, ReminderStep step, Establishment establishment, Language language) {
        Campaign campaign = catalogue.campaign(tenant.id(), step.campaign()).orElseThrow();
        var order = step.trigger().aboutOrder() ? store.liveOrder(tenant.id(), step, establishment.id()) : Optional.<ReminderStore.Candidate>empty();
        var candidate = order.orElse(new ReminderStore.Candidate(step, establishment.id(), null, null, null));
        return render(tenant, campaign, candidate, establishment, language);
    }

    // ---- Sending ----

    /** Sends every active step that is due at {@code now}, synchronously (tests; staff use {@link #start}). */
    public Sweep sweep(TenantId tenant, CampaignId campaign, Instant now) {
        return sweep(tenant, campaign, now, Scope.ALL, Actor.SYSTEM, null);
    }

    /** Queues a sending job for the campaign (resumable, with progress); returns the job's id. */
    public UUID start(TenantId tenant, CampaignId campaign, Scope scope, Actor actor) {
        return jobs.submit(tenant, JOB_KIND, Map.of("campaign", campaign.value().toString(), "scope", scope.name(),
                "at", clock.instant().toString()), actor);
    }

    /** Whether the campaign has orders still awaiting payment (a closed campaign's daily sweep is about those). */
    public boolean hasUnpaidOrders(TenantId tenant, CampaignId campaign) {
        return store.hasUnpaidOrders(tenant, campaign);
    }

    /** Whether the campaign's invitations were sent at least once (the daily sweep then invites newcomers too). */
    public boolean invitationsStarted(TenantId tenant, CampaignId campaign) {
        return store.invitationsStarted(tenant, campaign);
    }

    Sweep sweep(TenantId tenantId, CampaignId campaignId, Instant now, Scope scope, Actor by, JobRun run) {
        TenantContext tenant = tenants.findById(tenantId).map(Tenant::context)
                .orElseThrow(() -> new NoSuchElementException("tenant"));
        Campaign campaign = catalogue.campaign(tenantId, campaignId)
                .orElseThrow(() -> new NoSuchElementException("campaign"));
        LocalDate today = LocalDate.ofInstant(now, tenant.zone());
        // Once a campaign no longer takes orders, only its unpaid orders are still worth a mail.
        boolean open = campaign.acceptsOrders(today);
        List<ReminderStep> steps = steps(tenantId, campaignId).stream()
                .filter(s -> s.active() && scope.covers(s.trigger()) && (open || s.trigger() == Trigger.INVOICE_UNPAID))
                .toList();
        List<EstablishmentId> prospects = prospects(tenantId, campaignId);
        List<ReminderStore.Candidate> due = new ArrayList<>();
        for (ReminderStep step : steps) {
            due.addAll(store.candidates(tenantId, step, prospects, now, today, null));
        }
        // A resumed run finds only what was not sent yet: the checkpoint counts what earlier attempts handled.
        long base = run == null ? 0 : run.checkpoint();
        long total = base + due.size();
        int sent = 0, noAddress = 0, already = 0, failed = 0;
        for (int i = 0; i < due.size(); i++) {
            if (run != null && run.cancelRequested()) {
                break;
            }
            ReminderStore.Candidate candidate = due.get(i);
            long done = base + i + 1;
            long failedSoFar = failed;
            try {
                Outcome outcome = transactions.execute(s -> {
                    Outcome o;
                    try {
                        // Asked again in the send's transaction: an order placed since the list was made stops it.
                        boolean stillDue = !store.candidates(tenantId, candidate.step(),
                                List.of(candidate.establishment()), now, today, candidate.establishment()).isEmpty();
                        o = stillDue ? send(tenant, campaign, candidate, now, by) : Outcome.NOT_DUE;
                    } catch (RuntimeException e) {
                        throw new SendFailed(e);
                    }
                    // Progress commits with the send; a node that lost the job throws here and the send rolls back.
                    if (run != null) {
                        run.progress(done, total, failedSoFar, done);
                    }
                    return o;
                });
                switch (outcome) {
                    case SENT -> sent++;
                    case NO_ADDRESS -> noAddress++;
                    case ALREADY_SENT, NOT_DUE -> already++;
                }
            } catch (SendFailed e) {
                failed++;
                log.warn("Reminder {} to establishment {} failed", candidate.step().trigger(),
                        candidate.establishment().value(), e.getCause());
                if (run != null) {
                    long f = failed;
                    transactions.executeWithoutResult(s -> run.progress(done, total, f, done));
                }
            }
        }
        return new Sweep(sent, noAddress, already, failed);
    }

    /** The establishments the campaign offers a range to (as the follow-up counts them), archived ones excluded. */
    List<Establishment> prospectEstablishments(TenantId tenant, CampaignId campaign) {
        List<Establishment> all = establishments.all(tenant);
        List<List<eu.localeconomy.membership.catalogue.RangeId>> ranges = catalogue.rangesFor(tenant, campaign, all);
        List<Establishment> prospects = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!ranges.get(i).isEmpty()) {
                prospects.add(all.get(i));
            }
        }
        return prospects;
    }

    private List<EstablishmentId> prospects(TenantId tenant, CampaignId campaign) {
        return prospectEstablishments(tenant, campaign).stream().map(Establishment::id).toList();
    }

    private Outcome send(TenantContext tenant, Campaign campaign, ReminderStore.Candidate c, Instant now, Actor by) {
        Optional<Establishment> found = establishments.find(tenant.id(), c.establishment());
        if (found.isEmpty() || found.get().archived()) {
            return Outcome.NO_ADDRESS;
        }
        Establishment establishment = found.get();
        List<Recipient> recipients = recipients(tenant, establishment);
        if (recipients.isEmpty()) {
            return Outcome.NO_ADDRESS;
        }
        UUID sender = Actor.accountOf(by);
        if (!store.claim(tenant.id(), c, recipients.getFirst().language(), now, sender)) {
            return Outcome.ALREADY_SENT;
        }
        UUID first = null;
        for (Recipient recipient : recipients) {
            Rendered mail = render(tenant, campaign, c, establishment, recipient.language());
            Map<String, Object> model = new HashMap<>();
            model.put(OutgoingMail.SUBJECT, mail.subject());
            model.put("tenantName", tenant.name());
            model.put("text", mail.body());
            model.put("paragraphs", mail.paragraphs());
            UUID id = outbox.enqueue(new OutgoingMail(tenant.id(), recipient.email(), recipient.language(),
                    MAIL_TEMPLATE, model));
            first = first == null ? id : first;
        }
        store.mailOf(tenant.id(), c.step().id(), establishment.id(), first);
        if (c.step().trigger() == Trigger.INVITATION && recipients.stream().noneMatch(Recipient::account)) {
            // No account yet: the extranet invitation (its own mail) lets them sign up and reach the campaign.
            invitations.invite(tenant, List.of(establishment.id()), by);
        }
        if (c.orderId() != null) {
            timeline.record(tenant.id(), c.orderId(), "reminder.sent", by, Map.of("step", c.step().trigger().name(),
                    "language", recipients.getFirst().language().code()));
        }
        return Outcome.SENT;
    }

    /** The establishment's linked professionals (their language), else its own address (the tenant's language). */
    List<Recipient> recipients(TenantContext tenant, Establishment establishment) {
        Language fallback = Language.EVERY_SCREEN.contains(tenant.defaultLanguage()) ? tenant.defaultLanguage() : Language.FR;
        Map<String, Recipient> byEmail = new LinkedHashMap<>();
        for (Professionals.Link link : professionals.accountsOf(tenant.id(), List.of(establishment.id()))) {
            Optional<AccountProfile> profile = accounts.profile(tenant.id(), link.account());
            if (profile.isPresent() && profile.get().enabled() && profile.get().email() != null) {
                Language language = profile.get().language() != null
                        && Language.EVERY_SCREEN.contains(profile.get().language()) ? profile.get().language() : fallback;
                byEmail.putIfAbsent(profile.get().email().toLowerCase(Locale.ROOT),
                        new Recipient(profile.get().email(), language, true));
            }
        }
        String email = establishment.details().email();
        if (byEmail.isEmpty() && email != null && !email.isBlank()) {
            byEmail.put(email.strip().toLowerCase(Locale.ROOT), new Recipient(email.strip(), fallback, false));
        }
        return List.copyOf(byEmail.values());
    }

    private Rendered render(TenantContext tenant, Campaign campaign, ReminderStore.Candidate c,
                            Establishment establishment, Language language) {
        ReminderTemplate template = template(tenant.id(), c.step(), language);
        Locale locale = language.locale();
        Map<String, String> values = new HashMap<>();
        values.put("establishment", establishment.name());
        values.put("campaign", campaign.name());
        values.put("link", outbox.absolute(c.orderId() != null
                ? tenant.path() + "/pro/orders/" + c.orderId()
                : tenant.path() + "/pro/establishments/" + establishment.id().value() + "/campaigns/" + campaign.id().value()));
        if (c.balance() != null) {
            values.put("amount", format(c.balance(), locale));
        }
        if (c.dueDate() != null) {
            values.put("dueDate", c.dueDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)));
        }
        if (!c.step().mandatory()) {
            values.put("optOutLink", outbox.absolute(tenant.path() + "/reminders/opt-out/"
                    + tokens.token(tenant.id(), establishment.id())));
        }
        String body = TemplateText.fill(template.body(), values);
        return new Rendered(TemplateText.fill(template.subject(), values), body, TemplateText.paragraphs(body));
    }

    static String format(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(money.currency()));
        return format.format(money.amount());
    }

    // ---- Opt-out ----

    /** The establishment a link's token names, if the token is genuine for this tenant. */
    public Optional<EstablishmentId> optOutTarget(TenantId tenant, String token) {
        return tokens.verify(tenant, token);
    }

    /** Records that the establishment wants no more non-mandatory reminders; false if it had already asked. */
    public boolean optOut(TenantId tenant, EstablishmentId establishment) {
        return Boolean.TRUE.equals(transactions.execute(s -> {
            boolean added = store.optOut(tenant, establishment, clock.instant());
            if (added) {
                audit.record(Actor.SYSTEM, tenant, "membership.reminder.opted-out", "directory_establishment",
                        establishment.value(), Map.of());
            }
            return added;
        }));
    }

    public boolean optedOut(TenantId tenant, EstablishmentId establishment) {
        return store.optedOut(tenant, establishment);
    }

    /** The token of the establishment's opt-out link ({@code /t/{slug}/reminders/opt-out/{token}}). */
    public String optOutToken(TenantId tenant, EstablishmentId establishment) {
        return tokens.token(tenant, establishment);
    }

    // ---- Log ----

    List<ReminderStore.Sent> log(TenantId tenant, CampaignId campaign, UUID step, Language language,
                                 EstablishmentId establishment, int offset, int limit) {
        return store.log(tenant, campaign, step, language, establishment, offset, limit);
    }

    int logCount(TenantId tenant, CampaignId campaign, UUID step, Language language, EstablishmentId establishment) {
        return store.logCount(tenant, campaign, step, language, establishment);
    }

    List<EstablishmentId> loggedEstablishments(TenantId tenant, CampaignId campaign) {
        return store.loggedEstablishments(tenant, campaign);
    }

    List<ReminderStore.OptOut> optOuts(TenantId tenant) {
        return store.optOuts(tenant);
    }

    Map<UUID, String> mailStates(TenantId tenant, List<UUID> mails) {
        return outbox.states(tenant, mails);
    }
}
