package dev.portico.tenancy;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's own audit log ({@code platform.audit_logs}): what operators and platform jobs did to studios.
 * A studio's audit log lives in its schema and goes with it; this one outlives the studios it names.
 */
@Service
public class PlatformAudit {

    private final PlatformJdbc jdbc;
    private final JsonMapper json;

    PlatformAudit(PlatformJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One platform action.
     *
     * @param actorType  {@code PLATFORM} for an operator, {@code SYSTEM} for a job
     * @param actorId    who: {@code operator}, or the job's name
     * @param action     e.g. {@code tenant.archived}
     * @param tenantSlug the studio acted on, if one
     * @param details    what changed; never secrets
     */
    public void record(String actorType, String actorId, String action, @Nullable String tenantSlug, Map<String, ?> details) {
        String ip = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                ? servlet.getRequest().getRemoteAddr() : null;
        jdbc.sql("""
                INSERT INTO platform.audit_logs (actor_type, actor_id, action, tenant_slug, ip, details)
                VALUES (?, ?, ?, ?, cast(? AS inet), cast(? AS jsonb))
                """).params(actorType, actorId, action, tenantSlug, ip, json.writeValueAsString(details)).update();
    }
}
