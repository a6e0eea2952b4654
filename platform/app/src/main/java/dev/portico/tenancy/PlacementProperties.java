package dev.portico.tenancy;

import org.jspecify.annotations.Nullable;

/**
 * One database studios can be placed on, as {@code portico.placements.<name>} describes it. Its pool has as many
 * connections as the primary's ({@code spring.datasource.hikari.maximum-pool-size}).
 *
 * @param url      its JDBC URL
 * @param username the user Portico connects as; it creates the studios' schemas there
 * @param password that user's password
 */
record PlacementProperties(@Nullable String url, @Nullable String username, @Nullable String password) {}
