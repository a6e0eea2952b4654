package dev.portico.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job runner: every {@link Task} bean, run by db-scheduler from {@code platform.scheduled_tasks}. A job
 * scheduled inside a transaction is written in that transaction, so it exists exactly when the change that
 * asked for it committed; a node that dies mid-job has the job picked up again by another.
 *
 * <p>Jobs are written to the database of the thread's connections: the primary one, or for a studio placed on another
 * database (see {@link JobDatabases}), that database's own table. So each of those databases has a runner of its own
 * for one-time jobs; recurring jobs live on the primary only.
 */
@Component
public class Jobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final String TABLE = "platform.scheduled_tasks";

    private final DataSource dataSource;
    private final JobDatabases databases;
    private final ObjectProvider<Task<?>> tasks;
    private final JobsProperties properties;
    private final Clock clock;
    /** Scheduling needs no task definitions, so features can schedule without depending on every task bean. */
    private final SchedulerClient client;
    private @Nullable Scheduler runner;
    /** The runners of the other databases, by name; one-time jobs only. */
    private final Map<String, Scheduler> otherRunners = new LinkedHashMap<>();

    Jobs(DataSource dataSource, JobDatabases databases, ObjectProvider<Task<?>> tasks, JobsProperties properties, Clock clock) {
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.databases = databases;
        this.tasks = tasks;
        this.properties = properties;
        this.clock = clock;
        this.client = SchedulerClient.Builder.create(this.dataSource).tableName(TABLE).build();
    }

    /**
     * Schedules a job at {@code when}; inside a transaction, it commits or rolls back with it. A job due now
     * starts on this node as soon as it is committed; other nodes find it at their next poll.
     */
    public <T> void schedule(TaskInstance<T> instance, Instant when) {
        client.scheduleIfNotExists(instance, when);
        if (when.isAfter(clock.instant())) {
            return;
        }
        String database = databases.current();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkNow(database);
                }
            });
        } else {
            checkNow(database);
        }
    }

    private synchronized void checkNow(@Nullable String database) {
        Scheduler due = database == null ? runner : otherRunners.get(database);
        if (due != null) {
            due.triggerCheckForDueExecutions();
        }
    }

    /** For inspection and rescheduling by id, in the database of the thread's connections, as {@link #schedule}. */
    public SchedulerClient client() {
        return client;
    }

    @Override
    public synchronized void start() {
        if (properties.enabled()) {
            List<Task<?>> all = tasks.orderedStream().toList();
            // Recurring tasks are handed over as start tasks (scheduled on start-up); db-scheduler adds them to the known ones.
            List<RecurringTask<?>> recurring = all.stream()
                    .filter(RecurringTask.class::isInstance).<RecurringTask<?>>map(RecurringTask.class::cast).toList();
            List<Task<?>> oneTime = all.stream().filter(task -> !(task instanceof RecurringTask)).toList();
            runner = runner(dataSource, oneTime).startTasks(recurring).build();
            runner.start();
            databases.byName().forEach((name, database) -> {
                Scheduler other = runner(database, oneTime).build();
                other.start();
                otherRunners.put(name, other);
            });
            log.info("Job runner started with {} tasks{}", all.size(),
                    otherRunners.isEmpty() ? "" : "; its one-time tasks also run from the databases " + otherRunners.keySet());
        }
    }

    private SchedulerBuilder runner(DataSource database, List<Task<?>> oneTime) {
        SchedulerBuilder builder = Scheduler.create(database, oneTime);
        if (properties.heartbeatInterval() != null) {
            builder.heartbeatInterval(properties.heartbeatInterval());
        }
        return builder
                .tableName(TABLE)
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .alwaysPersistTimestampInUTC()
                .failureLogging(LogLevel.WARN, false)
                // Inside a Spring transaction the connection is Spring's to commit, never db-scheduler's.
                .commitWhenAutocommitDisabled(false)
                .clock(clock::instant)
                .shutdownMaxWait(properties.shutdownMaxWait());
    }

    /** Stops polling for jobs and waits (up to the shutdown wait) for running ones, before the database pools close. */
    @Override
    public synchronized void stop() {
        otherRunners.values().forEach(Scheduler::stop);
        otherRunners.clear();
        if (runner != null) {
            runner.stop();
            runner = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return runner != null || !properties.enabled();
    }

    /**
     * Starts after tenants are provisioned (phase 0) and before the web server; stops after the web server has
     * finished its requests, and before beans (the database pool) are destroyed.
     */
    @Override
    public int getPhase() {
        return 100;
    }
}
