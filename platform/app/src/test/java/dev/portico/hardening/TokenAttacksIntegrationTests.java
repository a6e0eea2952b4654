package dev.portico.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.hardening.ApiDocument.Operation;
import dev.portico.admin.AdminAccounts;
import dev.portico.security.AccessTokens;
import dev.portico.security.AdminRole;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.MutableClock;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attacks on the tokens themselves, the ones the existing tests leave out. Already covered elsewhere, and not
 * repeated here: a link works once and not at all after its expiry, to the second
 * ({@code CustomerLoginIntegrationTests.aLinkWorksOnce}, {@code aLinkExpiresAfterTenMinutes}: valid at 9:59, refused at
 * 10:01 on the app's clock); a replayed refresh cookie revokes its whole family, successor included
 * ({@code refreshRotatesAndReplayRevokesTheWholeFamily}); logout ends the session ({@code logoutEndsTheSessionServerSide});
 * a link of another studio ({@code aLinkFromAnotherStudioIsNotValidHere}); keys being rotated and unknown key ids
 * ({@code AccessTokensIntegrationTests}); a forged signature and an unsigned admin token
 * ({@code AdminApiIntegrationTests.missingForgedAndUnsignedTokensAreRefused}). Tokens of one studio at another, and of
 * one audience on the other API, are tried on every endpoint by {@link CrossTenantMatrixIntegrationTests}.
 */
@DemoStudiosTest
@Import(MutableClock.Config.class)
@ExtendWith(HardeningSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenAttacksIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    static final UUID MAYA = UUID.fromString("5e000010-0000-4000-8000-000000000001");
    static final UUID OMAR = UUID.fromString("5e000010-0000-4000-8000-000000000002");

    private static final Pattern LINK_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final Pattern COOKIE = Pattern.compile("__Host-portalRefreshToken=([^;]*)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Autowired
    MutableClock clock;

    @Autowired
    AdminAccounts admins;

    @Autowired
    TenantRegistry registry;

    @Autowired
    JdbcClient jdbc;

    StudioHttp http;
    String serenityOwner;

    @BeforeAll
    void logIn() throws UnknownHostException {
        // A client address of its own: this class's logins neither use up nor meet other classes' rate limits.
        http = new StudioHttp(port, InetAddress.getByName("127.0.11.1"));
        serenityOwner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The signature covers every claim: change one, keep the signature, and the token is nothing. */
    @Test
    void aTokenWhosePayloadWasChangedIsRefused() {
        String customer = customerToken(MAYA);
        String desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
        assertThat(me(SERENITY, customer).status()).as("the untouched customer token").isEqualTo(200);
        assertThat(adminCustomers(SERENITY, desk).status()).as("the untouched admin token").isEqualTo(200);

        assertRefused(me(SERENITY, tampered(customer, claims -> claims.put("sub", OMAR.toString()))), "another customer");
        assertRefused(me(IRONWORKS, tampered(customer, claims -> claims.put("tenant", "ironworks"))), "another studio");
        assertRefused(me(SERENITY, tampered(customer, claims -> claims.put("exp", Instant.now().plus(Duration.ofDays(365)).getEpochSecond()))),
                "a longer life");
        assertRefused(adminCustomers(SERENITY, tampered(customer, claims -> claims.put("aud", "portico-admin"))), "the admin audience");
        assertRefused(adminCustomers(SERENITY, tampered(desk, claims -> claims.put("role", "OWNER"))), "the owner's role");
    }

    /**
     * Only HS256 with one of the studio keys is accepted: not {@code alg: none} with a perfectly valid payload, and
     * not another HMAC algorithm computed with the right key. The same payload signed by hand with HS256 is
     * accepted, so the refusals are about the algorithm and nothing else.
     */
    @Test
    void unsignedAndOtherAlgorithmTokensAreRefused() {
        String payload = customerToken(MAYA).split("\\.")[1];

        String hs256 = signedByHand("{\"alg\":\"HS256\",\"kid\":\"current\",\"typ\":\"JWT\"}", payload, "HmacSHA256");
        String hs512 = signedByHand("{\"alg\":\"HS512\",\"kid\":\"current\",\"typ\":\"JWT\"}", payload, "HmacSHA512");
        String none = base64("{\"alg\":\"none\",\"kid\":\"current\",\"typ\":\"JWT\"}") + "." + payload + ".";

        assertThat(me(SERENITY, hs256).status()).as("signed by hand with HS256 and the current key").isEqualTo(200);
        assertRefused(me(SERENITY, hs512), "HS512 with the current key");
        assertRefused(me(SERENITY, none), "alg none");
    }

    /** A token is checked with the key its {@code kid} names; naming the other configured key does not help. */
    @Test
    void aKeyIdNamingAnotherConfiguredKeyIsRefused() {
        JWTClaimsSet claims = customerClaims(MAYA).build();
        assertThat(me(SERENITY, signed("current", DemoStudiosTest.CURRENT_KEY, claims)).status()).isEqualTo(200);
        assertThat(me(SERENITY, signed("previous", DemoStudiosTest.PREVIOUS_KEY, claims)).status()).isEqualTo(200);

        assertRefused(me(SERENITY, signed("previous", DemoStudiosTest.CURRENT_KEY, claims)), "kid previous, current key");
        assertRefused(me(SERENITY, signed("current", DemoStudiosTest.PREVIOUS_KEY, claims)), "kid current, previous key");
    }

    /**
     * Defence in depth against a bug on the issuing side: a token signed with the real key but with claims the app
     * never issues (another audience, none, another issuer, no studio, no expiry, a subject that is no customer of
     * this studio) opens nothing, and is refused as unauthenticated rather than failing further in.
     */
    @Test
    void claimsTheAppNeverIssuesAreRefusedEvenWithTheRightSignature() {
        assertThat(me(SERENITY, signed(customerClaims(MAYA).build())).status()).as("the claims the app issues").isEqualTo(200);

        assertRefused(me(SERENITY, signed(customerClaims(MAYA).audience("portico-platform").build())), "another audience");
        assertRefused(me(SERENITY, signed(customerClaims(MAYA).audience(List.of()).build())), "no audience");
        assertRefused(me(SERENITY, signed(customerClaims(MAYA).audience(List.of(Audience.CUSTOMER.claim(), Audience.ADMIN.claim())).build())),
                "both audiences");
        assertRefused(me(SERENITY, signed(customerClaims(MAYA).issuer("someone-else").build())), "another issuer");
        assertRefused(me(SERENITY, signed(customerClaims(MAYA).claim("tenant", null).build())), "no studio");
        assertRefused(me(SERENITY, signed(customerClaims(MAYA).expirationTime(null).build())), "no expiry");
        assertRefused(me(SERENITY, signed(customerClaims(MAYA).subject(UUID.randomUUID().toString()).build())), "nobody");
        assertRefused(me(SERENITY, signed(customerClaims(MAYA).subject("maya@example.com").build())), "a subject that is no id");
    }

    /**
     * An access token is accepted until its {@code exp}, plus five seconds allowed for the clocks of different nodes,
     * and refused from the second after, on the app's clock.
     */
    @Test
    void anAccessTokenIsAcceptedToTheSecondOfItsLifetimeAndRefusedAfter() {
        Session session = logIn(newCustomer());
        Instant expiresAt = Instant.ofEpochSecond(payload(session.access()).path("exp").asLong());
        assertThat(Duration.between(clock.instant(), expiresAt)).isBetween(Duration.ofMinutes(15).minusSeconds(1), Duration.ofMinutes(15));

        moveClockTo(expiresAt.plusSeconds(4));
        assertThat(me(SERENITY, session.access()).status()).as("a second before the end of the allowed skew").isEqualTo(200);

        moveClockTo(expiresAt.plusSeconds(6));
        assertRefused(me(SERENITY, session.access()), "a second after the allowed skew");
    }

    /**
     * Once the studio deactivates a customer, their access token is refused on every customer endpoint in the API
     * document, before anything else is looked at (its body included), and their refresh cookie is refused too.
     */
    @Test
    void aDeactivatedCustomersAccessTokenAndCookieAreRefusedEverywhere() {
        Customer customer = newCustomer();
        Session session = logIn(customer);
        StudioHttp.Response refreshed = refresh(SERENITY, session.cookie());
        assertThat(refreshed.status()).isEqualTo(200);
        String access = refreshed.json().path("accessToken").asString();
        String cookie = cookieIn(refreshed);
        assertThat(me(SERENITY, access).status()).isEqualTo(200);

        StudioHttp.Response deactivated = http.json("POST", SERENITY, "/api/admin/customers/" + customer.id() + "/deactivate",
                serenityOwner, "{\"reason\":\"hardening: sessions must end\"}");
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);

        List<Operation> customerEndpoints = ApiDocument.fetch(http).stream()
                .filter(o -> o.under(CrossTenantMatrixIntegrationTests.CUSTOMER_API)
                        && !CrossTenantMatrixIntegrationTests.PUBLIC_BY_DESIGN.containsKey(o.key()))
                .toList();
        assertThat(customerEndpoints).hasSizeGreaterThan(10);
        List<String> notRefused = new ArrayList<>();
        for (Operation operation : customerEndpoints) {
            String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            StudioHttp.Response answer = http.json(operation.method(), SERENITY, path, access, operation.hasBody() ? "{}" : null);
            HardeningSummary.attack("deactivated customer's access token");
            if (answer.status() != 401 || !answer.json().path("code").asString().equals("UNAUTHENTICATED")) {
                notRefused.add(operation + " -> " + answer.status() + " " + answer.body());
            }
        }
        assertThat(notRefused).as("endpoints that did not refuse the deactivated customer's token as unauthenticated").isEmpty();
        assertRefused(refresh(SERENITY, cookie), "the deactivated customer's refresh cookie");
    }

    /**
     * An admin account made inactive, or given another role, loses what its token opened at once, not when the
     * 8-hour token ends; put back as it was, the same token works again (the check is the account, not a list).
     */
    @Test
    void aDeactivatedOrReRoledAdminsTokenIsRefusedAtOnce() {
        String email = "hardening-" + UUID.randomUUID() + "@serenity.example";
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(),
                () -> admins.createIfAbsent(email, "hardening-password", AdminRole.OWNER));
        String owner = http.adminToken(SERENITY, email, "hardening-password");
        assertThat(adminCustomers(SERENITY, owner).status()).isEqualTo(200);

        jdbc.sql("UPDATE platform.admin_users SET active = false WHERE email = ?").param(email).update();
        assertRefused(adminCustomers(SERENITY, owner), "a deactivated admin's token");
        assertRefused(http.json("GET", SERENITY, "/api/admin/plugins", owner, null), "a deactivated admin's token");

        jdbc.sql("UPDATE platform.admin_users SET active = true, role = 'FRONT_DESK' WHERE email = ?").param(email).update();
        assertRefused(adminCustomers(SERENITY, owner), "an owner's token after the account became front desk");

        jdbc.sql("UPDATE platform.admin_users SET role = 'OWNER' WHERE email = ?").param(email).update();
        assertThat(adminCustomers(SERENITY, owner).status()).as("the account as it was").isEqualTo(200);
        jdbc.sql("DELETE FROM platform.admin_users WHERE email = ?").param(email).update();
        assertRefused(adminCustomers(SERENITY, owner), "a removed admin's token");
    }

    /**
     * A refresh cookie is a credential of its studio only: at another studio's host it neither refreshes nor ends
     * anything, and the session goes on at home.
     */
    @Test
    void aRefreshCookieOpensNothingAtAnotherStudio() {
        Session session = logIn(newCustomer());

        StudioHttp.Response refreshElsewhere = refresh(IRONWORKS, session.cookie());
        StudioHttp.Response logoutElsewhere = http.post(IRONWORKS, "/api/client-portal/auth/logout", null,
                "Cookie", "__Host-portalRefreshToken=" + session.cookie(), "X-Requested-With", "portal");
        HardeningSummary.attack("Serenity's refresh cookie at Ironworks' host (logout)");

        assertRefused(refreshElsewhere, "Serenity's refresh cookie at Ironworks' host");
        assertThat(logoutElsewhere.status()).isEqualTo(204);
        assertThat(refresh(SERENITY, session.cookie()).status()).as("the session at its own studio").isEqualTo(200);
    }

    // Customers and logins

    record Customer(UUID id, String email) {}

    record Session(String access, String cookie) {}

    /** A customer of Serenity's of this test's own, created by its owner. */
    private Customer newCustomer() {
        String email = "token-" + UUID.randomUUID() + "@example.com";
        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/customers", serenityOwner,
                "{\"firstName\":\"Token\",\"lastName\":\"Probe\",\"email\":\"" + email + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Customer(UUID.fromString(created.json().path("id").asString()), email);
    }

    /** Logs in as the customer does: a link by email, read from the demo inbox, traded for a session. */
    private Session logIn(Customer customer) {
        StudioHttp.Response requested = http.post(SERENITY, "/api/client-portal/auth/request-link", "{\"email\":\"" + customer.email() + "\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        String link = await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (var message : http.get(SERENITY, "/api/dev/inbox?to=" + customer.email()).json().path("items")) {
                if (!message.path("link").asString("").isEmpty()) {
                    return message.path("link").asString();
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        Matcher token = LINK_TOKEN.matcher(link);
        assertThat(token.find()).as(link).isTrue();
        StudioHttp.Response verified = http.post(SERENITY, "/api/client-portal/auth/verify", "{\"token\":\"" + token.group(1) + "\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return new Session(verified.json().path("accessToken").asString(), cookieIn(verified));
    }

    private StudioHttp.Response refresh(String host, String cookie) {
        return http.post(host, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + cookie, "X-Requested-With", "portal");
    }

    private static String cookieIn(StudioHttp.Response response) {
        Matcher matcher = COOKIE.matcher(response.header("Set-Cookie"));
        assertThat(matcher.find()).as("a refresh cookie in " + response.header("Set-Cookie")).isTrue();
        return matcher.group(1);
    }

    private void moveClockTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    private StudioHttp.Response me(String host, String token) {
        return http.json("GET", host, "/api/client-portal/me", token, null);
    }

    private StudioHttp.Response adminCustomers(String host, String token) {
        return http.json("GET", host, "/api/admin/customers", token, null);
    }

    /** 401 UNAUTHENTICATED, counted in the summary as an attack on a token. */
    private static void assertRefused(StudioHttp.Response answer, String what) {
        HardeningSummary.attack("forged, tampered, expired or dead token or cookie");
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(401);
        assertThat(answer.json().path("code").asString()).as(what).isEqualTo("UNAUTHENTICATED");
    }

    // Tokens, real and forged

    /** A customer access token as the login issues it, by the app's own {@link AccessTokens}. */
    private String customerToken(UUID customer) {
        return tokens.issue(Audience.CUSTOMER, "serenity", customer.toString(), Duration.ofMinutes(15),
                Map.of("type", "access", "role", "CUSTOMER")).value();
    }

    /** The claims the login puts into a Serenity customer's access token. */
    private JWTClaimsSet.Builder customerClaims(UUID customer) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer("portico").audience(Audience.CUSTOMER.claim()).subject(customer.toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString()).claim("tenant", "serenity").claim("type", "access").claim("role", "CUSTOMER");
    }

    private static String signed(JWTClaimsSet claims) {
        return signed("current", DemoStudiosTest.CURRENT_KEY, claims);
    }

    private static String signed(String keyId, String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(Base64.getDecoder().decode(secret)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with one claim changed and its header and signature as they were. */
    private static String tampered(String token, Consumer<ObjectNode> change) {
        String[] parts = token.split("\\.");
        ObjectNode claims = payload(token);
        change.accept(claims);
        return parts[0] + "." + base64(claims.toString()) + "." + parts[2];
    }

    private static ObjectNode payload(String token) {
        return (ObjectNode) JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** Header and payload signed with the current key by plain {@link Mac}, whatever algorithm the header names. */
    private static String signedByHand(String header, String payload, String macAlgorithm) {
        String input = base64(header) + "." + payload;
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(DemoStudiosTest.CURRENT_KEY), macAlgorithm));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
