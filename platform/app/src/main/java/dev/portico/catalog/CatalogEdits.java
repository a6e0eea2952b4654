package dev.portico.catalog;

import dev.portico.audit.Actor;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import dev.portico.web.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What the catalog's admin endpoints share: keyset pages, version conflicts, audit diffs and the refusals they
 * answer with, so every list and every edit behaves the same way.
 */
final class CatalogEdits {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    static final String TIME_MESSAGE = "must be a local time such as 18:30";
    static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    static final String DATE_MESSAGE = "must be a date such as 2026-12-01";

    private CatalogEdits() {
    }

    /** A page of a list, and where the next one starts. */
    record Page<T>(List<T> items, @Nullable String nextCursor) {}

    /** Where the previous page ended: the ordering instant and the row's id. */
    record Cursor(Instant at, UUID id) {}

    private record Row<T>(Instant at, UUID id, T item) {}

    static void checkLimit(int limit, List<FieldProblem> problems) {
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
    }

    static @Nullable Cursor cursor(@Nullable String cursor, List<FieldProblem> problems) {
        try {
            return PageCursor.decode(cursor).map(c -> new Cursor(c.at(), UUID.fromString(c.key()))).orElse(null);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("cursor", PageCursor.NOT_OURS));
            return null;
        }
    }

    /**
     * One page in ascending {@code (atColumn, idColumn)} order. {@code sql} selects the row with {@code atColumn AS
     * page_at} and {@code idColumn AS page_id} among its columns and ends in a WHERE clause this appends to.
     */
    static <T> Page<T> page(JdbcClient jdbc, String sql, List<Object> params, String atColumn, String idColumn,
            @Nullable Cursor after, int limit, RowMapper<T> mapper) {
        StringBuilder query = new StringBuilder(sql);
        List<Object> all = new ArrayList<>(params);
        if (after != null) {
            query.append(" AND (").append(atColumn).append(", ").append(idColumn).append(") > (?, ?)");
            all.add(after.at().atOffset(ZoneOffset.UTC));
            all.add(after.id());
        }
        // One more than asked tells whether another page exists without a count.
        query.append(" ORDER BY ").append(atColumn).append(", ").append(idColumn).append(" LIMIT ?");
        all.add(limit + 1);
        List<Row<T>> rows = jdbc.sql(query.toString()).params(all).query((rs, n) -> new Row<>(
                rs.getObject("page_at", OffsetDateTime.class).toInstant(), rs.getObject("page_id", UUID.class), mapper.mapRow(rs, n)))
                .list();
        List<Row<T>> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? new PageCursor(page.getLast().at(), page.getLast().id().toString()).encode() : null;
        return new Page<>(page.stream().map(Row::item).toList(), next);
    }

    /** A page of {@code table}'s rows in creation order, only the active or inactive ones when {@code active} says. */
    static <T> Page<T> pageByActive(JdbcClient jdbc, String table, String columns, @Nullable Boolean active, int limit,
            @Nullable String cursor, RowMapper<T> mapper) {
        List<FieldProblem> problems = new ArrayList<>();
        checkLimit(limit, problems);
        Cursor after = cursor(cursor, problems);
        failOn(problems);
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + columns + " FROM " + table + " WHERE true";
        if (active != null) {
            sql += " AND active = ?";
            params.add(active);
        }
        return page(jdbc, sql, params, "created_at", "id", after, limit, mapper);
    }

    static void failOn(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    static ApiException versionConflict(String thing) {
        return new ApiException(HttpStatus.CONFLICT, "VERSION_CONFLICT", "Changed by someone else",
                "This " + thing + " was changed by someone else. Reload it and try again.");
    }

    static ApiException refused(String code, String title, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, title, detail);
    }

    /** The version a PUT or PATCH must send back; 400 naming {@code version} when it sent none. */
    static long requireVersion(@Nullable Long version) {
        if (version == null) {
            throw ApiException.validation(List.of(new FieldProblem("version", "is required: send the version you read")));
        }
        return version;
    }

    /** Old and new values of the fields that changed, for the audit trail. */
    static Map<String, Object> diff(Map<String, ?> before, Map<String, ?> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            Object old = before.get(field);
            if (!Objects.equals(old, value)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("from", old);
                change.put("to", value);
                changed.put(field, change);
            }
        });
        return changed;
    }

    static Actor actor(Jwt admin) {
        return Actor.admin(admin.getSubject());
    }

    static String schema() {
        return TenantContext.require().schemaName();
    }

    static ZoneId studioZone() {
        return ZoneId.of(TenantContext.require().config().timezone());
    }

    static OffsetDateTime local(Instant instant) {
        return instant.atZone(studioZone()).toOffsetDateTime();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** A field map that may hold nulls, in the order given: name, value, name, value, ... */
    static Map<String, @Nullable Object> fields(@Nullable Object... namesAndValues) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return fields;
    }

    static String trimmed(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
