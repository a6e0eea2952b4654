package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What lets a studio's schema move whole to another PostgreSQL server (docs/scaling.md): its migrations never name
 * another schema, so no foreign key, view or function ties it to the platform's tables or to another studio's.
 */
class TenantSchemaIndependenceUnitTests {

    /** A schema-qualified name: {@code platform.tenants}, {@code tenant_x.customers}, {@code public.y}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?i)\\b(platform|public|tenant_[a-z0-9_]+)\\s*\\.\\s*[a-z_\"]");

    @Test
    void tenantMigrationsNameNoOtherSchema() throws IOException {
        Resource[] migrations = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/tenant/*.sql");
        assertThat(migrations).isNotEmpty();
        for (Resource migration : migrations) {
            String sql;
            try (InputStream in = migration.getInputStream()) {
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("--[^\\n]*", "");
            }
            assertThat(QUALIFIED.matcher(sql).find()).as(migration.getFilename() + " names another schema").isFalse();
        }
    }
}
