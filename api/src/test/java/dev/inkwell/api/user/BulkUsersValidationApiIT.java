package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.BulkUsersFixture.items;
import static dev.inkwell.api.user.BulkUsersFixture.stemOf;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/users/bulk} with a body it refuses, creating nothing: invalid, missing, null or
 * unknown fields of an item named by its index (422), an empty list or one of more than 10,000 users
 * (422), no body (422), malformed JSON or a body that is no array (400), a body over the size limit
 * (413).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BulkUsersValidationApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final BulkUsersFixture BULK = new BulkUsersFixture(API);

    @Test
    void bulkWithInvalidItemsIs422NamingEachAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("invalid", 6);
        items.get(1).put("username", "x");
        items.get(3).put("email", "not-an-email");
        items.get(4).put("username", "has space");
        items.get(4).put("email", "");
        String before = snapshot(API.jdbi());
        problemNaming(BULK.bulk(admin.token(), items), 422, "[1].username", "[3].email", "[4].username", "[4].email");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void bulkWithAMissingFieldIs422NamingIt() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("missing", 3);
        items.get(2).remove("email");
        problemNaming(BULK.bulk(admin.token(), items), 422, "[2].email");
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithANullItemIs422NamingIt() {
        ApiApp.Session admin = API.admin();
        String name = ApiApp.unique("nullitem");
        problemNaming(BULK.bulk(admin.token(), "[{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\"}, null]"),
                422, "[1]");
        assertThat(Wire.usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void bulkWithAnUnknownFieldIs422NamingItAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("unknown", 3);
        items.get(2).put("role", "admin");
        problemNaming(BULK.bulk(admin.token(), items), 422, "[2].role");
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkCannotSetPasswordHashes() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("hashes", 2);
        items.get(0).put("password_hash", "$argon2id$v=19$m=8,t=1,p=1$AAAA$AAAA");
        // the answer names the unknown field, so it is read without the "no password_hash" check
        dev.inkwell.api.ProblemAssert.assertFields(dev.inkwell.api.ProblemAssert.assertProblem(BULK.bulk(admin.token(), items), 422),
                "[0].password_hash");
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithAnObjectForAUsernameIs422NamingIt() {
        ApiApp.Session admin = API.admin();
        problemNaming(BULK.bulk(admin.token(), "[{\"username\": \"okname\", \"email\": \"ok@example.com\"},"
                + " {\"username\": {\"x\": 1}, \"email\": \"x@example.com\"}]"), 422, "[1].username");
    }

    @Test
    void emptyBulkIs422() {
        ApiApp.Session admin = API.admin();
        problem(BULK.bulk(admin.token(), "[]"), 422);
    }

    @Test
    void bulkOf10001UsersIs422AndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("toomany", 10_001);
        Wire.problem(BULK.bulkIsolated(admin.token(), items), 422);
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithoutBodyIs422() {
        ApiApp.Session admin = API.admin();
        problem(API.request("/api/users/bulk", admin.token()).post(null), 422);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[{\"username\": \"a\"", "[{}]]", "[{\"username\": \"abc\", \"email\": \"a@b.co\"},]"})
    void bulkWithMalformedJsonIs400(String body) {
        ApiApp.Session admin = API.admin();
        String before = snapshot(API.jdbi());
        problem(BULK.bulk(admin.token(), body), 400);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"username\": \"abc\", \"email\": \"a@b.co\"}", "\"abc\"", "42"})
    void bulkWithABodyThatIsNotAnArrayIs400(String body) {
        ApiApp.Session admin = API.admin();
        problem(BULK.bulk(admin.token(), body), 400);
    }

    @Test
    void bulkWithA3MegabyteBodyIs413AndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("huge", 40_000);
        String before = snapshot(API.jdbi());
        Wire.problem(BULK.bulkIsolated(admin.token(), items), 413);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }
}
