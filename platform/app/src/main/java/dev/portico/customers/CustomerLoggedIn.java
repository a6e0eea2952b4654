package dev.portico.customers;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A customer logged in to the portal; they are told, in case it was not them. */
public record CustomerLoggedIn(String tenant, UUID customerId, @Nullable String ip, @Nullable String userAgent) {}
