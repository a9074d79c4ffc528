package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.BulkUsersFixture.items;
import static dev.inkwell.api.user.BulkUsersFixture.stemOf;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/users/bulk} with users that clash, creating nothing (409): a username or an
 * e-mail address that exists regardless of case, or that the request repeats, each clashing item
 * named by its index and field.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BulkUsersConflictApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final BulkUsersFixture BULK = new BulkUsersFixture(API);

    @Test
    void bulkWithAnExistingUsernameIs409NamingTheItemAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        ApiApp.Session existing = API.signUp("exists");
        List<Map<String, Object>> items = items("clash", 5);
        items.get(3).put("username", existing.username().toUpperCase());
        String before = snapshot(API.jdbi());
        problemNaming(BULK.bulk(admin.token(), items), 409, "[3].username");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void bulkWithAnExistingEmailIs409NamingTheItemAndCreatesNothing() {
        ApiApp.Session admin = API.admin();
        ApiApp.Session existing = API.signUp("mailexists");
        List<Map<String, Object>> items = items("mailclash", 5);
        items.get(0).put("email", existing.username().toUpperCase() + "@example.com");
        String before = snapshot(API.jdbi());
        problemNaming(BULK.bulk(admin.token(), items), 409, "[0].email");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void bulkNamesEveryItemThatAlreadyExists() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> first = items("again", 4);
        object(BULK.bulk(admin.token(), first), 201);
        List<Map<String, Object>> second = items("fresh", 4);
        second.set(1, first.get(1));
        second.set(2, first.get(3));
        problemNaming(BULK.bulk(admin.token(), second), 409, "[1].username", "[1].email", "[2].username", "[2].email");
        assertThat(BULK.usersLike(stemOf(second))).isZero();
    }

    @Test
    void bulkRepeatingAUsernameWithinTheRequestIs409NamingTheRepeat() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("repeat", 4);
        items.get(3).put("username", ((String) items.get(1).get("username")).toUpperCase());
        problemNaming(BULK.bulk(admin.token(), items), 409, "[3].username");
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }

    @Test
    void bulkRepeatingAnEmailWithinTheRequestIs409NamingTheRepeat() {
        ApiApp.Session admin = API.admin();
        List<Map<String, Object>> items = items("repeatmail", 4);
        items.get(2).put("email", items.get(0).get("email"));
        problemNaming(BULK.bulk(admin.token(), items), 409, "[2].email");
        assertThat(BULK.usersLike(stemOf(items))).isZero();
    }
}
