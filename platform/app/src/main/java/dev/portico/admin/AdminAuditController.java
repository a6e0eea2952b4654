package dev.portico.admin;

import dev.portico.security.AdminRole;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.web.PageCursor;
import dev.portico.web.ApiException.FieldProblem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The studio's audit trail for its owner and front desk: who did what, to which customer or object, from where,
 * newest first. Reads only the current studio's {@code audit_logs}. Pages by keyset on {@code (at, id)} rather
 * than by offset, so rows written while an admin pages never shift a page and nothing is seen twice or skipped.
 */
@RestController
class AdminAuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** Exact action names, or a prefix ending in {@code *}; the same alphabet the app writes actions in. */
    private static final Pattern ACTION = Pattern.compile("^(\\*|[a-z][a-z0-9_.-]{0,99}\\*?)$");
    private static final String TIME_FORMAT =
            "must be an ISO-8601 time with offset, such as 2026-12-01T18:00:00+04:00 (write + as %2B in a URL)";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AdminAuditController(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record ActorView(String type, @Nullable String id) {}

    record TargetView(@Nullable String type, @Nullable String id) {}

    record Entry(long id, OffsetDateTime at, ActorView actor, String action, @Nullable UUID customerId, @Nullable TargetView target,
            @Nullable String ip, @Nullable String userAgent, JsonNode details) {}

    record Page(List<Entry> items, @Nullable String nextCursor) {}

    /** A row with its stored instant, which the cursor needs at full precision. */
    private record Row(Instant at, Entry entry) {}

    /** Where the previous page ended. */
    private record Cursor(Instant at, long id) {}

    /**
     * Filters combine with AND. {@code action} is exact, or a prefix when it ends in {@code *} ({@code auth.*}).
     * The window is half-open, {@code from <= at < to}, so consecutive windows never count a row twice. Times are
     * answered in the studio's time zone.
     */
    @GetMapping("/api/admin/audit")
    Page list(@AuthenticationPrincipal Jwt admin,
            @RequestParam(required = false) @Nullable UUID customerId,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        if (action != null && !ACTION.matcher(action).matches()) {
            problems.add(new FieldProblem("action", "must be an action name such as auth.login, or a prefix such as auth.*"));
        }
        OffsetDateTime since = time("from", from, problems);
        OffsetDateTime until = time("to", to, problems);
        if (since != null && until != null && !since.isBefore(until)) {
            problems.add(new FieldProblem("to", "must be later than from"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        Cursor after = cursor(cursor, problems);
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }

        Tenant tenant = TenantContext.require();
        ZoneId zone = ZoneId.of(tenant.config().timezone());
        StringBuilder sql = new StringBuilder("""
                SELECT id, at, actor_type, actor_id, action, customer_id, target_type, target_id, host(ip) AS ip, user_agent,
                       cast(details AS text) AS details
                  FROM\s""").append(tenant.schemaName()).append(".audit_logs WHERE true");
        List<Object> params = new ArrayList<>();
        if (customerId != null) {
            sql.append(" AND customer_id = ?");
            params.add(customerId);
        }
        if (action != null && action.endsWith("*")) {
            sql.append(" AND action LIKE ? ESCAPE '\\'");
            params.add(likePrefix(action.substring(0, action.length() - 1)) + "%");
        } else if (action != null) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (since != null) {
            sql.append(" AND at >= ?");
            params.add(since);
        }
        if (until != null) {
            sql.append(" AND at < ?");
            params.add(until);
        }
        if (after != null) {
            sql.append(" AND (at, id) < (?, ?)");
            params.add(after.at().atOffset(ZoneOffset.UTC));
            params.add(after.id());
        }
        // One more than asked tells whether another page exists without a count.
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        params.add(limit + 1);

        List<Row> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            Instant at = rs.getObject("at", OffsetDateTime.class).toInstant();
            String targetType = rs.getString("target_type");
            String targetId = rs.getString("target_id");
            Entry entry = new Entry(rs.getLong("id"), at.atZone(zone).toOffsetDateTime(),
                    new ActorView(rs.getString("actor_type"), rs.getString("actor_id")), rs.getString("action"),
                    rs.getObject("customer_id", UUID.class),
                    targetType == null && targetId == null ? null : new TargetView(targetType, targetId),
                    rs.getString("ip"), rs.getString("user_agent"), json.readTree(rs.getString("details")));
            return new Row(at, entry);
        }).list();

        List<Row> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? cursorOf(page.getLast()) : null;
        return new Page(page.stream().map(Row::entry).toList(), next);
    }

    /** Front desk may read the trail too; anything else holding an admin token (there is nothing else today) may not. */
    private static @Nullable OffsetDateTime time(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, TIME_FORMAT));
            return null;
        }
    }

    /** Escapes LIKE's own wildcards: {@code _} is common in action names and must match only itself. */
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static @Nullable Cursor cursor(@Nullable String cursor, List<FieldProblem> problems) {
        try {
            return PageCursor.decode(cursor).map(c -> new Cursor(c.at(), Long.parseLong(c.key()))).orElse(null);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("cursor", PageCursor.NOT_OURS));
            return null;
        }
    }

    private static String cursorOf(Row last) {
        return new PageCursor(last.at(), Long.toString(last.entry().id())).encode();
    }
}
