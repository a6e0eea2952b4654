package dev.portico.operations;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings Portico refuses to start with, each reported with what to do about it. Pure rules over a
 * {@link Settings} snapshot, so every rule is tested without starting anything.
 */
final class StartupSafety {

    /** Keys published in this repository (tests, examples): anyone can sign tokens with them. */
    static final Set<String> KNOWN_KEYS = Set.of(
            "MRYOupQbZUmiH6F/W9pu4PxXg8BwrOH5apiFYKrtwxY=",
            "JHDWGu0rPSZhpz5XV3FGl66f1+4GP7TEITQmFk+ks0w=");

    private static final int MIN_KEY_BYTES = 32;

    private StartupSafety() {
    }

    /**
     * What the checks look at.
     *
     * @param prod                        the {@code prod} profile is active
     * @param demo                        the {@code demo} profile is active
     * @param embeddedDatabase            the embedded PostgreSQL would be used
     * @param datasourceUrl               {@code spring.datasource.url}, if set
     * @param demoExternalDatabaseAllowed {@code portico.demo.allow-external-database}
     * @param signingKeys                 configured signing keys by id (secrets, possibly blank)
     * @param defaultPublicBaseUrl        {@code portico.default-public-base-url}, with {@code {slug}} in it
     * @param tenantPublicBaseUrls        each tenant config file's {@code publicBaseUrl}, by file name
     * @param rateLimitsEnabled           {@code portico.rate-limits.enabled}
     */
    record Settings(boolean prod, boolean demo, boolean embeddedDatabase, @Nullable String datasourceUrl,
            boolean demoExternalDatabaseAllowed, Map<String, String> signingKeys, String defaultPublicBaseUrl,
            Map<String, String> tenantPublicBaseUrls, boolean rateLimitsEnabled) {}

    /** Every problem found, in a stable order; empty when the settings are safe. */
    static List<String> problems(Settings settings) {
        List<String> problems = new ArrayList<>();
        boolean externalDatabase = !settings.embeddedDatabase() && !isBlank(settings.datasourceUrl());
        if (settings.prod() && settings.demo()) {
            problems.add("The demo profile is active together with prod: production has no demo studios, demo admins or dev "
                    + "inbox. Remove 'demo' from SPRING_PROFILES_ACTIVE.");
        }
        if (settings.demo() && externalDatabase && !settings.demoExternalDatabaseAllowed()) {
            problems.add("The demo profile is active on an external database (" + withoutCredentials(settings.datasourceUrl())
                    + "): the demo creates admins with published passwords there. Run the demo on the embedded database, or "
                    + "set PORTICO_DEMO_ALLOW_EXTERNAL_DATABASE=true if this database is a throwaway one.");
        }
        if (settings.prod() && !externalDatabase) {
            problems.add("prod needs an external PostgreSQL: set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and "
                    + "SPRING_DATASOURCE_PASSWORD (the embedded database is for development; do not set "
                    + "PORTICO_EMBEDDED_DATABASE_ENABLED=true).");
        }
        if (settings.prod() && !settings.rateLimitsEnabled()) {
            problems.add("Rate limits are off (portico.rate-limits.enabled=false), which is for load tests only: remove "
                    + "PORTICO_RATE_LIMITS_ENABLED=false.");
        }
        if (settings.prod()) {
            signingKeyProblems(settings.signingKeys(), problems);
        }
        plainHttp("portico.default-public-base-url (PORTICO_BASE_DOMAIN)", settings.defaultPublicBaseUrl().replace("{slug}", "slug"))
                .ifPresent(problems::add);
        settings.tenantPublicBaseUrls().forEach((file, url) -> plainHttp("publicBaseUrl in " + file, url).ifPresent(problems::add));
        return problems;
    }

    private static void signingKeyProblems(Map<String, String> keys, List<String> problems) {
        Map<String, String> configured = new LinkedHashMap<>();
        keys.forEach((id, secret) -> {
            if (!isBlank(secret)) {
                configured.put(id, secret.trim());
            }
        });
        if (configured.isEmpty()) {
            problems.add("No token signing key is configured, so each process would make up a random one: set PORTICO_SIGNING_KEY "
                    + "to a random base64 key of at least " + MIN_KEY_BYTES + " bytes (openssl rand -base64 32).");
            return;
        }
        configured.forEach((id, secret) -> {
            String name = "Signing key '" + id + "'";
            if (KNOWN_KEYS.contains(secret)) {
                problems.add(name + " is a published example key that anyone can sign tokens with: set PORTICO_SIGNING_KEY to a new "
                        + "random key (openssl rand -base64 32).");
                return;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(secret);
            } catch (IllegalArgumentException e) {
                problems.add(name + " is not base64: set it to the output of openssl rand -base64 32.");
                return;
            }
            if (bytes.length < MIN_KEY_BYTES) {
                problems.add(name + " is " + bytes.length + " bytes long; it needs at least " + MIN_KEY_BYTES
                        + " random bytes (openssl rand -base64 32).");
            } else if (distinctBytes(bytes) < 8) {
                problems.add(name + " is not random (it repeats a few byte values): set a new one with openssl rand -base64 32.");
            }
        });
    }

    private static long distinctBytes(byte[] bytes) {
        Set<Byte> seen = new HashSet<>();
        for (byte b : bytes) {
            seen.add(b);
        }
        return seen.size();
    }

    /** Links in login messages carry tokens: over plain http anyone on the path reads them. */
    private static Optional<String> plainHttp(String what, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the tenant config validator reports malformed URLs
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || isLoopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of(what + " is " + url + ": public URLs must use https:// (login links carry tokens); "
                + "plain http:// is allowed only for localhost.");
    }

    private static boolean isLoopback(@Nullable String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    private static String withoutCredentials(@Nullable String url) {
        return url == null ? "" : url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***").replaceAll("//[^/@]*@", "//***@");
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
