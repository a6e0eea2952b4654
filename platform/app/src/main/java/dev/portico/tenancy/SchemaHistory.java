package dev.portico.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a schema is already at the newest migration, answered without Flyway: a look at the migration files'
 * names and one query of the schema's history table. Flyway scans its locations, locks the history table and
 * validates every checksum on each run, which costs tens of milliseconds a schema; with a thousand studios that is
 * the whole start-up. So a schema whose last applied migration succeeded and is the newest one is left alone, and
 * Flyway runs only for schemas that are behind (or have no history), which is where validation earns its keep.
 *
 * <p>An applied migration file edited afterwards is therefore noticed when the next migration arrives, not at every
 * start-up; migration files are append-only (a new version for every change), as everywhere else.
 */
public final class SchemaHistory {

    private static final Pattern VERSIONED = Pattern.compile("^V([0-9]+(?:[._][0-9]+)*)__.+\\.sql$");
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    private SchemaHistory() {
    }

    /** The highest version among the {@code V<version>__*.sql} files in {@code location}, if it holds any. */
    public static Optional<MigrationVersion> newest(ClassLoader loader, String location) {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver(loader).getResources("classpath*:" + location + "/V*__*.sql"))
                    .map(resource -> VERSIONED.matcher(Objects.requireNonNullElse(resource.getFilename(), "")))
                    .filter(Matcher::matches)
                    .map(match -> MigrationVersion.fromVersion(match.group(1).replace('_', '.')))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list migrations in " + location, e);
        }
    }

    /**
     * Whether the last migration recorded in {@code schema.table} succeeded and is {@code version}. False when the
     * schema or the table does not exist yet, or the last entry is a failure or a repeatable migration. The query runs
     * on {@code jdbc}'s connection, so on the database that holds the schema.
     */
    public static boolean isAt(JdbcClient jdbc, String schema, String table, MigrationVersion version) {
        if (!NAME.matcher(schema).matches() || !NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a schema and table name: " + schema + "." + table);
        }
        String history = schema + "." + table;
        boolean exists = jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(history).query(Boolean.class).single();
        return exists && jdbc.sql("SELECT version, success FROM " + history + " ORDER BY installed_rank DESC LIMIT 1")
                .query((rs, row) -> rs.getBoolean("success") && rs.getString("version") != null
                        && MigrationVersion.fromVersion(rs.getString("version")).equals(version))
                .optional()
                .orElse(false);
    }
}
