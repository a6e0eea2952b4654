package dev.portico.jobs;

import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The databases besides the primary that keep jobs of their own, each in a {@code platform.scheduled_tasks} table, so
 * a job scheduled in a transaction on one of them commits with it. {@link Jobs} runs one-time jobs from each.
 */
public interface JobDatabases {

    /** Each database by name, its connections staying on it whichever thread borrows them. */
    Map<String, DataSource> byName();

    /** The database a job scheduled on this thread now is written to: a name from {@link #byName()}, null for the primary. */
    @Nullable String current();
}
