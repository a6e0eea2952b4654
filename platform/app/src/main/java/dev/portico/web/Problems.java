package dev.portico.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem+json bodies, for MVC handlers and for filters that answer before MVC runs. */
public final class Problems {

    /** Seconds a client should wait before trying again after {@link #databaseUnavailable()}. */
    public static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** A problem with Portico's {@code code} extension, and {@code errors} when fields failed. */
    public static ProblemDetail of(HttpStatus status, String code, String title, String detail, List<ApiException.FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://portico.dev/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /**
     * Whether {@code failure} means the database could not be reached (down, restarting, or no connection free in
     * time), a condition that passes: such a request is answered 503 {@code SERVICE_UNAVAILABLE}, never a 500.
     *
     * <p>When the server goes away mid-transaction the first error is often not the one that surfaces: the pool closes
     * the broken connection, and the commit or rollback that follows fails with the pool's "Connection is closed",
     * sometimes wrapping the application's own exception. Those count too.
     */
    public static boolean databaseUnavailable(@Nullable Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> next = new ArrayDeque<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty()) {
            Throwable cause = next.poll();
            if (!seen.add(cause)) {
                continue;
            }
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException sql && connectionLost(sql)) {
                return true;
            }
            if (cause.getCause() != null) {
                next.add(cause.getCause());
            }
            if (cause instanceof TransactionSystemException system && system.getApplicationException() != null) {
                next.add(system.getApplicationException());
            }
            next.addAll(Arrays.asList(cause.getSuppressed()));
        }
        return false;
    }

    /** Connection exceptions (SQLSTATE 08), an administrator's shutdown (57P), or a connection the pool closed as broken. */
    private static boolean connectionLost(SQLException sql) {
        String state = sql.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"))
                || state == null && "Connection is closed".equals(sql.getMessage());
    }

    /** The answer while the database is unreachable. */
    public static ProblemDetail databaseUnavailable() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "Temporarily unavailable",
                "We cannot serve this right now. Please try again in a moment.", List.of());
    }

    /** Writes a problem straight to a servlet response. */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail)
            throws IOException {
        write(response, status, code, title, detail, List.of());
    }

    /** Writes a problem with field errors straight to a servlet response. */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail,
            List<ApiException.FieldProblem> errors) throws IOException {
        ProblemDetail problem = of(status, code, title, detail, errors);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
