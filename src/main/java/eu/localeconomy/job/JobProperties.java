package eu.localeconomy.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param enabled      whether this node runs jobs (a node may serve pages only)
 * @param threads      jobs run at once on this node
 * @param staleAfter   a RUNNING job without a heartbeat for this long belonged to a dead node and is resumed
 * @param maxAttempts  claims of one job before it is given up as FAILED (a job that kills its node every time)
 */
@ConfigurationProperties("app.jobs")
record JobProperties(@DefaultValue("true") boolean enabled,
                     @DefaultValue("2") int threads,
                     @DefaultValue("60s") Duration staleAfter,
                     @DefaultValue("5") int maxAttempts) {
}
