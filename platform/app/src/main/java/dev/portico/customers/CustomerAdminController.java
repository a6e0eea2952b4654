package dev.portico.customers;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.security.AdminRole;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TimeZoneId;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import dev.portico.web.KeysetCursor;
import dev.portico.web.PageCursor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The studio's customers for its owner and front desk: find, create, edit, deactivate, reactivate and merge. Every
 * change is audited with the fields it changed. Deactivating ends the customer's portal sessions but leaves their
 * bookings as they are: the studio cancels those itself if it wants to.
 */
@RestController
class CustomerAdminController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CustomerPreferences preferences;
    private final CustomerMerge merge;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerAdminController(JdbcClient jdbc, AuditLog audit, CustomerPreferences preferences, CustomerMerge merge,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.preferences = preferences;
        this.merge = merge;
        this.events = events;
        this.clock = clock;
    }

    record CustomerItem(UUID id, @Nullable String memberNumber, String firstName, String lastName, @Nullable String email,
            @Nullable String phone, String status, OffsetDateTime createdAt, long version) {}

    record Page(List<CustomerItem> items, @Nullable String nextCursor) {}

    record PackageSummary(UUID id, String name, int creditsTotal, int creditsRemaining, OffsetDateTime expiresAt, String status) {}

    record CustomerDetail(UUID id, @Nullable String memberNumber, String firstName, String lastName, @Nullable String email,
            @Nullable String phone, String timezone, String locale, String status, @Nullable UUID mergedInto,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, CustomerPreferences.Preferences preferences,
            List<PackageSummary> packages, long upcomingAppointments, long version) {}

    record NewCustomer(
            @NotBlank @Size(max = 100) String firstName,
            @Nullable @Size(max = 100) String lastName,
            @Nullable @Email @Size(max = 254) String email,
            @Nullable @Pattern(regexp = ProfileController.PHONE, message = "must be an international number such as +971501234567") String phone,
            @Nullable @TimeZoneId String timezone,
            @Nullable @Size(max = 20) String locale) {}

    /** The whole editable record, as GET answers it, with the version it was read at. */
    record CustomerUpdate(
            @NotBlank @Size(max = 100) String firstName,
            @Nullable @Size(max = 100) String lastName,
            @Nullable @Email @Size(max = 254) String email,
            @Nullable @Pattern(regexp = ProfileController.PHONE, message = "must be an international number such as +971501234567") String phone,
            @NotBlank @TimeZoneId String timezone,
            @NotBlank @Size(max = 20) String locale,
            @NotNull Long version) {}

    record Deactivation(@NotBlank @Size(max = 1000) String reason) {}

    record MergeRequest(@NotNull UUID duplicateId) {}

    /** A customer row as stored. */
    private record Row(UUID id, @Nullable String memberNumber, String firstName, String lastName, @Nullable String email,
            @Nullable String phone, String timezone, String locale, String status, @Nullable UUID mergedInto, Timestamp createdAt,
            Timestamp updatedAt, long version) {}

    /**
     * Customers sorted by last name, first name and id. {@code query} matches part of the name, email, phone or member
     * number; {@code status} is ACTIVE, DEACTIVATED, MERGED, or INACTIVE for both of the last two. Without a status,
     * merged duplicates are left out: they are no longer customers of their own.
     */
    @GetMapping("/api/admin/customers")
    @Transactional(readOnly = true)
    Page list(@AuthenticationPrincipal Jwt admin,
            @RequestParam(required = false) @Nullable String query,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AdminRole.requireStaff(admin);
        List<FieldProblem> problems = new ArrayList<>();
        if (query != null && query.strip().length() > 100) {
            problems.add(new FieldProblem("query", "must be at most 100 characters"));
        }
        List<String> statuses = switch (status == null ? "" : status) {
            case "" -> List.of("ACTIVE", "DEACTIVATED");
            case "ACTIVE", "DEACTIVATED", "MERGED" -> List.of(status);
            case "INACTIVE" -> List.of("DEACTIVATED", "MERGED");
            default -> {
                problems.add(new FieldProblem("status", "must be ACTIVE, INACTIVE, DEACTIVATED or MERGED"));
                yield List.of();
            }
        };
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        KeysetCursor after = null;
        try {
            after = KeysetCursor.decode(cursor, 3).orElse(null);
            if (after != null) {
                UUID.fromString(after.key(2));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("cursor", PageCursor.NOT_OURS));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }

        Tenant tenant = TenantContext.require();
        ZoneId zone = ZoneId.of(tenant.config().timezone());
        StringBuilder sql = new StringBuilder("SELECT id, member_number, first_name, last_name, email, phone, status, created_at, version, "
                + "lower(last_name) AS last_key, lower(first_name) AS first_key FROM " + tenant.schemaName()
                + ".customers WHERE status = ANY(?)");
        List<Object> params = new ArrayList<>();
        params.add(statuses.toArray(String[]::new));
        String text = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty()) {
            String like = "%" + escapeLike(text) + "%";
            String digits = text.replaceAll("[\\s().-]", "");
            sql.append(" AND (lower(first_name || ' ' || last_name) LIKE ? ESCAPE '\\' OR lower(last_name || ' ' || first_name) LIKE ? ESCAPE '\\'"
                    + " OR email LIKE ? ESCAPE '\\' OR lower(member_number) LIKE ? ESCAPE '\\'"
                    + (digits.isEmpty() ? "" : " OR phone LIKE ? ESCAPE '\\'") + ")");
            params.addAll(List.of(like, like, like, like));
            if (!digits.isEmpty()) {
                params.add("%" + escapeLike(digits) + "%");
            }
        }
        if (after != null) {
            sql.append(" AND (lower(last_name), lower(first_name), id) > (?, ?, cast(? AS uuid))");
            params.addAll(List.of(after.key(0), after.key(1), after.key(2)));
        }
        // One more than asked tells whether another page exists without a count.
        sql.append(" ORDER BY lower(last_name), lower(first_name), id LIMIT ?");
        params.add(limit + 1);

        record Listed(CustomerItem item, String lastKey, String firstKey) {}
        List<Listed> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Listed(new CustomerItem(
                rs.getObject("id", UUID.class), rs.getString("member_number"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant().atZone(zone).toOffsetDateTime(), rs.getLong("version")),
                rs.getString("last_key"), rs.getString("first_key"))).list();
        List<Listed> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = null;
        if (rows.size() > limit) {
            Listed last = page.getLast();
            next = KeysetCursor.of(last.lastKey(), last.firstKey(), last.item().id().toString()).encode();
        }
        return new Page(page.stream().map(Listed::item).toList(), next);
    }

    @GetMapping("/api/admin/customers/{id}")
    @Transactional(readOnly = true)
    CustomerDetail get(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        return detail(load(id, false));
    }

    @PostMapping("/api/admin/customers")
    @Transactional
    ResponseEntity<CustomerDetail> create(@AuthenticationPrincipal Jwt admin, @Valid @RequestBody NewCustomer form) {
        AdminRole.requireStaff(admin);
        Tenant tenant = TenantContext.require();
        String email = email(form.email());
        String phone = blankToNull(form.phone());
        String timezone = form.timezone() == null ? tenant.config().timezone() : form.timezone();
        String locale = form.locale() == null ? tenant.config().locale() : form.locale();
        check(email, phone, locale);
        ensureUnique(email, phone, null);
        Timestamp now = Timestamp.from(clock.instant());
        UUID id = UUID.randomUUID();
        String firstName = form.firstName().strip();
        String lastName = form.lastName() == null ? "" : form.lastName().strip();
        try {
            jdbc.sql("INSERT INTO " + tenant.schemaName() + """
                    .customers (id, first_name, last_name, email, phone, timezone, locale, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(id, firstName, lastName, email, phone, timezone, locale, now, now).update();
        } catch (DuplicateKeyException e) {
            throw taken(e);
        }
        Map<String, @Nullable Object> created = new LinkedHashMap<>();
        created.put("firstName", firstName);
        created.put("lastName", lastName);
        created.put("email", email);
        created.put("phone", phone);
        created.put("timezone", timezone);
        created.put("locale", locale);
        audit.record(actor(admin), "customer.created", id, "customer", id.toString(), created);
        return ResponseEntity.status(HttpStatus.CREATED).body(detail(load(id, false)));
    }

    /** Saves the record against the version it was read at; a change made meanwhile answers 409 and is never overwritten. */
    @PutMapping("/api/admin/customers/{id}")
    @Transactional
    CustomerDetail update(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody CustomerUpdate form) {
        AdminRole.requireStaff(admin);
        Row current = load(id, true);
        notMerged(current);
        if (current.version() != form.version()) {
            throw versionConflict();
        }
        String email = email(form.email());
        String phone = blankToNull(form.phone());
        check(email, phone, form.locale());
        ensureUnique(Objects.equals(email, current.email()) ? null : email, Objects.equals(phone, current.phone()) ? null : phone, id);
        String firstName = form.firstName().strip();
        String lastName = form.lastName() == null ? "" : form.lastName().strip();
        Map<String, Map<String, @Nullable Object>> changes = new LinkedHashMap<>();
        change(changes, "firstName", current.firstName(), firstName);
        change(changes, "lastName", current.lastName(), lastName);
        change(changes, "email", current.email(), email);
        change(changes, "phone", current.phone(), phone);
        change(changes, "timezone", current.timezone(), form.timezone());
        change(changes, "locale", current.locale(), form.locale());
        if (changes.isEmpty()) {
            return detail(current);
        }
        int updated;
        try {
            updated = jdbc.sql("UPDATE " + schema() + """
                    .customers SET first_name = ?, last_name = ?, email = ?, phone = ?, timezone = ?, locale = ?, updated_at = ?,
                                   version = version + 1
                     WHERE id = ? AND version = ?
                    """).params(firstName, lastName, email, phone, form.timezone(), form.locale(), Timestamp.from(clock.instant()),
                    id, form.version()).update();
        } catch (DuplicateKeyException e) {
            throw taken(e);
        }
        if (updated == 0) {
            throw versionConflict();
        }
        if (changes.containsKey("timezone") || changes.containsKey("locale")) {
            preferences.followProfile(id, form.timezone(), form.locale());
        }
        audit.record(actor(admin), "customer.updated", id, "customer", id.toString(), changes);
        return detail(load(id, false));
    }

    /**
     * Ends the customer's portal sessions at once and refuses them everywhere until reactivated. Their bookings stay
     * as they are: cancelling them is a separate decision (and may return credits or money).
     */
    @PostMapping("/api/admin/customers/{id}/deactivate")
    @Transactional
    CustomerDetail deactivate(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody Deactivation body) {
        AdminRole.requireStaff(admin);
        Row current = load(id, true);
        notMerged(current);
        if (!"ACTIVE".equals(current.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "CUSTOMER_NOT_ACTIVE", "Customer not active", "This customer is already deactivated.");
        }
        setStatus(id, "DEACTIVATED");
        events.publishEvent(new CustomerDeactivated(TenantContext.require().slug(), id, false));
        audit.record(actor(admin), "customer.deactivated", id, "customer", id.toString(),
                Map.of("reason", body.reason().strip(), "status", Map.of("old", "ACTIVE", "new", "DEACTIVATED"),
                        "upcomingAppointmentsKept", upcoming(id)));
        return detail(load(id, false));
    }

    @PostMapping("/api/admin/customers/{id}/reactivate")
    @Transactional
    CustomerDetail reactivate(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id) {
        AdminRole.requireStaff(admin);
        Row current = load(id, true);
        notMerged(current);
        if ("ACTIVE".equals(current.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "CUSTOMER_ACTIVE", "Customer active", "This customer is already active.");
        }
        setStatus(id, "ACTIVE");
        audit.record(actor(admin), "customer.reactivated", id, "customer", id.toString(),
                Map.of("status", Map.of("old", current.status(), "new", "ACTIVE")));
        return detail(load(id, false));
    }

    /** Merges {@code duplicateId} into this customer: see {@link CustomerMerge}. */
    @PostMapping("/api/admin/customers/{id}/merge")
    @Transactional
    CustomerDetail merge(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id, @Valid @RequestBody MergeRequest body) {
        AdminRole.requireStaff(admin);
        if (id.equals(body.duplicateId())) {
            throw ApiException.validation(List.of(new FieldProblem("duplicateId", "must be another customer than the one merged into")));
        }
        merge.merge(id, body.duplicateId(), actor(admin));
        return detail(load(id, false));
    }

    static Actor actor(Jwt admin) {
        return Actor.admin(admin.getSubject());
    }

    private Row load(UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT id, member_number, first_name, last_name, email, phone, timezone, locale, status, merged_into, "
                        + "created_at, updated_at, version FROM " + schema() + ".customers WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(id)
                .query(CustomerAdminController::row)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Customer"));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class), rs.getTimestamp(11),
                rs.getTimestamp(12), rs.getLong(13));
    }

    private CustomerDetail detail(Row row) {
        ZoneId zone = ZoneId.of(TenantContext.require().config().timezone());
        Instant now = clock.instant();
        List<PackageSummary> packages = jdbc.sql("SELECT id, name, credits_total, credits_remaining, expires_at, status FROM " + schema()
                        + ".customer_packages WHERE customer_id = ? ORDER BY expires_at DESC, id")
                .param(row.id())
                .query((rs, n) -> {
                    Instant expiresAt = rs.getTimestamp(5).toInstant();
                    String status = rs.getString(6);
                    return new PackageSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            expiresAt.atZone(zone).toOffsetDateTime(),
                            "ACTIVE".equals(status) && !expiresAt.isAfter(now) ? "EXPIRED" : status);
                })
                .list();
        return new CustomerDetail(row.id(), row.memberNumber(), row.firstName(), row.lastName(), row.email(), row.phone(),
                row.timezone(), row.locale(), row.status(), row.mergedInto(), row.createdAt().toInstant().atZone(zone).toOffsetDateTime(),
                row.updatedAt().toInstant().atZone(zone).toOffsetDateTime(), preferences.forCustomer(row.id()), packages,
                upcoming(row.id()), row.version());
    }

    private long upcoming(UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM " + schema()
                        + ".appointments WHERE customer_id = ? AND status IN ('BOOKED', 'PENDING_PAYMENT') AND starts_at > ?")
                .params(customerId, Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    private void setStatus(UUID id, String status) {
        jdbc.sql("UPDATE " + schema() + ".customers SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?")
                .params(status, Timestamp.from(clock.instant()), id).update();
    }

    private static void check(@Nullable String email, @Nullable String phone, String locale) {
        List<FieldProblem> problems = new ArrayList<>();
        if (email == null && phone == null) {
            problems.add(new FieldProblem("email", "or phone is required: the studio needs a way to reach the customer"));
            problems.add(new FieldProblem("phone", "or email is required: the studio needs a way to reach the customer"));
        }
        List<String> offered = TenantContext.require().config().locales();
        if (!offered.contains(locale)) {
            problems.add(new FieldProblem("locale", "must be one of the studio's languages: " + String.join(", ", offered)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    /** 409 naming each contact another customer already has; {@code self} is left out when editing. */
    private void ensureUnique(@Nullable String email, @Nullable String phone, @Nullable UUID self) {
        List<FieldProblem> taken = new ArrayList<>();
        holder("email", email, self).ifPresent(number -> taken.add(new FieldProblem("email", "belongs to customer " + number)));
        holder("phone", phone, self).ifPresent(number -> taken.add(new FieldProblem("phone", "belongs to customer " + number)));
        if (!taken.isEmpty()) {
            throw customerExists(taken);
        }
    }

    private Optional<String> holder(String column, @Nullable String value, @Nullable UUID self) {
        if (value == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT member_number FROM " + schema() + ".customers WHERE " + column + " = ? AND id IS DISTINCT FROM ?")
                .params(value, self).query(String.class).optional();
    }

    /** Another request took the email or phone between our check and our write. */
    private static ApiException taken(DuplicateKeyException e) {
        String message = String.valueOf(e.getMessage());
        String field = message.contains("customers_phone_key") ? "phone" : "email";
        return customerExists(List.of(new FieldProblem(field, "belongs to another customer")));
    }

    private static ApiException customerExists(List<FieldProblem> fields) {
        return new ApiException(HttpStatus.CONFLICT, "CUSTOMER_EXISTS", "Customer exists",
                "Another customer of the studio already has this "
                        + String.join(" and ", fields.stream().map(FieldProblem::field).toList()) + ".", fields);
    }

    private static void notMerged(Row row) {
        if ("MERGED".equals(row.status())) {
            throw CustomerMerge.merged();
        }
    }

    static ApiException versionConflict() {
        return new ApiException(HttpStatus.CONFLICT, "VERSION_CONFLICT", "Version conflict",
                "This customer was changed by someone else. Reload it and try again.");
    }

    private static @Nullable String email(@Nullable String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void change(Map<String, Map<String, @Nullable Object>> changes, String field, @Nullable Object old,
            @Nullable Object wanted) {
        if (!Objects.equals(old, wanted)) {
            Map<String, @Nullable Object> change = new LinkedHashMap<>();
            change.put("old", old);
            change.put("new", wanted);
            changes.put(field, change);
        }
    }

    private static String schema() {
        return TenantContext.require().schemaName();
    }
}
