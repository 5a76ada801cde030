package eu.localeconomy.membership.reminder;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reminder tables, and the reporting reads the triggers need: orders, baskets, invitations sent, declines (read
 * only, in SQL, as the module's rules allow for reminders' triggers).
 */
@Repository
class ReminderStore {

    /** Someone a step should go to now, and the order it is about (unpaid invoices). */
    record Candidate(ReminderStep step, EstablishmentId establishment, UUID orderId, Money balance, LocalDate dueDate) {
    }

    /** One line of the send log. */
    record Sent(UUID stepId, Trigger trigger, EstablishmentId establishment, UUID orderId, Language language,
                UUID mailId, Instant sentAt) {
    }

    record OptOut(EstablishmentId establishment, Instant at) {
    }

    private final JdbcClient jdbc;

    ReminderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ReminderStep> steps(TenantId tenant, CampaignId campaign) {
        return jdbc.sql("""
                        select id, trigger, days, mandatory, active, position from membership_reminder_step
                        where tenant_id = ? and campaign_id = ? order by position""")
                .params(tenant.value(), campaign.value())
                .query((rs, n) -> new ReminderStep(rs.getObject("id", UUID.class), campaign,
                        Trigger.valueOf(rs.getString("trigger")), rs.getInt("days"), rs.getBoolean("mandatory"),
                        rs.getBoolean("active"), rs.getInt("position")))
                .list();
    }

    Optional<ReminderStep> step(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        select id, campaign_id, trigger, days, mandatory, active, position from membership_reminder_step
                        where tenant_id = ? and id = ?""")
                .params(tenant.value(), id)
                .query((rs, n) -> new ReminderStep(id, new CampaignId(rs.getObject("campaign_id", UUID.class)),
                        Trigger.valueOf(rs.getString("trigger")), rs.getInt("days"), rs.getBoolean("mandatory"),
                        rs.getBoolean("active"), rs.getInt("position")))
                .optional();
    }

    /** Serialises the creation of a campaign's default steps (two first uses at once create them once). */
    void lockCampaign(TenantId tenant, CampaignId campaign) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("membership_reminder_step:" + tenant.value() + ":" + campaign.value())
                .query((rs, n) -> 1).list();
    }

    void insertStep(TenantId tenant, ReminderStep step) {
        jdbc.sql("""
                        insert into membership_reminder_step (id, tenant_id, campaign_id, trigger, days, mandatory, active,
                            position)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(step.id(), tenant.value(), step.campaign().value(), step.trigger().name(), step.days(),
                        step.mandatory(), step.active(), step.position())
                .update();
    }

    void updateStep(TenantId tenant, UUID id, int days, boolean active) {
        jdbc.sql("update membership_reminder_step set days = ?, active = ? where tenant_id = ? and id = ?")
                .params(days, active, tenant.value(), id).update();
    }

    Optional<ReminderTemplate> template(TenantId tenant, UUID step, Language language) {
        return jdbc.sql("""
                        select subject, body from membership_reminder_template
                        where tenant_id = ? and step_id = ? and language = ?""")
                .params(tenant.value(), step, language.code())
                .query((rs, n) -> new ReminderTemplate(rs.getString(1), rs.getString(2)))
                .optional();
    }

    void saveTemplate(TenantId tenant, UUID step, Language language, ReminderTemplate template) {
        jdbc.sql("""
                        insert into membership_reminder_template (tenant_id, step_id, language, subject, body)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id, step_id, language) do update set subject = excluded.subject,
                            body = excluded.body""")
                .params(tenant.value(), step, language.code(), template.subject(), template.body())
                .update();
    }

