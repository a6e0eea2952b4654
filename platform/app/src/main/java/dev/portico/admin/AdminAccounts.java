package dev.portico.admin;

import dev.portico.security.ActiveAdmins;
import dev.portico.security.AdminRole;
import dev.portico.tenancy.PlatformJdbc;
import dev.portico.tenancy.TenantContext;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The current studio's admin accounts, with passwords kept only as Argon2id hashes; every admin request checks its
 * token's account here, so a deactivated or re-roled account's token stops working at once.
 */
@Service
public class AdminAccounts implements ActiveAdmins {

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
}
