/** Durable, cluster-safe background work on PostgreSQL (db-scheduler): each job runs once, across all nodes. */
@NullMarked
package dev.portico.jobs;

import org.jspecify.annotations.NullMarked;
