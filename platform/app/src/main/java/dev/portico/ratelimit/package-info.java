/** Cluster-wide rate limits: token buckets in PostgreSQL shared by every node, refusing with 429 {@code RATE_LIMITED}. */
@NullMarked
package dev.portico.ratelimit;

import org.jspecify.annotations.NullMarked;
