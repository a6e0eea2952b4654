package dev.portico.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a load balancer and a Prometheus server see: the probes, and request metrics per studio and endpoint. */
@DemoStudiosTest
class ProbesAndMetricsIntegrationTests {

    @LocalServerPort
    int port;

    StudioHttp http;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
    }

    @Test
    void readinessAndLivenessAreUpOnceStarted() {
        StudioHttp.Response readiness = http.get("localhost", "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        StudioHttp.Response liveness = http.get("localhost", "/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void requestMetricsNameTheStudioAndTheEndpoint() {
        assertThat(http.get("serenity.localhost", "/api/client-portal/branding").status()).isEqualTo(200);
        assertThat(http.get("ironworks.localhost", "/api/client-portal/branding").status()).isEqualTo(200);
        assertThat(http.get("localhost", "/actuator/health/liveness").status()).isEqualTo(200);

        StudioHttp.Response scrape = http.get("localhost", "/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).containsPattern(series("serenity", "/api/client-portal/branding"))
                .containsPattern(series("ironworks", "/api/client-portal/branding"));
        // Requests for no studio keep the same tag keys, so Prometheus accepts the series.
        assertThat(scrape.body()).containsPattern("http_server_requests_seconds_count\\{[^}]*tenant=\"none\"[^}]*uri=\"/actuator/health/[^\"]*\"");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        assertThat(http.get("localhost", "/actuator/env").status()).isEqualTo(404);
        assertThat(http.get("localhost", "/actuator/info").status()).isEqualTo(404);
    }

    private static Pattern series(String tenant, String uri) {
        return Pattern.compile("http_server_requests_seconds_count\\{[^}]*tenant=\"" + tenant + "\"[^}]*uri=\"" + Pattern.quote(uri) + "\"[^}]*} [1-9]");
    }
}
