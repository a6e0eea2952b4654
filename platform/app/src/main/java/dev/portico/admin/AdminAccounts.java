package dev.portico.admin;

import dev.portico.security.ActiveAdmins;
import dev.portico.security.AdminRole;
import dev.portico.tenancy.PlatformJdbc;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The current studio's admin accounts, with passwords kept only as Argon2id hashes; every admin request checks its
 * token's account here, so a deactivated or re-roled account's token stops working at once. The one place that
 * touches {@code platform.admin_users}.
 */
@Service
public class AdminAccounts implements ActiveAdmins {

    private static final String COLUMNS = "id, email, role, active, created_at, last_login_at";

    private final PlatformJdbc jdbc;
    private final PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
    private final String decoyHash = passwords.encode("decoy-" + UUID.randomUUID());

    AdminAccounts(PlatformJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The account these credentials open in the current studio, if any. */
    public Optional<AdminAccount> authenticate(String email, String password) {
        UUID tenantId = TenantContext.require().id();
        record Row(UUID id, String email, String role, String hash) {}
        Optional<Row> row = jdbc.sql("""
                SELECT id, email, role, password_hash FROM platform.admin_users
                 WHERE tenant_id = ? AND email = ? AND active
                """)
                .params(tenantId, email.toLowerCase(Locale.ROOT))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
        boolean matches = passwords.matches(password, row.map(Row::hash).orElse(decoyHash));
        if (row.isEmpty() || !matches) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE platform.admin_users SET last_login_at = now() WHERE id = ?").param(row.get().id()).update();
        return Optional.of(new AdminAccount(row.get().id(), row.get().email(), AdminRole.valueOf(row.get().role())));
    }

    @Override
    public boolean isActive(UUID adminId, String role) {
        return jdbc.sql("SELECT count(*) FROM platform.admin_users WHERE id = ? AND tenant_id = ? AND active AND role = ?")
                .params(adminId, TenantContext.require().id(), role)
                .query(Long.class).single() > 0;
    }

    /** Creates the account in the current studio unless one with this email exists; never changes an existing one. */
    public void createIfAbsent(String email, String password, AdminRole role) {
        UUID tenantId = TenantContext.require().id();
        String address = email.toLowerCase(Locale.ROOT);
        // Hashing is deliberately slow; skip it for an account that is already there (every restart of the demo).
        if (jdbc.sql("SELECT count(*) FROM platform.admin_users WHERE tenant_id = ? AND email = ?").params(tenantId, address)
                .query(Long.class).single() > 0) {
            return;
        }
        jdbc.sql("""
                INSERT INTO platform.admin_users (tenant_id, email, password_hash, role)
                VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, email) DO NOTHING
                """)
                .params(tenantId, address, passwords.encode(password), role.name())
                .update();
    }

    /** The current studio's accounts, oldest first. */
    public List<StudioAdmin> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform.admin_users WHERE tenant_id = ? ORDER BY created_at, id")
                .param(TenantContext.require().id())
                .query(AdminAccounts::studioAdmin)
                .list();
    }

    /** A new active account in the current studio; 409 {@code ADMIN_EXISTS} when the email already has one here. */
    public StudioAdmin create(String email, String password, AdminRole role) {
        return jdbc.sql("""
                INSERT INTO platform.admin_users (tenant_id, email, password_hash, role)
                VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, email) DO NOTHING
                RETURNING\s""" + COLUMNS)
                .params(TenantContext.require().id(), email.toLowerCase(Locale.ROOT), passwords.encode(password), role.name())
                .query(AdminAccounts::studioAdmin)
                .optional()
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "ADMIN_EXISTS", "Admin exists",
                        "This studio already has an admin account with that email."));
    }

    /** An account of the current studio before and after a change. */
    public record Change(StudioAdmin before, StudioAdmin after) {

        public boolean changed() {
            return before.role() != after.role() || before.active() != after.active();
        }
    }

    /**
     * Gives the current studio's account {@code id} this role and state; empty when the studio has no such account,
     * 409 {@code LAST_OWNER} when the studio would be left without an active owner. Call it in a transaction: the
     * studio's active owners stay locked to its end, so two owners demoting each other at once cannot both succeed.
     */
    public Optional<Change> update(UUID id, AdminRole role, boolean active) {
        UUID tenantId = TenantContext.require().id();
        // Owners first, then the account, in every change: one order of locks, no deadlock between two changes.
        List<UUID> owners = jdbc.sql("""
                SELECT id FROM platform.admin_users WHERE tenant_id = ? AND role = 'OWNER' AND active ORDER BY id FOR UPDATE
                """)
                .param(tenantId)
                .query(UUID.class)
                .list();
        Optional<StudioAdmin> before = jdbc.sql("SELECT " + COLUMNS + " FROM platform.admin_users WHERE id = ? AND tenant_id = ? FOR UPDATE")
                .params(id, tenantId)
                .query(AdminAccounts::studioAdmin)
                .optional();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        boolean staysOwner = role == AdminRole.OWNER && active;
        if (!staysOwner && owners.equals(List.of(id))) {
            throw new ApiException(HttpStatus.CONFLICT, "LAST_OWNER", "Last owner",
                    "This is the studio's only active owner: make another account an owner first.");
        }
        StudioAdmin after = jdbc.sql("UPDATE platform.admin_users SET role = ?, active = ? WHERE id = ? AND tenant_id = ? RETURNING " + COLUMNS)
                .params(role.name(), active, id, tenantId)
                .query(AdminAccounts::studioAdmin)
                .single();
        return Optional.of(new Change(before.get(), after));
    }

    private static StudioAdmin studioAdmin(ResultSet rs, int row) throws SQLException {
        return new StudioAdmin(rs.getObject("id", UUID.class), rs.getString("email"), AdminRole.valueOf(rs.getString("role")),
                rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_login_at", OffsetDateTime.class));
    }
}
