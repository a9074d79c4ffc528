package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.BulkUsersFixture.items;
import static dev.inkwell.api.user.BulkUsersFixture.stemOf;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/users/bulk}, admins only: anonymous callers, a bad token and a user who is no
 * admin create nothing; an admin creates up to 10,000 users at once, active, with the e-mail address
 * in lower case and no password, and is answered only their count.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BulkUsersCreateApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final BulkUsersFixture BULK = new BulkUsersFixture(API);

    @Test
    void bulkWithoutTokenIs401AndCreatesNothing() {
        List<Map<String, Object>> items = items("anon", 3);
        try (Response r = BULK.bulk(null, items)) {
            String challenge = r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
            problem(r, 401);
            assertThat(challenge).startsWith("Bearer");
        }
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkWithABadTokenIs401() {
        List<Map<String, Object>> items = items("badtok", 3);
        problem(BULK.bulk("iw_forged", items), 401);
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkByANonAdminIs403AndCreatesNothing() {
        ApiApp.Session user = API.signUp("plain");
        List<Map<String, Object>> items = items("byuser", 3);
        problem(BULK.bulk(user.token(), items), 403);
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkOf1000UsersIs201WithTheCount() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("thousand", 1000);
        assertThat(Wire.object(BULK.bulkIsolated(admin.token(), items), 201)).containsExactly(Map.entry("created", 1000));
        assertThat(BULK.usersLike(stemOf(items))).isEqualTo(1000);
    }

    @Test
    void bulkOf10000UsersIsTheMaximumAllowed() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("tenk", 10_000);
        assertThat(Wire.object(BULK.bulkIsolated(admin.token(), items), 201)).containsEntry("created", 10_000);
        assertThat(BULK.usersLike(stemOf(items))).isEqualTo(10_000);
    }

    @Test
    void bulkUsersAreActiveUsersWithLowerCaseEmailAndNoPassword() {
        ApiApp.Session admin = API.admin();
        String name = ApiApp.unique("Shape");
        object(BULK.bulk(admin.token(), List.of(Map.of("username", name, "email", name.toUpperCase() + "@EXAMPLE.ORG"))), 201);
        Map<String, Object> row = API.jdbi().withHandle(h -> h.createQuery(
                        "SELECT username, email, role, is_active, password_hash FROM users WHERE username = :u")
                .bind("u", name).mapToMap().one());
        assertThat(row).containsEntry("username", name).containsEntry("email", name.toLowerCase() + "@example.org")
                .containsEntry("role", "user").containsEntry("is_active", true).containsEntry("password_hash", null);
    }

    @Test
    void bulkResponseHoldsOnlyTheCount() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("quiet", 5);
        assertThat(object(BULK.bulk(admin.token(), items), 201, admin.password())).containsExactly(Map.entry("created", 5));
        assertThat(BULK.usersLike(stemOf(items))).isEqualTo(5);
    }
}
