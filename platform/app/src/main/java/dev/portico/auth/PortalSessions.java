package dev.portico.auth;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer sessions behind the refresh cookie: opaque tokens stored only as hashes, rotated on every refresh.
 * A token that was already rotated coming back means it was copied: the whole family is revoked. Sessions end
 * after {@code session-idle} without use and {@code session-absolute} after login, whichever comes first.
 */
@Service
public class PortalSessions {

    /** A live session's fresh refresh token and until when it may be used. */
    public record Issued(UUID customerId, String refreshToken, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    PortalSessions(JdbcClient jdbc, AuditLog audit, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.idle = properties.sessionIdle();
        this.absolute = properties.sessionAbsolute();
    }

    /** Starts a new session family for a customer who just logged in. */
    @Transactional
    public Issued start(UUID customerId, @Nullable String ip, @Nullable String userAgent) {
        Instant now = clock.instant();
        return insert(UUID.randomUUID(), customerId, now, now, ip, userAgent);
    }

    /** Exchanges a refresh token for a new one in the same family. */
    @Transactional(noRollbackFor = ApiException.class)
    public Issued refresh(String refreshToken, @Nullable String ip, @Nullable String userAgent) {
        Session session = find(refreshToken).orElseThrow(AuthFailures::sessionEnded);
        Instant now = clock.instant();
        if (session.revoked()) {
            throw AuthFailures.sessionEnded();
        }
        if (session.rotated()) {
            revokeFamily(session.familyId(), "REUSE_DETECTED");
            audit.record(Actor.system("portal-session"), "auth.refresh_reuse_detected", session.customerId(), "session",
                    session.familyId().toString(), Map.of());
            throw AuthFailures.sessionEnded();
        }
        if (!session.expiresAt().isAfter(now) || !session.familyStartedAt().plus(absolute).isAfter(now) || !session.customerActive()) {
            throw AuthFailures.sessionEnded();
        }
        jdbc.sql("UPDATE " + table() + " SET rotated_at = ? WHERE id = ?").params(Timestamp.from(now), session.id()).update();
        return insert(session.familyId(), session.customerId(), session.familyStartedAt(), now, ip, userAgent);
    }

    /** Ends the session the token belongs to, with its whole family; unknown tokens are ignored. */
    @Transactional
    public void logout(String refreshToken) {
        find(refreshToken).filter(s -> !s.revoked()).ifPresent(session -> {
            revokeFamily(session.familyId(), "LOGOUT");
            audit.record(Actor.customer(session.customerId().toString()), "auth.logout", session.customerId(), "session",
                    session.familyId().toString(), Map.of());
        });
    }

    /** Ends every session of a customer (deactivation, admin action). */
    @Transactional
    public int revokeAll(UUID customerId, String reason) {
        return jdbc.sql("UPDATE " + table() + " SET revoked_at = ?, revoke_reason = ? WHERE customer_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), reason, customerId).update();
    }

    /** Deletes sessions a week past their idle or absolute end. */
    @Transactional
    public int deleteExpired() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(7));
        return jdbc.sql("DELETE FROM " + table() + " WHERE expires_at < ? OR family_started_at < ?")
                .params(Timestamp.from(cutoff), Timestamp.from(cutoff.minus(absolute))).update();
    }

    private record Session(UUID id, UUID familyId, UUID customerId, Instant familyStartedAt, Instant expiresAt,
            boolean rotated, boolean revoked, boolean customerActive) {}

    private Optional<Session> find(String refreshToken) {
        if (!Secrets.wellFormed(refreshToken)) {
            return Optional.empty();
        }
        String schema = TenantContext.require().schemaName();
        // FOR UPDATE: two refreshes racing with one token are serialized; the second sees it rotated.
        return jdbc.sql("""
                SELECT s.id, s.family_id, s.customer_id, s.family_started_at, s.expires_at,
                       s.rotated_at IS NOT NULL, s.revoked_at IS NOT NULL, c.status = 'ACTIVE'
                  FROM %1$s.customer_sessions s JOIN %1$s.customers c ON c.id = s.customer_id
                 WHERE s.token_hash = ? FOR UPDATE OF s
                """.formatted(schema))
                .param(Secrets.hash(refreshToken))
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getBoolean(6), rs.getBoolean(7),
                        rs.getBoolean(8)))
                .optional();
    }

    private Issued insert(UUID familyId, UUID customerId, Instant familyStartedAt, Instant now, @Nullable String ip,
            @Nullable String userAgent) {
        String token = Secrets.newSecret();
        Instant absoluteEnd = familyStartedAt.plus(absolute);
        Instant expiresAt = now.plus(idle).isBefore(absoluteEnd) ? now.plus(idle) : absoluteEnd;
        jdbc.sql("INSERT INTO " + table() + """
                 (family_id, customer_id, token_hash, created_at, family_started_at, expires_at, ip, user_agent)
                VALUES (?, ?, ?, ?, ?, ?, cast(? AS inet), ?)
                """)
                .params(familyId, customerId, Secrets.hash(token), Timestamp.from(now), Timestamp.from(familyStartedAt),
                        Timestamp.from(expiresAt), ip, userAgent == null || userAgent.length() <= 1000 ? userAgent : userAgent.substring(0, 1000))
                .update();
        return new Issued(customerId, token, expiresAt);
    }

    private void revokeFamily(UUID familyId, String reason) {
        jdbc.sql("UPDATE " + table() + " SET revoked_at = ?, revoke_reason = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), reason, familyId).update();
    }

    private static String table() {
        Tenant tenant = TenantContext.require();
        return tenant.schemaName() + ".customer_sessions";
    }
}
