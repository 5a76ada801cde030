package eu.localeconomy.membership.followup;

import eu.localeconomy.membership.extranet.CampaignPageVisited;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Visits of a campaign page: one row per establishment and campaign, first and last time and how often. One upsert in
 * the request that showed the page (synchronous: the page view runs outside a transaction, so a transactional
 * listener would never hear it, and one statement is cheaper than an outbox row).
 */
@Component
class Visits {

    private final JdbcClient jdbc;
    private final Clock clock;

    Visits(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(CampaignPageVisited visit) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into membership_visit (tenant_id, campaign_id, establishment_id, first_at, last_at, visits)
                        values (?, ?, ?, ?, ?, 1)
                        on conflict (tenant_id, campaign_id, establishment_id) do update
                        set last_at = greatest(membership_visit.last_at, excluded.last_at),
                            visits = membership_visit.visits + 1""")
                .params(visit.tenant().value(), visit.campaign().value(), visit.establishment().value(), now, now)
                .update();
    }
}
