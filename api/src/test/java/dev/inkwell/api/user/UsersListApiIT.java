package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.email;
import static dev.inkwell.api.user.Wire.id;
import static dev.inkwell.api.user.Wire.items;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/users}, the paged list of users: pages of 20 by default and of at most 100,
 * ordered by id, with their total; a page or page size out of range is 422, one that is no number
 * 400; e-mail addresses only for their owner and admins, passwords for nobody.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UsersListApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static Map<String, Object> list(String query, String token) {
        return object(token == null ? API.request("/api/users" + query).get() : API.request("/api/users" + query, token).get(), 200);
    }

    /** Makes sure the table has at least {@code n} users. */
    private static long atLeastUsers(long n) {
        long count = Wire.userCount(API.jdbi());
        if (count < n) {
            API.insertUsers("filler", (int) (n - count));
        }
        return Wire.userCount(API.jdbi());
    }

    /** Asserts that {@code page} is page {@code number}, full with {@code perPage} users, of a list of {@code total}. */
    private static void assertFullPage(Map<String, Object> page, int number, int perPage, long total) {
        assertThat(page).containsEntry("page", number).containsEntry("per_page", perPage);
        assertThat(items(page)).hasSize(perPage);
        assertThat(((Number) page.get("pages")).longValue()).isEqualTo((total + perPage - 1) / perPage);
    }

    // ---------------------------------------------------------------- pages

    @Test
    void listDefaultsToTheFirstPageOf20() {
        long total = atLeastUsers(45);
        Map<String, Object> page = list("", null);
        assertFullPage(page, 1, 20, total);
        assertThat(((Number) page.get("total")).longValue()).isEqualTo(total);
    }

    @Test
    void listAnswersTheRequestedPageAndSize() {
        long total = atLeastUsers(30);
        assertFullPage(list("?page=2&per_page=7", null), 2, 7, total);
    }

    @Test
    void listPagesAreOrderedByIdAndDoNotOverlap() {
        atLeastUsers(30);
        List<Long> first = items(list("?page=1&per_page=10", null)).stream().map(Wire::id).toList();
        List<Long> second = items(list("?page=2&per_page=10", null)).stream().map(Wire::id).toList();
        assertThat(first).isSorted().hasSize(10);
        assertThat(second).isSorted().hasSize(10);
        assertThat(second.get(0)).isGreaterThan(first.get(9));
    }

    @Test
    void listLastPageHoldsTheRest() {
        long total = atLeastUsers(30);
        long pages = (total + 9) / 10;
        Map<String, Object> page = list("?page=" + pages + "&per_page=10", null);
        assertThat(items(page)).hasSize((int) (total - (pages - 1) * 10));
    }

    @Test
    void listPageAfterTheLastIsEmptyWithTheTotal() {
        long total = atLeastUsers(5);
        Map<String, Object> page = list("?page=" + (total + 1) + "&per_page=1", null);
        assertThat(items(page)).isEmpty();
        assertThat(((Number) page.get("total")).longValue()).isEqualTo(total);
    }

    @Test
    void listPerPage100IsTheMaximumAllowed() {
        atLeastUsers(101);
        Map<String, Object> page = list("?per_page=100", null);
        assertThat(items(page)).hasSize(100);
        assertThat(page).containsEntry("per_page", 100);
    }

    /** A page or page size out of range is invalid (422), one that is no number a bad request (400); both name it. */
    @ParameterizedTest(name = "?{0} is {1}")
    @CsvSource({
            "per_page=101, 422, per_page",
            "per_page=0,   422, per_page",
            "per_page=-5,  422, per_page",
            "page=0,       422, page",
            "page=abc,     400, page",
            "per_page=abc, 400, per_page"})
    void listWithABadPageOrPerPageIsRefusedNamingIt(String query, int status, String field) {
        problemNaming(API.request("/api/users?" + query).get(), status, field);
    }

    // ---------------------------------------------------------------- what a caller sees

    @Test
    void listShowsNoEmailToAnonymousCallers() {
        atLeastUsers(5);
        assertThat(items(list("?per_page=100", null))).isNotEmpty().allSatisfy(u -> assertThat(u).doesNotContainKey("email"));
    }

    @Test
    void listShowsAUserOnlyTheirOwnEmail() {
        ApiApp.Session me = API.signUp("lister");
        long pages = ((Number) list("?per_page=100", me.token()).get("pages")).longValue();
        boolean seenMyself = false;
        for (int p = 1; p <= pages; p++) {
            for (Map<String, Object> u : items(list("?per_page=100&page=" + p, me.token()))) {
                if (id(u) == me.id()) {
                    seenMyself = true;
                    assertThat(u).containsEntry("email", email(me));
                } else {
                    assertThat(u).as("user %s seen by %s", u.get("id"), me.id()).doesNotContainKey("email");
                }
            }
        }
        assertThat(seenMyself).isTrue();
    }

    @Test
    void listShowsEveryEmailToAdmins() {
        ApiApp.Session admin = API.sharedAdmin();
        atLeastUsers(5);
        assertThat(items(list("?per_page=100", admin.token()))).isNotEmpty()
                .allSatisfy(u -> assertThat(u.get("email")).asString().contains("@"));
    }

    @Test
    void listWithABadTokenShowsNoEmail() {
        atLeastUsers(5);
        try (Response r = API.request("/api/users?per_page=100", "iw_not-a-real-token").get()) {
            String body = Wire.text(r);
            assertThat(r.getStatus()).as(body).isEqualTo(401);
            assertThat(body).doesNotContain("@example.com");
        }
    }

    @Test
    void listNeverContainsPasswordsOrHashes() {
        ApiApp.Session admin = API.sharedAdmin();
        try (Response r = API.request("/api/users?per_page=100", admin.token()).get()) {
            String body = Wire.text(r, admin.password());
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(body).doesNotContain("password");
        }
    }
}
