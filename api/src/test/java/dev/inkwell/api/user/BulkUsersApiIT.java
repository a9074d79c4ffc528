package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/users/bulk}: admins create up to 10,000 users at once, all or nothing. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BulkUsersApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    /** {@code n} valid, new bulk items named after {@code stem}. */
    private static List<Map<String, Object>> items(String stem, int n) {
        String base = ApiApp.unique(stem);
        List<Map<String, Object>> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(new HashMap<>(Map.of("username", base + "-" + i, "email", base + "-" + i + "@example.com")));
        }
        return items;
    }

    private static Response bulk(String token, Object body) {
        Entity<?> entity = body instanceof String s ? Entity.json(s) : Entity.json(body);
        return token == null ? API.request("/api/users/bulk").post(entity) : API.request("/api/users/bulk", token).post(entity);
    }

    /** Large bodies go on a connection of their own (see {@link Wire#isolated}). */
    private static Wire.Raw bulkIsolated(String token, Object body) {
        return Wire.isolated(API, "POST", "/api/users/bulk", token, Wire.json(body));
    }

    private static long usersLike(String stem) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE starts_with(username, :stem)")
                .bind("stem", stem).mapTo(Long.class).one());
    }

    private static String stemOf(List<Map<String, Object>> items) {
        String first = (String) items.get(0).get("username");
        return first.substring(0, first.lastIndexOf('-') + 1);
    }

    // ---------------------------------------------------------------- who may

    @Test
    void bulkWithoutTokenIs401AndCreatesNothing() {
        List<Map<String, Object>> items = items("anon", 3);
        try (Response r = bulk(null, items)) {
            String challenge = r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
            problem(r, 401);
            assertThat(challenge).startsWith("Bearer");
        }
        assertThat(usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithABadTokenIs401() {
        List<Map<String, Object>> items = items("badtok", 3);
        problem(bulk("iw_forged", items), 401);
        assertThat(usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkByANonAdminIs403AndCreatesNothing() {
        ApiApp.Session user = API.signUp("plain");
        List<Map<String, Object>> items = items("byuser", 3);
        problem(bulk(user.token(), items), 403);
        assertThat(usersLike(stemOf(items))).isZero();
    }

    // ---------------------------------------------------------------- success

    @Test
    void bulkOf1000UsersIs201WithTheCount() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("thousand", 1000);
        assertThat(Wire.object(bulkIsolated(admin.token(), items), 201)).containsExactly(Map.entry("created", 1000));
        assertThat(usersLike(stemOf(items))).isEqualTo(1000);
    }

    @Test
    void bulkOf10000UsersIsTheMaximumAllowed() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("tenk", 10_000);
        assertThat(Wire.object(bulkIsolated(admin.token(), items), 201)).containsEntry("created", 10_000);
        assertThat(usersLike(stemOf(items))).isEqualTo(10_000);
    }

    @Test
    void bulkUsersAreActiveUsersWithLowerCaseEmailAndNoPassword() {
        ApiApp.Session admin = API.admin();
        String name = ApiApp.unique("Shape");
        object(bulk(admin.token(), List.of(Map.of("username", name, "email", name.toUpperCase() + "@EXAMPLE.ORG"))), 201);
        Map<String, Object> row = API.jdbi().withHandle(h -> h.createQuery(
                        "SELECT username, email, role, is_active, password_hash FROM users WHERE username = :u")
                .bind("u", name).mapToMap().one());
        assertThat(row).containsEntry("username", name).containsEntry("email", name.toLowerCase() + "@example.org")
                .containsEntry("role", "user").containsEntry("is_active", true).containsEntry("password_hash", null);
    }

    @Test
    void bulkResponseHoldsOnlyTheCount() {
        ApiApp.Session admin = API.admin();
        try (Response r = bulk(admin.token(), items("quiet", 5))) {
            String body = Wire.text(r, admin.password());
            assertThat(r.getStatus()).isEqualTo(201);
            assertThat(body).doesNotContain("@example.com");
        }
    }

    // ---------------------------------------------------------------- 422

    @Test
    void bulkWithInvalidItemsIs422NamingEachAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("invalid", 6);
        items.get(1).put("username", "x");
        items.get(3).put("email", "not-an-email");
        items.get(4).put("username", "has space");
        items.get(4).put("email", "");
        String before = snapshot(API.jdbi());
        problemNaming(bulk(admin.token(), items), 422, "[1].username", "[3].email", "[4].username", "[4].email");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void bulkWithAMissingFieldIs422NamingIt() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("missing", 3);
        items.get(2).remove("email");
        problemNaming(bulk(admin.token(), items), 422, "[2].email");
        assertThat(usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithANullItemIs422NamingIt() {
        ApiApp.Session admin = API.admin();
        String name = ApiApp.unique("nullitem");
        problemNaming(bulk(admin.token(), "[{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\"}, null]"),
                422, "[1]");
        assertThat(Wire.usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void bulkWithAnUnknownFieldIs422NamingItAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("unknown", 3);
        items.get(2).put("role", "admin");
        problemNaming(bulk(admin.token(), items), 422, "[2].role");
        assertThat(usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkCannotSetPasswordHashes() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("hashes", 2);
        items.get(0).put("password_hash", "$argon2id$v=19$m=8,t=1,p=1$AAAA$AAAA");
        // the answer names the unknown field, so it is read without the "no password_hash" check
        dev.inkwell.api.ProblemAssert.assertFields(dev.inkwell.api.ProblemAssert.assertProblem(bulk(admin.token(), items), 422),
                "[0].password_hash");
        assertThat(usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithAnObjectForAUsernameIs422NamingIt() {
        ApiApp.Session admin = API.admin();
        problemNaming(bulk(admin.token(), "[{\"username\": \"okname\", \"email\": \"ok@example.com\"},"
                + " {\"username\": {\"x\": 1}, \"email\": \"x@example.com\"}]"), 422, "[1].username");
    }

    @Test
    void emptyBulkIs422() {
        ApiApp.Session admin = API.admin();
        problem(bulk(admin.token(), "[]"), 422);
    }

    @Test
    void bulkOf10001UsersIs422AndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("toomany", 10_001);
        Wire.problem(bulkIsolated(admin.token(), items), 422);
        assertThat(usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithoutBodyIs422() {
        ApiApp.Session admin = API.admin();
        problem(API.request("/api/users/bulk", admin.token()).post(null), 422);
    }

    // ---------------------------------------------------------------- 409

    @Test
    void bulkWithAnExistingUsernameIs409NamingTheItemAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        ApiApp.Session existing = API.signUp("exists");
        List<Map<String, Object>> items = items("clash", 5);
        items.get(3).put("username", existing.username().toUpperCase());
        String before = snapshot(API.jdbi());
        problemNaming(bulk(admin.token(), items), 409, "[3].username");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void bulkWithAnExistingEmailIs409NamingTheItemAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        ApiApp.Session existing = API.signUp("mailexists");
        List<Map<String, Object>> items = items("mailclash", 5);
        items.get(0).put("email", existing.username().toUpperCase() + "@example.com");
        String before = snapshot(API.jdbi());
        problemNaming(bulk(admin.token(), items), 409, "[0].email");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void bulkNamesEveryItemThatAlreadyExists() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> first = items("again", 4);
        object(bulk(admin.token(), first), 201);
        List<Map<String, Object>> second = items("fresh", 4);
        second.set(1, first.get(1));
        second.set(2, first.get(3));
        problemNaming(bulk(admin.token(), second), 409, "[1].username", "[1].email", "[2].username", "[2].email");
        assertThat(usersLike(stemOf(second))).isZero();
    }

    @Test
    void bulkRepeatingAUsernameWithinTheRequestIs409NamingTheRepeat() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("repeat", 4);
        items.get(3).put("username", ((String) items.get(1).get("username")).toUpperCase());
        problemNaming(bulk(admin.token(), items), 409, "[3].username");
        assertThat(usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkRepeatingAnEmailWithinTheRequestIs409NamingTheRepeat() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("repeatmail", 4);
        items.get(2).put("email", items.get(0).get("email"));
        problemNaming(bulk(admin.token(), items), 409, "[2].email");
        assertThat(usersLike(stemOf(items))).isZero();
    }

    // ---------------------------------------------------------------- 400, 413

    @ParameterizedTest
    @ValueSource(strings = {"[", "[{\"username\": \"a\"", "[{}]]", "[{\"username\": \"abc\", \"email\": \"a@b.co\"},]"})
    void bulkWithMalformedJsonIs400(String body) {
        ApiApp.Session admin = API.admin();
        String before = snapshot(API.jdbi());
        problem(bulk(admin.token(), body), 400);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"username\": \"abc\", \"email\": \"a@b.co\"}", "\"abc\"", "42"})
    void bulkWithABodyThatIsNotAnArrayIs400(String body) {
        ApiApp.Session admin = API.admin();
        problem(bulk(admin.token(), body), 400);
    }

    @Test
    void bulkWithA3MegabyteBodyIs413AndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("huge", 40_000);
        String before = snapshot(API.jdbi());
        Wire.problem(bulkIsolated(admin.token(), items), 413);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }
}
