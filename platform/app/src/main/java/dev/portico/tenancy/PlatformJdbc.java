package dev.portico.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SQL on the {@code platform} tables (registry, plugin settings, admin accounts, platform audit), which live on the
 * primary database whichever studio the thread works for.
 *
 * <p>Outside any studio, and for a studio on the primary database, a statement runs on the application's
 * {@link JdbcClient}, exactly as the studio's own SQL does: inside a transaction, in it. For a studio placed on another
 * database the caller's transaction is on that database, so platform statements go to the primary on a connection of
 * their own: outside a transaction each commits on its own; inside one, all of them share one primary connection in
 * a transaction that commits just before the caller's and rolls back with it, so a {@code SELECT ... FOR UPDATE} holds
 * its lock to the end, as it does on the primary.
 *
 * <p>So a change that writes both a placed studio's tables and platform tables is two commits, the platform's first.
 * Two do that: a settings change ({@link TenantSettings#update}) and a plugin change, each a platform row plus the
 * studio's audit row of it. A failed platform commit rolls the studio's part back too. The studio's part of both is
 * plain SQL, run as it is issued, so what can still fail after the platform's commit is the placement's commit itself
 * (its server lost in between): then the platform change stands without the studio's audit row of it. Either database
 * holds whole changes only, never half of one. Jobs are not among these: a placement keeps its own job table, so a job
 * commits with the studio's change that scheduled it.
 */
@Component
public class PlatformJdbc {

    private final JdbcClient shared;
    private final DataSource primary;
    private final JdbcClient onPrimary;

    PlatformJdbc(JdbcClient shared, TenantSchemas schemas) {
        this.shared = shared;
        this.primary = schemas.database(null);
        this.onPrimary = JdbcClient.create(primary);
    }

    /** A statement on the platform tables. */
    public JdbcClient.StatementSpec sql(String sql) {
        if (TenantContext.placement() == null) {
            return shared.sql(sql);
        }
        if (TransactionSynchronizationManager.isActualTransactionActive() && TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(primary)) {
            PrimaryTransaction.begin(primary);
        }
        return onPrimary.sql(sql);
    }

    /**
     * The primary database's pool, for libraries that take and commit connections themselves (rate limits): never in a
     * caller's transaction, whatever studio the thread works for.
     */
    public DataSource dataSource() {
        return primary;
    }

    /** A placed studio's transaction's connection to the primary: committed just before it, rolled back with it. */
    private static final class PrimaryTransaction implements TransactionSynchronization {

        private static final Logger log = LoggerFactory.getLogger(PrimaryTransaction.class);

        private final DataSource primary;
        private final ConnectionHolder holder;
        private boolean committed;

        private PrimaryTransaction(DataSource primary, ConnectionHolder holder) {
            this.primary = primary;
            this.holder = holder;
        }

        /** Binds a primary connection in a transaction of its own to the caller's, where the JdbcClient finds it. */
        static void begin(DataSource primary) {
            Connection connection;
            try {
                connection = primary.getConnection();
            } catch (SQLException e) {
                throw new CannotGetJdbcConnectionException("Cannot reach the primary database", e);
            }
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                close(connection);
                throw new CannotGetJdbcConnectionException("Cannot begin a transaction on the primary database", e);
            }
            ConnectionHolder holder = new ConnectionHolder(connection);
            holder.setSynchronizedWithTransaction(true);
            TransactionSynchronizationManager.bindResource(primary, holder);
            TransactionSynchronizationManager.registerSynchronization(new PrimaryTransaction(primary, holder));
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(primary);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(primary, holder);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            try {
                holder.getConnection().commit();
                committed = true;
            } catch (SQLException e) {
                throw new TransactionSystemException("Could not commit the platform's part of the transaction", e);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(primary);
            Connection connection = holder.getConnection();
            try {
                if (!committed) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                log.warn("Could not end the platform's part of a transaction cleanly", e);
            } finally {
                close(connection);
            }
        }

        private static void close(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Could not return a primary database connection to its pool", e);
            }
        }
    }
}
