package dev.portico;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Features talk through each other's public API only; writes the module documentation to target/. */
class ModularityTests {

    // The plugin API jar shares the base package but is a library, not a module of the app.
    final ApplicationModules modules = ApplicationModules.of(PorticoApplication.class,
            JavaClass.Predicates.resideInAPackage("dev.portico.plugin.api.."));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
