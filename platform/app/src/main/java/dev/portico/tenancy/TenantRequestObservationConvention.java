package dev.portico.tenancy;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Tags every HTTP server observation ({@code http_server_requests} in Prometheus) with the studio it served, next
 * to the {@code uri} template, so latency and errors can be read per studio and per endpoint. Requests served for
 * no studio (probes, the platform API, unknown hosts) carry {@code tenant="none"}, keeping one set of tag keys.
 */
@Component
class TenantRequestObservationConvention extends DefaultServerRequestObservationConvention {

    /** Set by {@link TenantResolutionFilter}; the tenant context itself is gone when the observation stops. */
    static final String ATTRIBUTE = TenantRequestObservationConvention.class.getName() + ".tenant";

    private static final String NONE = "none";

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        Object slug = context.getCarrier().getAttribute(ATTRIBUTE);
        return super.getLowCardinalityKeyValues(context).and(KeyValue.of("tenant", slug instanceof String s ? s : NONE));
    }
}
