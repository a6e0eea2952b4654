package dev.portico;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Portico: a branded, multi-tenant client portal for studios. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PorticoApplication {

    /** The one clock everything reads "now" from, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(PorticoApplication.class, args);
    }
}
