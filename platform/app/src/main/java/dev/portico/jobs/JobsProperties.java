package dev.portico.jobs;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Job runner settings.
 *
 * @param enabled         whether this node runs jobs (scheduling works either way)
 * @param threads         jobs run at once on this node
 * @param pollingInterval how often this node looks for due jobs scheduled by other nodes
 * @param shutdownMaxWait at shutdown, how long running jobs may finish before the node stops anyway (a job cut
 *                        short is picked up again once its heartbeat is stale); 20 seconds when not set
 * @param heartbeatInterval how often a node marks its running jobs alive; a job whose node missed six heartbeats is
 *                        taken for dead and run again by another node (db-scheduler's 5 minutes when not set)
 */
@ConfigurationProperties("portico.jobs")
public record JobsProperties(boolean enabled, int threads, Duration pollingInterval, Duration shutdownMaxWait,
        @Nullable Duration heartbeatInterval) {

    public JobsProperties {
        shutdownMaxWait = shutdownMaxWait == null ? Duration.ofSeconds(20) : shutdownMaxWait;
    }
}