    /**
     * The establishments this step should go to at {@code now} ({@code today} in the tenant's zone), not yet sent:
     * see {@link Trigger}. {@code prospects} are the establishments the campaign offers something to; {@code only}, if
     * given, limits the answer to one establishment (the check again inside the send's transaction).
     */
    List<Candidate> candidates(TenantId tenant, ReminderStep step, Collection<EstablishmentId> prospects, Instant now,
                               LocalDate today, EstablishmentId only) {
        // As an array literal: named parameters would expand a Java array into a list of values.
        String offered = prospects.stream().map(e -> e.value().toString())
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        String notSent = " and not exists (select 1 from membership_reminder_sent s where s.tenant_id = :tenant"
                + " and s.step_id = :step and s.establishment_id = e.id)";
        String notDeclined = " and not exists (select 1 from membership_decline d where d.tenant_id = :tenant"
                + " and d.campaign_id = :campaign and d.establishment_id = e.id)";
        String notOptedOut = step.mandatory() ? "" : " and not exists (select 1 from membership_reminder_opt_out x"
                + " where x.tenant_id = :tenant and x.establishment_id = e.id)";
        String noOrder = " and not exists (select 1 from membership_order o where o.tenant_id = :tenant"
                + " and o.campaign_id = :campaign and o.establishment_id = e.id"
                + " and o.status not in ('CANCELLED', 'REFUNDED'))";
        String sql = switch (step.trigger()) {
            case INVITATION -> "select e.id, null::uuid as order_id, null::bigint as balance, null::char(3) as currency,"
                    + " null::date as due_date from unnest(cast(:prospects as uuid[])) as e(id) where true" + notSent + notDeclined
                    + notOptedOut;
            case NO_ORDER -> "select e.id, null::uuid, null::bigint, null::char(3), null::date"
                    + " from unnest(cast(:prospects as uuid[])) as e(id) where exists (select 1 from membership_reminder_sent i"
                    + " join membership_reminder_step st on st.tenant_id = i.tenant_id and st.id = i.step_id"
                    + " where i.tenant_id = :tenant and i.campaign_id = :campaign and st.trigger = 'INVITATION'"
                    + " and i.establishment_id = e.id and i.sent_at <= :threshold)"
                    + notSent + notDeclined + notOptedOut + noOrder;
            case BASKET_ABANDONED -> "select e.id, null::uuid, null::bigint, null::char(3), null::date"
                    + " from unnest(cast(:prospects as uuid[])) as e(id) where exists (select 1 from membership_basket b"
                    + " where b.tenant_id = :tenant and b.campaign_id = :campaign and b.establishment_id = e.id"
                    + " and b.updated_at <= :threshold and exists (select 1 from membership_basket_line l"
                    + " where l.tenant_id = b.tenant_id and l.basket_id = b.id))"
                    + notSent + notDeclined + notOptedOut + noOrder;
            // An unpaid order is owed even by an establishment that declined later: only paid/cancelled orders stop it.
            case INVOICE_UNPAID -> "select e.id, e.order_id, e.gross_cents - e.paid_cents + e.refunded_cents,"
                    + " e.currency, e.due_date from (select o.establishment_id as id, o.id as order_id, o.gross_cents,"
                    + " o.paid_cents, o.refunded_cents, o.currency, o.due_date from membership_order o"
                    + " where o.tenant_id = :tenant and o.campaign_id = :campaign"
                    + " and o.status in ('AWAITING_PAYMENT', 'PARTIALLY_PAID') and o.due_date <= :dueBefore) e"
                    + " where true" + notSent + notOptedOut;
        };
        return jdbc.sql("select * from (" + sql + ") c where cast(:only as uuid) is null or c.id = :only order by 1")
                .param("only", only == null ? null : only.value())
                .param("tenant", tenant.value())
                .param("campaign", step.campaign().value())
                .param("step", step.id())
                .param("prospects", offered)
                .param("threshold", Timestamp.from(now.minusSeconds(86_400L * step.days())))
                .param("dueBefore", Date.valueOf(today.minusDays(step.days())))
                .query((rs, n) -> {
                    long balance = rs.getLong(3);
                    Money money = rs.wasNull() ? null : new Money(balance, rs.getString(4));
                    Date due = rs.getDate(5);
                    return new Candidate(step, new EstablishmentId(rs.getObject(1, UUID.class)),
                            rs.getObject(2, UUID.class), money, due == null ? null : due.toLocalDate());
                })
                .list();
    }

