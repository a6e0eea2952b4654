package dev.portico;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Portico: a branded, multi-tenant client portal for studios. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PorticoApplication {

    public static void main(String[] args) {
        SpringApplication.run(PorticoApplication.class, args);
    }
}
