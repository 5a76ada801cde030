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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Staff notes on an establishment (calls, visits, promises), optionally about one campaign. Never edited. */
@Service
class Notes {

    static final int MAX_BODY = 4000;

    record Note(UUID id, EstablishmentId establishment, CampaignId campaign, String body, UUID writtenBy,
                Instant writtenAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Notes(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    UUID add(TenantId tenant, EstablishmentId establishment, CampaignId campaign, String body, Actor actor) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into membership_establishment_note (id, tenant_id, establishment_id, campaign_id, body,
                            written_by, written_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), establishment.value(), campaign == null ? null : campaign.value(),
                        body, actor.actorId(), Timestamp.from(clock.instant()))
                .update();
        // The note's text may name people: the audit trail keeps only that a note was written.
        audit.record(actor, tenant, "membership.note.added", "directory_establishment", establishment.value(),
                Map.of("note", id));
        return id;
    }

    List<Note> of(TenantId tenant, EstablishmentId establishment) {
        return jdbc.sql("""
                        select id, campaign_id, body, written_by, written_at from membership_establishment_note
                        where tenant_id = ? and establishment_id = ? order by written_at desc, id""")
                .params(tenant.value(), establishment.value())
                .query((rs, n) -> {
                    UUID campaign = rs.getObject("campaign_id", UUID.class);
                    return new Note(rs.getObject("id", UUID.class), establishment,
                            campaign == null ? null : new CampaignId(campaign), rs.getString("body"),
                            rs.getObject("written_by", UUID.class), rs.getTimestamp("written_at").toInstant());
                })
                .list();
    }
}
