package dev.portico.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Job runner settings.
 *
 * @param enabled         whether this node runs jobs (scheduling works either way)
 * @param threads         jobs run at once on this node
 * @param pollingInterval how often this node looks for due jobs scheduled by other nodes
 */
@ConfigurationProperties("portico.jobs")
public record JobsProperties(boolean enabled, int threads, Duration pollingInterval) {}
