package dev.portico.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The login endpoints' limits as configured by default: 5 links per person per 15 minutes. */
@DemoStudiosTest
class LoginRateLimitIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theSixthLinkForOnePersonWithinFifteenMinutesIsRefused() {
        PortalLogin portal = new PortalLogin(new StudioHttp(port));
        String body = "{\"email\":\"limited-" + System.nanoTime() + "@example.com\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(portal.requestLink("serenity.localhost", body).status()).as("request " + (i + 1)).isEqualTo(202);
        }

        StudioHttp.Response sixth = portal.requestLink("serenity.localhost", body);
        StudioHttp.Response someoneElse = portal.requestLink("serenity.localhost", "{\"email\":\"other-" + System.nanoTime() + "@example.com\"}");
        StudioHttp.Response otherStudio = portal.requestLink("ironworks.localhost", body);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(someoneElse.status()).isEqualTo(202);
        assertThat(otherStudio.status()).isEqualTo(202);
    }
}
