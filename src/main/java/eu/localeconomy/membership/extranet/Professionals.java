package eu.localeconomy.membership.extranet;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which establishments a professional's account acts for (linked when they accepted an invitation). */
@Service
public class Professionals {

    /** An account acting for an establishment, since when. */
    public record Link(UserId account, EstablishmentId establishment, Instant linkedAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Professionals(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<EstablishmentId> establishmentsOf(TenantId tenant, UserId account) {
        return jdbc.sql("""
                        select establishment_id from membership_professional
                        where tenant_id = ? and account_id = ? order by linked_at, establishment_id""")
                .params(tenant.value(), account.value())
                .query((rs, n) -> new EstablishmentId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** Whether this account may see and order for this establishment; every extranet request checks it. */
    public boolean mayActFor(TenantId tenant, UserId account, EstablishmentId establishment) {
        return jdbc.sql("""
                        select exists (select 1 from membership_professional
                            where tenant_id = ? and account_id = ? and establishment_id = ?)""")
                .params(tenant.value(), account.value(), establishment.value())
                .query(Boolean.class)
                .single();
    }

    /** The accounts acting for these establishments (for the office's lists). */
    public List<Link> accountsOf(TenantId tenant, List<EstablishmentId> establishments) {
        if (establishments.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select account_id, establishment_id, linked_at from membership_professional
                        where tenant_id = ? and establishment_id = any(?) order by linked_at""")
                .params(tenant.value(), establishments.stream().map(EstablishmentId::value).toArray(UUID[]::new))
                .query((rs, n) -> new Link(new UserId(rs.getObject(1, UUID.class)),
                        new EstablishmentId(rs.getObject(2, UUID.class)), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /**
     * Lets the account act for the establishment (idempotent); the establishment must belong to the tenant.
     * Returns whether a new link was made.
     */
    @Transactional
    public boolean link(TenantId tenant, UserId account, EstablishmentId establishment, Actor by) {
        int inserted = jdbc.sql("""
                        insert into membership_professional (tenant_id, account_id, establishment_id, linked_at)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(tenant.value(), account.value(), establishment.value(), Timestamp.from(clock.instant()))
                .update();
        if (inserted > 0) {
            audit.record(by == null ? Actor.SYSTEM : by, tenant, "membership.professional.linked",
                    "directory_establishment", establishment.value(), Map.of("account", account.value()));
        }
        return inserted > 0;
    }
}
