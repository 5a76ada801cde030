package eu.localeconomy.membership.followup;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * "Not this season": a prospect says it will not join this campaign (the professional on the extranet, or staff for
 * it). Withdrawing deletes the row; both facts stay in the audit log, which the timeline reads. A prospect with a
 * live order is counted by its order, whatever it said before. Public so that the extranet's campaign template can
 * ask {@link #of} for the form's state (the extranet's Java code never depends on this package).
 */
@Service
public class Declines {

    static final int MAX_REASON = 500;
    static final String DECLINED = "membership.decline.recorded";
    static final String WITHDRAWN = "membership.decline.withdrawn";

    /** A decline as recorded; {@code declinedBy} null when the system recorded it. */
    public record Decline(CampaignId campaign, EstablishmentId establishment, String reason, UUID declinedBy,
                          Instant declinedAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Declines(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<Decline> of(TenantId tenant, CampaignId campaign, EstablishmentId establishment) {
        return jdbc.sql("""
                        select reason, declined_by, declined_at from membership_decline
                        where tenant_id = ? and campaign_id = ? and establishment_id = ?""")
                .params(tenant.value(), campaign.value(), establishment.value())
                .query((rs, n) -> new Decline(campaign, establishment, rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /**
     * Records (or re-words) the decline. {@code byProfessional} says who spoke, for the audit trail. The reason is
     * cut to its column; blank is none.
     */
    @Transactional
    public void decline(TenantId tenant, CampaignId campaign, EstablishmentId establishment, String reason,
                        Actor actor, boolean byProfessional) {
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        if (text != null && text.length() > MAX_REASON) {
            text = text.substring(0, MAX_REASON);
        }
        UUID by = Actor.accountOf(actor);
        jdbc.sql("""
                        insert into membership_decline (tenant_id, campaign_id, establishment_id, reason, declined_by,
                            declined_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, campaign_id, establishment_id) do update
                        set reason = excluded.reason, declined_by = excluded.declined_by,
                            declined_at = excluded.declined_at""")
                .params(tenant.value(), campaign.value(), establishment.value(), text, by,
                        Timestamp.from(clock.instant()))
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaign", campaign.toString());
        details.put("by", byProfessional ? "professional" : "staff");
        details.put("withReason", text != null);
        audit.record(actor == null ? Actor.SYSTEM : actor, tenant, DECLINED, "directory_establishment",
                establishment.value(), details);
    }

    /** Withdraws the decline; false when there was none. */
    @Transactional
    public boolean withdraw(TenantId tenant, CampaignId campaign, EstablishmentId establishment, Actor actor,
                            boolean byProfessional) {
        int deleted = jdbc.sql("""
                        delete from membership_decline where tenant_id = ? and campaign_id = ? and establishment_id = ?""")
                .params(tenant.value(), campaign.value(), establishment.value())
                .update();
        if (deleted > 0) {
            audit.record(actor == null ? Actor.SYSTEM : actor, tenant, WITHDRAWN, "directory_establishment",
                    establishment.value(), Map.of("campaign", campaign.toString(),
                            "by", byProfessional ? "professional" : "staff"));
        }
        return deleted > 0;
    }
}
