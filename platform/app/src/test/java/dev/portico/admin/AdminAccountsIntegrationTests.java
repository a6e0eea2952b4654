package dev.portico.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A studio's owner manages its admin accounts over real HTTP: adds one that logs in at once, changes its role or cuts
 * it off with effect on its very next request, and can never leave the studio without an active owner. The demo
 * accounts are only read or refused a change here (but for the race of two owners, which needs a studio's only owner
 * and puts it back); every account this class makes is its own, removed afterwards.
 */
@DemoStudiosTest
class AdminAccountsIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    StudioHttp http;
    String owner;
    final List<String> made = new ArrayList<>();

    @BeforeEach
    void logIn() {
        http = new StudioHttp(port);
        owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
    }

    @AfterEach
    void removeOwnAccounts() {
        made.forEach(email -> jdbc.sql("DELETE FROM platform.admin_users WHERE email = ?").param(email).update());
    }

    @Test
    void anOwnerAddsAFrontDeskAccountThatLogsInAndReadsButCannotManage() {
        String email = email();
        StudioHttp.Response created = create(owner, "{\"email\":\"" + email.toUpperCase() + "\",\"role\":\"FRONT_DESK\",\"password\":\""
                + PASSWORD + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("email").asString()).isEqualTo(email);
        assertThat(created.json().path("role").asString()).isEqualTo("FRONT_DESK");
        assertThat(created.json().path("active").asBoolean()).isTrue();
        assertThat(created.json().path("createdAt").asString()).isNotEmpty();
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("password").doesNotContain("argon2");
        assertThat(jdbc.sql("SELECT password_hash FROM platform.admin_users WHERE email = ?").param(email).query(String.class).single())
                .startsWith("$argon2id$").doesNotContain(PASSWORD);

        String desk = http.adminToken(SERENITY, email, PASSWORD);
        assertThat(http.json("GET", SERENITY, "/api/admin/customers", desk, null).status()).isEqualTo(200);

        String someone = created.json().path("id").asString();
        for (StudioHttp.Response refused : List.of(
                http.json("GET", SERENITY, "/api/admin/admins", desk, null),
                create(desk, "{\"email\":\"" + email() + "\",\"role\":\"OWNER\",\"password\":\"" + PASSWORD + "\"}"),
                http.json("PUT", SERENITY, "/api/admin/admins/" + someone, desk, "{\"role\":\"OWNER\",\"active\":true}"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("code").asString()).isEqualTo("FORBIDDEN");
        }
        assertThat(role(email)).as("the front desk could not promote itself").isEqualTo("FRONT_DESK");

        JsonNode listed = find(http.json("GET", SERENITY, "/api/admin/admins", owner, null), email);
        assertThat(listed.path("id").asString()).isEqualTo(someone);
        assertThat(listed.path("lastLoginAt").asString()).as("it logged in").isNotEmpty();
        assertThat(listed.has("password")).isFalse();
        assertThat(http.json("GET", SERENITY, "/api/admin/admins", owner, null).body()).contains("owner@serenity.example")
                .doesNotContain("ironworks.example").doesNotContain("$argon2");
    }

    @Test
    void aDeactivatedAccountsTokenIsRefusedAtOnceAndItCannotLogIn() {
        String email = email();
        String id = create(owner, body(email, "FRONT_DESK")).json().path("id").asString();
        String desk = http.adminToken(SERENITY, email, PASSWORD);
        assertThat(http.json("GET", SERENITY, "/api/admin/customers", desk, null).status()).isEqualTo(200);

        StudioHttp.Response off = http.json("PUT", SERENITY, "/api/admin/admins/" + id, owner, "{\"role\":\"FRONT_DESK\",\"active\":false}");

        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("active").asBoolean()).isFalse();
        StudioHttp.Response withOldToken = http.json("GET", SERENITY, "/api/admin/customers", desk, null);
        assertThat(withOldToken.status()).isEqualTo(401);
        assertThat(withOldToken.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(login(email).status()).isEqualTo(401);
        assertThat(login(email).json().path("code").asString()).isEqualTo("INVALID_CREDENTIALS");

        StudioHttp.Response back = http.json("PUT", SERENITY, "/api/admin/admins/" + id, owner, "{\"role\":\"FRONT_DESK\",\"active\":true}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(login(email).status()).as("reactivated, it logs in again").isEqualTo(200);
    }

    @Test
    void aRoleChangeTakesEffectAtOnce() {
        String email = email();
        String id = create(owner, body(email, "OWNER")).json().path("id").asString();
        String second = http.adminToken(SERENITY, email, PASSWORD);
        assertThat(http.json("GET", SERENITY, "/api/admin/admins", second, null).status()).isEqualTo(200);

        StudioHttp.Response demoted = http.json("PUT", SERENITY, "/api/admin/admins/" + id, owner, "{\"role\":\"FRONT_DESK\",\"active\":true}");

        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        assertThat(demoted.json().path("role").asString()).isEqualTo("FRONT_DESK");
        assertThat(http.json("GET", SERENITY, "/api/admin/admins", second, null).status())
                .as("the owner's token of an account that is front desk now").isEqualTo(401);
        String asDesk = http.adminToken(SERENITY, email, PASSWORD);
        assertThat(http.json("GET", SERENITY, "/api/admin/admins", asDesk, null).status()).isEqualTo(403);
        assertThat(http.json("GET", SERENITY, "/api/admin/customers", asDesk, null).status()).isEqualTo(200);

        StudioHttp.Response promoted = http.json("PUT", SERENITY, "/api/admin/admins/" + id, owner, "{\"role\":\"OWNER\",\"active\":true}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(http.json("GET", SERENITY, "/api/admin/customers", asDesk, null).status())
                .as("the front desk token of an account that is owner now").isEqualTo(401);
        assertThat(http.json("GET", SERENITY, "/api/admin/admins", http.adminToken(SERENITY, email, PASSWORD), null).status()).isEqualTo(200);
    }

    @Test
    void theStudioIsNeverLeftWithoutAnActiveOwner() {
        String demoOwner = jdbc.sql("SELECT id::text FROM platform.admin_users WHERE email = 'owner@serenity.example'").query(String.class).single();
        assertThat(activeOwners()).as("the demo owner is Serenity's only active owner").isEqualTo(1);
        try {
            for (String change : List.of("{\"role\":\"FRONT_DESK\",\"active\":true}", "{\"role\":\"OWNER\",\"active\":false}",
                    "{\"role\":\"FRONT_DESK\",\"active\":false}")) {
                // The only owner, by their own token: stepping down or switching themselves off is refused.
                StudioHttp.Response refused = http.json("PUT", SERENITY, "/api/admin/admins/" + demoOwner, owner, change);
                assertThat(refused.status()).as(change + " -> " + refused.body()).isEqualTo(409);
                assertThat(refused.json().path("code").asString()).isEqualTo("LAST_OWNER");
            }
            assertThat(activeOwners()).isEqualTo(1);
            assertThat(http.json("GET", SERENITY, "/api/admin/admins", owner, null).status()).as("still the owner").isEqualTo(200);

            // With a second owner, either may step down: then the other is the last one.
            String email = email();
            String second = create(owner, body(email, "OWNER")).json().path("id").asString();
            String secondToken = http.adminToken(SERENITY, email, PASSWORD);
            StudioHttp.Response keepsOwner = http.json("PUT", SERENITY, "/api/admin/admins/" + demoOwner, secondToken,
                    "{\"role\":\"OWNER\",\"active\":true}");
            assertThat(keepsOwner.status()).as("a change that keeps the owner an owner").isEqualTo(200);
            StudioHttp.Response stepsDown = http.json("PUT", SERENITY, "/api/admin/admins/" + second, secondToken,
                    "{\"role\":\"OWNER\",\"active\":false}");
            assertThat(stepsDown.status()).as(stepsDown.body()).isEqualTo(200);
            assertThat(http.json("GET", SERENITY, "/api/admin/admins", secondToken, null).status()).as("its own token died").isEqualTo(401);
            StudioHttp.Response lastAgain = http.json("PUT", SERENITY, "/api/admin/admins/" + demoOwner, owner,
                    "{\"role\":\"FRONT_DESK\",\"active\":true}");
            assertThat(lastAgain.status()).isEqualTo(409);
        } finally {
            // Were the rule broken, the demo owner is put back for the other classes.
            jdbc.sql("UPDATE platform.admin_users SET role = 'OWNER', active = true WHERE email = 'owner@serenity.example'").update();
        }
    }

    /**
     * Two owners stepping down at the same moment: one wins, the other is told it is the last owner. The race needs the
     * demo owner of Ironworks (its only owner) as one of the two; whichever wins, it is put back afterwards.
     */
    @Test
    void twoOwnersSteppingDownAtOnceLeaveOneOwner() throws Exception {
        String demoOwner = jdbc.sql("SELECT id::text FROM platform.admin_users WHERE email = 'owner@ironworks.example'").query(String.class).single();
        String demoToken = http.adminToken(IRONWORKS, "owner@ironworks.example", "ironworks-demo");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String email = email();
                String second = http.json("POST", IRONWORKS, "/api/admin/admins", demoToken, body(email, "OWNER")).json().path("id").asString();
                String secondToken = http.adminToken(IRONWORKS, email, PASSWORD);
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Integer> demoStepsDown = () -> {
                    start.await();
                    return http.json("PUT", IRONWORKS, "/api/admin/admins/" + demoOwner, demoToken, "{\"role\":\"FRONT_DESK\",\"active\":true}").status();
                };
                Callable<Integer> secondStepsDown = () -> {
                    start.await();
                    return http.json("PUT", IRONWORKS, "/api/admin/admins/" + second, secondToken, "{\"role\":\"FRONT_DESK\",\"active\":true}").status();
                };
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : pool.invokeAll(List.of(demoStepsDown, secondStepsDown))) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS));
                }

                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
                assertThat(activeOwners("ironworks")).as("round " + round).isEqualTo(1);
                restoreIronworksOwner();
                jdbc.sql("DELETE FROM platform.admin_users WHERE email = ?").param(email).update();
            }
        } finally {
            pool.shutdownNow();
            restoreIronworksOwner();
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String email = email();
        StudioHttp.Response badEmail = create(owner, "{\"email\":\"not-an-email\",\"role\":\"FRONT_DESK\",\"password\":\"" + PASSWORD + "\"}");
        StudioHttp.Response badRole = create(owner, "{\"email\":\"" + email + "\",\"role\":\"ADMIN\",\"password\":\"" + PASSWORD + "\"}");
        StudioHttp.Response shortPassword = create(owner, "{\"email\":\"" + email + "\",\"role\":\"OWNER\",\"password\":\"elevenchars\"}");
        StudioHttp.Response longPassword = create(owner, "{\"email\":\"" + email + "\",\"role\":\"OWNER\",\"password\":\"" + "p".repeat(129) + "\"}");
        StudioHttp.Response nothing = create(owner, "{}");
        StudioHttp.Response badUpdate = http.json("PUT", SERENITY, "/api/admin/admins/" + UUID.randomUUID(), owner, "{\"role\":\"root\"}");

        assertField(badEmail, "email");
        assertField(badRole, "role");
        assertField(shortPassword, "password");
        assertField(longPassword, "password");
        assertField(nothing, "email", "role", "password");
        assertField(badUpdate, "role", "active");
        assertThat(shortPassword.body()).doesNotContain("elevenchars");
        assertThat(jdbc.sql("SELECT count(*) FROM platform.admin_users WHERE email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void aSecondAccountWithTheSameEmailIsAConflict() {
        String email = email();
        assertThat(create(owner, body(email, "FRONT_DESK")).status()).isEqualTo(201);

        StudioHttp.Response again = create(owner, body(email.toUpperCase(), "OWNER"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("ADMIN_EXISTS");
        assertThat(role(email)).isEqualTo("FRONT_DESK");
        // Another studio's account of the same email is no conflict: the email is unique per studio only.
        String ironworks = http.adminToken(IRONWORKS, "owner@ironworks.example", "ironworks-demo");
        StudioHttp.Response elsewhere = http.json("POST", IRONWORKS, "/api/admin/admins", ironworks, body(email, "FRONT_DESK"));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
    }

    @Test
    void anotherStudiosAccountIsNotFoundAndUnchanged() {
        String email = email();
        String ironworks = http.adminToken(IRONWORKS, "owner@ironworks.example", "ironworks-demo");
        String theirs = http.json("POST", IRONWORKS, "/api/admin/admins", ironworks, body(email, "FRONT_DESK")).json().path("id").asString();

        StudioHttp.Response foreign = http.json("PUT", SERENITY, "/api/admin/admins/" + theirs, owner, "{\"role\":\"OWNER\",\"active\":false}");
        StudioHttp.Response madeUp = http.json("PUT", SERENITY, "/api/admin/admins/" + UUID.randomUUID(), owner, "{\"role\":\"OWNER\",\"active\":false}");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(foreign.json().path("detail")).isEqualTo(madeUp.json().path("detail"));
        assertThat(role(email)).isEqualTo("FRONT_DESK");
        assertThat(jdbc.sql("SELECT active FROM platform.admin_users WHERE email = ?").param(email).query(Boolean.class).single()).isTrue();
        assertThat(http.json("GET", SERENITY, "/api/admin/admins", owner, null).body()).doesNotContain(email).doesNotContain(theirs);
    }

    @Test
    void everyChangeIsAuditedWithoutThePassword() {
        String email = email();
        String id = create(owner, body(email, "FRONT_DESK")).json().path("id").asString();
        http.json("PUT", SERENITY, "/api/admin/admins/" + id, owner, "{\"role\":\"OWNER\",\"active\":false}");
        String ownerId = jdbc.sql("SELECT id::text FROM platform.admin_users WHERE email = 'owner@serenity.example'").query(String.class).single();

        record Row(String actorType, String actorId, String action, String details) {}
        List<Row> rows = jdbc.sql("SELECT actor_type, actor_id, action, details::text FROM tenant_serenity.audit_logs "
                        + "WHERE target_type = 'admin' AND target_id = ? AND action LIKE 'admin.account_%' ORDER BY id")
                .param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();

        assertThat(rows).extracting(Row::action).containsExactly("admin.account_created", "admin.account_changed");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.actorType()).isEqualTo("ADMIN");
            assertThat(row.actorId()).isEqualTo(ownerId);
            assertThat(row.details()).contains(email).doesNotContain(PASSWORD).doesNotContain("argon2");
        });
        assertThat(rows.get(1).details()).contains("\"previousRole\": \"FRONT_DESK\"", "\"role\": \"OWNER\"", "\"active\": false");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE details::text LIKE ?").param("%" + PASSWORD + "%")
                .query(Long.class).single()).isZero();
    }

    private StudioHttp.Response create(String token, String body) {
        return http.json("POST", SERENITY, "/api/admin/admins", token, body);
    }

    private String email() {
        String email = "admin-" + UUID.randomUUID() + "@serenity.example";
        made.add(email);
        return email;
    }

    private static String body(String email, String role) {
        return "{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private StudioHttp.Response login(String email) {
        return http.json("POST", SERENITY, "/api/admin/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    private String role(String email) {
        return jdbc.sql("SELECT role FROM platform.admin_users WHERE email = ?").param(email).query(String.class).single();
    }

    private long activeOwners() {
        return activeOwners("serenity");
    }

    private long activeOwners(String studio) {
        return jdbc.sql("SELECT count(*) FROM platform.admin_users a JOIN platform.tenants t ON t.id = a.tenant_id "
                + "WHERE t.slug = ? AND a.role = 'OWNER' AND a.active").param(studio).query(Long.class).single();
    }

    private void restoreIronworksOwner() {
        jdbc.sql("UPDATE platform.admin_users SET role = 'OWNER', active = true WHERE email = 'owner@ironworks.example'").update();
    }

    private static void assertField(StudioHttp.Response response, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").findValuesAsString("field")).contains(fields);
    }

    private static JsonNode find(StudioHttp.Response list, String email) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode item : list.json().path("items")) {
            if (item.path("email").asString().equals(email)) {
                return item;
            }
        }
        throw new AssertionError(email + " not listed: " + list.body());
    }
}
