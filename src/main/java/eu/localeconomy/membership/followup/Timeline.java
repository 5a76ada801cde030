package eu.localeconomy.membership.followup;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.audit.AuditQuery;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.ProfessionalInvitations;
import eu.localeconomy.membership.payment.OrderEvent;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An establishment's timeline, newest first: its extranet invitation, the campaign mails sent to it, visits of the
 * campaign pages, basket activity, orders with their events, payments and refunds, "not this season" answers and
 * their withdrawal, staff notes. Each source is read once (the follow-up may read the membership tables for
 * reporting; the order events come from {@link OrderTimeline}).
 */
@Service
class Timeline {

    /**
     * One thing that happened. {@code kind} picks the label ({@code followup.timeline.<kind>}); {@code campaign} the
     * campaign's name when it is about one; {@code detail} free text shown under it (a reason, a note, a product);
     * {@code amount} money involved; {@code who} a person's name.
     */
    record Entry(Instant at, String kind, String campaign, String detail, Money amount, String who, UUID orderId,
                 String status) {

        Entry(Instant at, String kind, String campaign, String detail, Money amount, String who, UUID orderId) {
            this(at, kind, campaign, detail, amount, who, orderId, null);
        }
    }

    /** Order event kinds with a label of their own; others are shown with their kind as detail. */
    static final Set<String> KNOWN_ORDER_EVENTS = Set.of("status.changed", "cancelled", "invoice.issued",
            "invoice.blocked", "credit-note.issued", "pro-forma.sent", "card.checkout.started", "card.checkout.expired",
            "card.payment.refused", "confirmation.sent", "reminder.sent");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Order events the timeline shows from their own source (the order row, the payments). */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("placed", "payment.recorded", "refund.recorded");

    private final JdbcClient jdbc;
    private final ProfessionalInvitations invitations;
    private final Orders orders;
    private final OrderTimeline orderTimeline;
    private final AuditQuery audit;
    private final Notes notes;
    private final Accounts accounts;

    Timeline(JdbcClient jdbc, ProfessionalInvitations invitations, Orders orders, OrderTimeline orderTimeline,
             AuditQuery audit, Notes notes, Accounts accounts) {
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.orders = orders;
        this.orderTimeline = orderTimeline;
        this.audit = audit;
        this.notes = notes;
        this.accounts = accounts;
    }

