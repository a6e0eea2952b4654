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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The studio's outgoing messages, newest first, so the front desk can answer "did my reminder go out?" and see why
 * one did not. Recipients are masked and bodies never leave: a login message's body holds a live login link, and
 * the desk needs to recognise an address, not read it. Pages by keyset on {@code (created_at, id)}.
 */
@RestController
class AdminNotificationsController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final Set<String> STATUSES = Set.of("PENDING", "RETRYING", "SENT", "DEAD");

    private final JdbcClient jdbc;

    AdminNotificationsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record MessageView(UUID id, String event, @Nullable UUID customerId, String channel, String recipient, String subject,
            String status, int attempts, @Nullable String pluginId, @Nullable String providerMessageId, @Nullable String lastError,
            OffsetDateTime createdAt, @Nullable OffsetDateTime sentAt) {}

    record Page(List<MessageView> items, @Nullable String nextCursor) {}

    private record Row(Instant createdAt, MessageView view) {}

    private record Cursor(Instant createdAt, UUID id) {}

    /** Filters combine with AND; times are answered in the studio's time zone. */
    @GetMapping("/api/admin/notifications")
    Page list(@AuthenticationPrincipal Jwt admin,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable UUID customerId,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            problems.add(new FieldProblem("status", "must be PENDING, RETRYING, SENT or DEAD"));
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
                SELECT id, event, customer_id, kind, recipient, subject, status, attempts, plugin_id, provider_message_id,
                       last_error, created_at, sent_at
                  FROM\s""").append(tenant.schemaName()).append(".outbound_messages WHERE true");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (customerId != null) {
            sql.append(" AND customer_id = ?");
            params.add(customerId);
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(after.createdAt().atOffset(ZoneOffset.UTC));
            params.add(after.id());
        }
        // One more than asked tells whether another page exists without a count.
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit + 1);

        List<Row> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
            OffsetDateTime sentAt = rs.getObject("sent_at", OffsetDateTime.class);
            String recipient = rs.getString("recipient");
            String lastError = rs.getString("last_error");
            MessageView view = new MessageView(rs.getObject("id", UUID.class), rs.getString("event"),
                    rs.getObject("customer_id", UUID.class), rs.getString("kind").toLowerCase(Locale.ROOT), mask(recipient),
                    rs.getString("subject"), rs.getString("status"), rs.getInt("attempts"), rs.getString("plugin_id"),
                    rs.getString("provider_message_id"),
                    // Providers like to quote the address they refused.
                    lastError == null || recipient.isEmpty() ? lastError : lastError.replace(recipient, mask(recipient)),
                    createdAt.atZone(zone).toOffsetDateTime(),
                    sentAt == null ? null : sentAt.atZoneSameInstant(zone).toOffsetDateTime());
            return new Row(createdAt, view);
        }).list();

        List<Row> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? cursorOf(page.getLast()) : null;
        return new Page(page.stream().map(Row::view).toList(), next);
    }

    /**
     * Enough of an address to recognise it, not to use it: {@code m***@example.com} for email, the country and network
     * prefix and the last four digits for a phone ({@code +97150***4567}). At least three characters are always hidden.
     */
    static String mask(String recipient) {
        int at = recipient.lastIndexOf('@');
        if (at > 0) {
            return recipient.charAt(0) + "***" + recipient.substring(at);
        }
        if (recipient.length() < 2) {
            return "***";
        }
        int head = Math.max(1, Math.min(6, recipient.length() - 7));
        int tail = Math.min(4, Math.max(0, recipient.length() - head - 3));
        return recipient.substring(0, head) + "***" + recipient.substring(recipient.length() - tail);
    }

    private static @Nullable Cursor cursor(@Nullable String cursor, List<FieldProblem> problems) {
        try {
            return PageCursor.decode(cursor).map(c -> new Cursor(c.at(), UUID.fromString(c.key()))).orElse(null);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("cursor", PageCursor.NOT_OURS));
            return null;
        }
    }

    private static String cursorOf(Row last) {
        return new PageCursor(last.createdAt(), last.view().id().toString()).encode();
    }
}
