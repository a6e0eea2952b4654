package dev.portico.audit;

import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows into the current studio's {@code audit_logs}. Called inside a transaction, the row commits
 * or rolls back with the change it records. The request's IP and user agent are taken when there is one;
 * callers never pass secrets or tokens in {@code details}.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One audited action in the current studio. */
    public void record(Actor actor, String action, @Nullable UUID customerId, @Nullable String targetType,
            @Nullable String targetId, Map<String, ?> details) {
        Tenant tenant = TenantContext.require();
        HttpServletRequest request = currentRequest();
        String ip = request == null ? null : request.getRemoteAddr();
        String userAgent = request == null ? null : truncate(request.getHeader("User-Agent"));
        jdbc.sql("INSERT INTO " + tenant.schemaName() + """
                .audit_logs (customer_id, actor_type, actor_id, action, target_type, target_id, ip, user_agent, details)
                VALUES (?, ?, ?, ?, ?, ?, cast(? AS inet), ?, cast(? AS jsonb))
                """)
                .params(customerId, actor.type().name(), actor.id(), action, targetType, targetId, ip, userAgent,
                        json.writeValueAsString(details))
                .update();
    }

    private static @Nullable HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= 500 ? value : value.substring(0, 500);
    }
}