    List<Entry> of(TenantId tenant, EstablishmentId establishment) {
        UUID e = establishment.value();
        Map<UUID, String> campaigns = new HashMap<>();
        jdbc.sql("select id, name from membership_campaign where tenant_id = ?").params(tenant.value())
                .query(rs -> {
                    campaigns.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        Map<UUID, String> names = new HashMap<>();
        List<Entry> entries = new ArrayList<>();

        var invitation = invitations.latest(tenant, List.of(establishment)).get(establishment);
        if (invitation != null) {
            entries.add(new Entry(invitation.invitedAt(), "invited", null, invitation.email(), null, null, null));
            if (invitation.acceptedAt() != null) {
                entries.add(new Entry(invitation.acceptedAt(), "accepted", null, null, null, null, null));
            }
        }
        jdbc.sql("""
                        select s.sent_at, st.trigger, s.campaign_id, s.language, s.sent_by from membership_reminder_sent s
                        join membership_reminder_step st on st.tenant_id = s.tenant_id and st.id = s.step_id
                        where s.tenant_id = ? and s.establishment_id = ?""")
                .params(tenant.value(), e)
                .query(rs -> {
                    entries.add(new Entry(rs.getTimestamp(1).toInstant(), "mail." + rs.getString(2),
                            campaigns.get(rs.getObject(3, UUID.class)), rs.getString(4).toUpperCase(), null,
                            name(tenant, rs.getObject(5, UUID.class), names), null));
                });
        jdbc.sql("""
                        select campaign_id, first_at, last_at, visits from membership_visit
                        where tenant_id = ? and establishment_id = ?""")
                .params(tenant.value(), e)
                .query(rs -> {
                    String campaign = campaigns.get(rs.getObject(1, UUID.class));
                    Instant first = rs.getTimestamp(2).toInstant();
                    Instant last = rs.getTimestamp(3).toInstant();
                    entries.add(new Entry(first, "visit.first", campaign, null, null, null, null));
                    if (last.isAfter(first)) {
                        entries.add(new Entry(last, "visit.last", campaign, null, null, null, null));
                    }
                });
        jdbc.sql("""
                        select b.campaign_id, l.added_at, l.quantity, coalesce(p.names ->> 'fr', p.code) as product,
                            p.names::text as names
                        from membership_basket b
                        join membership_basket_line l on l.tenant_id = b.tenant_id and l.basket_id = b.id
                        left join membership_product p on p.tenant_id = l.tenant_id and p.id = l.product_id
                        where b.tenant_id = ? and b.establishment_id = ?""")
                .params(tenant.value(), e)
                .query(rs -> {
                    entries.add(new Entry(rs.getTimestamp(2).toInstant(), "basket.line",
                            campaigns.get(rs.getObject(1, UUID.class)), productName(rs.getString(5), rs.getString(4)),
                            null, null, null));
                });
        List<Orders.Summary> placed = orders.ofEstablishments(tenant, List.of(establishment));
        for (Orders.Summary order : placed) {
            entries.add(new Entry(order.placedAt(), "order.placed", campaigns.get(order.campaignId().value()), null,
                    order.gross(), null, order.id()));
        }
        if (!placed.isEmpty()) {
            for (OrderEvent event : orderEvents(tenant, placed.stream().map(Orders.Summary::id).toList())) {
                if (SHOWN_ELSEWHERE.contains(event.kind())) {
                    continue;
                }
                // A status change names the status reached ("to").
                Object status = event.details() == null ? null : event.details().get("to");
                boolean known = KNOWN_ORDER_EVENTS.contains(event.kind());
                entries.add(new Entry(event.at(), known ? "order." + event.kind() : "order.other", null,
                        known ? null : event.kind(), null, name(tenant, event.actorId(), names), event.orderId(),
                        status == null ? null : status.toString()));
            }
            jdbc.sql("""
                            select p.kind, p.method, p.amount_cents, p.currency, p.recorded_at, p.reference, p.recorded_by,
                                p.order_id
                            from membership_payment p where p.tenant_id = ? and p.order_id = any(?)""")
                    .params(tenant.value(), placed.stream().map(Orders.Summary::id).toArray(UUID[]::new))
                    .query(rs -> {
                        entries.add(new Entry(rs.getTimestamp("recorded_at").toInstant(),
                                (rs.getString("kind").equals("PAYMENT") ? "payment." : "refund.") + rs.getString("method"),
                                null, rs.getString("reference"), new Money(rs.getLong("amount_cents"), rs.getString("currency")),
                                name(tenant, rs.getObject("recorded_by", UUID.class), names),
                                rs.getObject("order_id", UUID.class)));
                    });
        }
        for (String action : List.of(Declines.DECLINED, Declines.WITHDRAWN)) {
            for (AuditQuery.Event event : audit.search(tenant, new AuditQuery.Criteria(action, null, e.toString(), null, null), 0, 500)) {
                Map<String, Object> details = details(event.details());
                Object campaign = details.get("campaign");
                String kind = (action.equals(Declines.DECLINED) ? "declined." : "withdrawn.") + details.getOrDefault("by", "staff");
                entries.add(new Entry(event.occurredAt(), kind,
                        campaign == null ? null : campaigns.get(UUID.fromString(campaign.toString())), null, null,
                        name(tenant, event.actorId(), names), null));
            }
        }
        for (Notes.Note note : notes.of(tenant, establishment)) {
            entries.add(new Entry(note.writtenAt(), "note", note.campaign() == null ? null : campaigns.get(note.campaign().value()),
                    note.body(), null, name(tenant, note.writtenBy(), names), null));
        }
        entries.sort(Comparator.comparing(Entry::at).reversed());
        return entries;
    }

    /** The order events, or none while the payments' timeline is not there yet. */
    private List<OrderEvent> orderEvents(TenantId tenant, List<UUID> orderIds) {
        try {
            return orderTimeline.ofOrders(tenant, orderIds);
        } catch (UnsupportedOperationException notYet) {
            return List.of();
        }
    }

    private String name(TenantId tenant, UUID account, Map<UUID, String> names) {
        if (account == null) {
            return null;
        }
        return names.computeIfAbsent(account, a -> accounts.displayName(tenant, new UserId(a)).orElse("—"));
    }

    private static Map<String, Object> details(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    /** A product's name in the reader's language, from its names (JSON by language), else the given fallback. */
    private static String productName(String namesJson, String fallback) {
        if (namesJson == null) {
            return fallback;
        }
        Map<String, Object> byLanguage = details(namesJson);
        String language = org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage();
        Object name = byLanguage.get(language);
        return name == null ? fallback : name.toString();
    }
}