    /** Claims the send: false when this step already went to this establishment (another run, another node). */
    boolean claim(TenantId tenant, Candidate c, Language language, Instant at, UUID by) {
        return jdbc.sql("""
                        insert into membership_reminder_sent (tenant_id, step_id, establishment_id, campaign_id, order_id,
                            language, sent_at, sent_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(tenant.value(), c.step().id(), c.establishment().value(), c.step().campaign().value(),
                        c.orderId(), language.code(), Timestamp.from(at), by)
                .update() > 0;
    }

    void mailOf(TenantId tenant, UUID step, EstablishmentId establishment, UUID mail) {
        jdbc.sql("update membership_reminder_sent set mail_id = ? where tenant_id = ? and step_id = ? and establishment_id = ?")
                .params(mail, tenant.value(), step, establishment.value()).update();
    }

    /** Whether the campaign has orders awaiting (part of) their payment: closed campaigns still demand those. */
    boolean hasUnpaidOrders(TenantId tenant, CampaignId campaign) {
        return jdbc.sql("""
                        select exists (select 1 from membership_order where tenant_id = ? and campaign_id = ?
                            and status in ('AWAITING_PAYMENT', 'PARTIALLY_PAID'))""")
                .params(tenant.value(), campaign.value()).query(Boolean.class).single();
    }

    boolean invitationsStarted(TenantId tenant, CampaignId campaign) {
        return jdbc.sql("""
                        select exists (select 1 from membership_reminder_sent s join membership_reminder_step st
                            on st.tenant_id = s.tenant_id and st.id = s.step_id
                        where s.tenant_id = ? and s.campaign_id = ? and st.trigger = 'INVITATION')""")
                .params(tenant.value(), campaign.value()).query(Boolean.class).single();
    }

    /** The send log of a campaign, newest first, filtered by step, language and establishment (each optional). */
    List<Sent> log(TenantId tenant, CampaignId campaign, UUID step, Language language, EstablishmentId establishment,
                   int offset, int limit) {
        return jdbc.sql("""
                        select s.step_id, st.trigger, s.establishment_id, s.order_id, s.language, s.mail_id, s.sent_at
                        from membership_reminder_sent s
                        join membership_reminder_step st on st.tenant_id = s.tenant_id and st.id = s.step_id
                        where s.tenant_id = :tenant and s.campaign_id = :campaign
                          and (cast(:step as uuid) is null or s.step_id = :step)
                          and (cast(:language as varchar) is null or s.language = :language)
                          and (cast(:establishment as uuid) is null or s.establishment_id = :establishment)
                        order by s.sent_at desc, s.establishment_id, st.position
                        offset :offset limit :limit""")
                .param("tenant", tenant.value()).param("campaign", campaign.value()).param("step", step)
                .param("language", language == null ? null : language.code())
                .param("establishment", establishment == null ? null : establishment.value())
                .param("offset", offset).param("limit", limit)
                .query((rs, n) -> new Sent(rs.getObject(1, UUID.class), Trigger.valueOf(rs.getString(2)),
                        new EstablishmentId(rs.getObject(3, UUID.class)), rs.getObject(4, UUID.class),
                        Language.fromCode(rs.getString(5)).orElse(Language.FR), rs.getObject(6, UUID.class),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    int logCount(TenantId tenant, CampaignId campaign, UUID step, Language language, EstablishmentId establishment) {
        return jdbc.sql("""
                        select count(*) from membership_reminder_sent s
                        where s.tenant_id = :tenant and s.campaign_id = :campaign
                          and (cast(:step as uuid) is null or s.step_id = :step)
                          and (cast(:language as varchar) is null or s.language = :language)
                          and (cast(:establishment as uuid) is null or s.establishment_id = :establishment)""")
                .param("tenant", tenant.value()).param("campaign", campaign.value()).param("step", step)
                .param("language", language == null ? null : language.code())
                .param("establishment", establishment == null ? null : establishment.value())
                .query(Integer.class).single();
    }

    /** Establishments that received something in this campaign (the log's filter). */
    List<EstablishmentId> loggedEstablishments(TenantId tenant, CampaignId campaign) {
        return jdbc.sql("select distinct establishment_id from membership_reminder_sent where tenant_id = ? and campaign_id = ?")
                .params(tenant.value(), campaign.value())
                .query((rs, n) -> new EstablishmentId(rs.getObject(1, UUID.class))).list();
    }

    boolean optOut(TenantId tenant, EstablishmentId establishment, Instant at) {
        return jdbc.sql("""
                        insert into membership_reminder_opt_out (tenant_id, establishment_id, opted_out_at)
                        values (?, ?, ?) on conflict do nothing""")
                .params(tenant.value(), establishment.value(), Timestamp.from(at)).update() > 0;
    }

    boolean optedOut(TenantId tenant, EstablishmentId establishment) {
        return jdbc.sql("select exists (select 1 from membership_reminder_opt_out where tenant_id = ? and establishment_id = ?)")
                .params(tenant.value(), establishment.value()).query(Boolean.class).single();
    }

    List<OptOut> optOuts(TenantId tenant) {
        return jdbc.sql("select establishment_id, opted_out_at from membership_reminder_opt_out where tenant_id = ? order by opted_out_at desc")
                .param(tenant.value())
                .query((rs, n) -> new OptOut(new EstablishmentId(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant()))
                .list();
    }

    /** The establishment's live order in the campaign, as an unpaid-invoice step would see it (for the preview). */
    Optional<Candidate> liveOrder(TenantId tenant, ReminderStep step, EstablishmentId establishment) {
        return jdbc.sql("""
                        select id, gross_cents - paid_cents + refunded_cents, currency, due_date from membership_order
                        where tenant_id = ? and campaign_id = ? and establishment_id = ?
                          and status not in ('CANCELLED', 'REFUNDED')""")
                .params(tenant.value(), step.campaign().value(), establishment.value())
                .query((rs, n) -> {
                    Date due = rs.getDate(4);
                    return new Candidate(step, establishment, rs.getObject(1, UUID.class),
                            new Money(rs.getLong(2), rs.getString(3)), due == null ? null : due.toLocalDate());
                })
                .optional();
    }
}
