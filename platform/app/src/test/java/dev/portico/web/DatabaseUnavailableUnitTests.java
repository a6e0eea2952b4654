package dev.portico.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the database being away (503) and which are ours or the request's (never 503). */
class DatabaseUnavailableUnitTests {

    @Test
    void noConnectionOrALostOneIsTheDatabaseBeingAway() {
        assertThat(Problems.databaseUnavailable(new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("Connection is not available, request timed out after 2000ms")))).isTrue();
        assertThat(Problems.databaseUnavailable(new CannotCreateTransactionException("Could not open JPA EntityManager"))).isTrue();
        assertThat(Problems.databaseUnavailable(new RuntimeException(new SQLException("An I/O error occurred", "08006")))).isTrue();
        assertThat(Problems.databaseUnavailable(new RuntimeException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        // A commit on the connection the pool closed as broken, as seen when the server stops mid-transaction.
        assertThat(Problems.databaseUnavailable(new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed"))))).isTrue();
        TransactionSystemException rollbackFailed = new TransactionSystemException("Could not roll back JPA transaction");
        rollbackFailed.initApplicationException(new RuntimeException(new SQLException("An I/O error occurred", "08006")));
        assertThat(Problems.databaseUnavailable(rollbackFailed)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Problems.databaseUnavailable(null)).isFalse();
        assertThat(Problems.databaseUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(Problems.databaseUnavailable(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(Problems.databaseUnavailable(new CannotAcquireLockException("deadlock", new SQLException("deadlock detected", "40P01"))))
                .isFalse();
        assertThat(Problems.databaseUnavailable(new RuntimeException(new SQLException("syntax error", "42601")))).isFalse();
    }
}
