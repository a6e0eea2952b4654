package dev.portico.tenancy;

import java.util.List;

/**
 * What a tenant-config import did.
 *
 * @param created   slugs registered for the first time
 * @param updated   slugs whose file changed since the last import
 * @param unchanged slugs whose file was already imported as it is
 * @param skipped   files left out on purpose (demo studios outside the demo profile)
 * @param problems  files that could not be imported, with file, line and field
 */
public record ImportReport(List<String> created, List<String> updated, List<String> unchanged, List<String> skipped,
        List<ConfigProblem> problems) {}
