package dev.portico.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Errors are problem+json with a stable code and never a stack trace; the platform endpoints answer. */
@DemoStudiosTest
class ProblemResponsesIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void unknownPathOnAStudioIsAProblem() {
        StudioHttp.Response response = new StudioHttp(port).get("serenity.localhost", "/api/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
        assertThat(response.json().path("title").asString()).isNotBlank();
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void wrongMethodIsAProblem() {
        StudioHttp http = new StudioHttp(port);
        StudioHttp.Response response = http.send(HttpRequest.newBuilder(http.uri("/api/client-portal/branding"))
                .header("Host", "serenity.localhost")
                .header("Content-Type", "application/json")
                .DELETE().build());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.json().path("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(response.body()).doesNotContain("Exception", "at dev.portico");
    }

    @Test
    void healthAndOpenApiAnswerOnAnyHost() {
        StudioHttp http = new StudioHttp(port);

        StudioHttp.Response health = http.get("localhost", "/actuator/health");
        StudioHttp.Response openApi = http.get("localhost", "/v3/api-docs");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().path("paths").has("/api/client-portal/branding")).isTrue();
    }

    @Test
    void themeAssetsAreServed() {
        StudioHttp.Response logo = new StudioHttp(port).get("serenity.localhost", "/themes/calm/logo.svg");

        assertThat(logo.status()).isEqualTo(200);
        assertThat(logo.body()).startsWith("<svg");
    }
}
