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
        properties = "portico.tenant-config-dir=../../tenant-config")
@ActiveProfiles("demo")
public @interface DemoStudiosTest {
}
