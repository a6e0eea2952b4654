package dev.portico.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.plugin.api.NotificationChannel;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginClassLoader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** In development mode the host loads each plugin module's compiled classes, no jar needed. */
@SpringBootTest(properties = {"portico.plugins.mode=development", "portico.plugins.dir=../../plugins",
        "portico.tenant-config-dir=../../tenant-config"})
@ActiveProfiles("demo")
class DevelopmentModeIntegrationTests {

    @Autowired
    TenantPlugins plugins;

    @Autowired
    TenantRegistry registry;

    @Test
    void pluginModulesAreLoadedFromTheirClassesFolders() {
        assertThat(plugins.installed()).extracting(InstalledPlugin::id).contains("notify-dev-inbox", "policy-standard", "pay-stripe");
        assertThat(plugins.installed()).allSatisfy(plugin -> assertThat(plugin.started()).as(plugin.id()).isTrue());
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(), () -> {
            EnabledExtension<NotificationChannel> inbox = plugins.enabled(NotificationChannel.class).getFirst();
            ClassLoader loader = inbox.extension().getClass().getClassLoader();
            assertThat(loader).isInstanceOf(PluginClassLoader.class);
            assertThat(loader.getResource(inbox.extension().getClass().getName().replace('.', '/') + ".class").toString())
                    .contains("notify-dev-inbox/target/classes");
        });
    }
}
