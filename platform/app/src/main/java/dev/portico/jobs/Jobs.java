package dev.portico.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 */
@Component
public class Jobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final String TABLE = "platform.scheduled_tasks";

    private final DataSource dataSource;
    private final ObjectProvider<Task<?>> tasks;
    private final JobsProperties properties;
    private final Clock clock;
    /** Scheduling needs no task definitions, so features can schedule without depending on every task bean. */
    private final SchedulerClient client;
    private @Nullable Scheduler runner;

    Jobs(DataSource dataSource, ObjectProvider<Task<?>> tasks, JobsProperties properties, Clock clock) {
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
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
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkNow();
                }
            });
        } else {
            checkNow();
        }
    }

    private synchronized void checkNow() {
        if (runner != null) {
            runner.triggerCheckForDueExecutions();
        }
    }

    /** For inspection and rescheduling by id. */
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
            runner = Scheduler.create(dataSource, oneTime)
                    .tableName(TABLE)
                    .threads(properties.threads())
                    .pollingInterval(properties.pollingInterval())
                    .alwaysPersistTimestampInUTC()
                    .failureLogging(LogLevel.WARN, false)
                    // Inside a Spring transaction the connection is Spring's to commit, never db-scheduler's.
                    .commitWhenAutocommitDisabled(false)
                    .startTasks(recurring)
                    .clock(clock::instant)
                    .shutdownMaxWait(properties.shutdownMaxWait())
                    .build();
            runner.start();
            log.info("Job runner started with {} tasks", all.size());
        }
    }

    /** Stops polling for jobs and waits (up to the shutdown wait) for running ones, before the database pool closes. */
    @Override
    public synchronized void stop() {
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
