/** Studios as tenants: the registry, host resolution, schema-per-tenant isolation, config import and migrations. */
@NullMarked
package dev.portico.tenancy;

import org.jspecify.annotations.NullMarked;
