package dev.portico.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** A full Portico on a random port, on a fresh database, with the demo studios from the repository's tenant-config. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portico.tenant-config-dir=../../tenant-config", "portico.plugins.cache-ttl=1s",
                "portico.default-public-base-url=http://{slug}.localhost:8080",
                // Two keys, as in the middle of a rotation: "current" signs, "previous" still verifies.
                "portico.security.signing-keys[0].id=current", "portico.security.signing-keys[0].secret=" + DemoStudiosTest.CURRENT_KEY,
                "portico.security.signing-keys[1].id=previous", "portico.security.signing-keys[1].secret=" + DemoStudiosTest.PREVIOUS_KEY,
                "portico.security.active-key=current",
                // Many admin logins from 127.0.0.1 across test classes; LoginRateLimitIntegrationTests covers limits.
                "portico.rate-limits.admin-login-per-ip.capacity=1000"})
@ActiveProfiles("demo")
public @interface DemoStudiosTest {

    String CURRENT_KEY = "MRYOupQbZUmiH6F/W9pu4PxXg8BwrOH5apiFYKrtwxY=";
    String PREVIOUS_KEY = "JHDWGu0rPSZhpz5XV3FGl66f1+4GP7TEITQmFk+ks0w=";
}
