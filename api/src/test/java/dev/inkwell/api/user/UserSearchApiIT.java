package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.domain.TableCursor;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.inkwell.api.user.Wire.items;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.segment;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/users?q=}: users by the start of their username in any case, or, for admins,
 * of their e-mail address; paged by number and by cursor, found at once after a write, the
 * refusals (401, 403, 422) as problems that change nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserSearchApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    /** A stem no other test's users start with (lower case, as search compares). */
    private static String stem() {
        return "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Inserts users named {@code names} straight into the database (no password); e-mail: the name's lower case at example.com. */
    private static void insert(String... names) {
        API.jdbi().useHandle(h -> {
            for (String name : names) {
                h.createUpdate("INSERT INTO users (username, email) VALUES (:u, :e)")
                        .bind("u", name).bind("e", name.toLowerCase() + "@example.com").execute();
            }
        });
    }

    private static Response search(String encodedQuery, String token) {
        return Wire.raw(API, "/api/users?" + encodedQuery, token).get();
    }

    private static Map<String, Object> found(String q, String token) {
        return object(search("q=" + segment(q) + "&per_page=100", token), 200);
    }

    private static List<String> names(String q, String token) {
        return items(found(q, token)).stream().map(u -> (String) u.get("username")).toList();
    }

    @Test
    void aPrefixFindsUsernamesInAnyCaseInOrder() {
        String s = stem();
        insert(s + "-Zed", s + "-amy", s + "_X", s + "-BOB", "x" + s);
        List<String> expected = List.of(s + "-amy", s + "-BOB", s + "-Zed", s + "_X"); // '-' < '_'
        assertThat(names(s, null)).isEqualTo(expected);
        assertThat(names(s.toUpperCase(), null)).isEqualTo(expected);
        assertThat(names(s + "-b", null)).containsExactly(s + "-BOB");
        Map<String, Object> page = found(s + "-", null);
        assertThat(page).containsEntry("total", 3).containsEntry("total_exact", true).containsEntry("page", 1);
    }

    @Test
    void percentUnderscoreAndBackslashAreLiteral() {
        String s = stem();
        insert(s + "_a", s + "xa", s + ".a");
        assertThat(names(s + "_", null)).containsExactly(s + "_a");
        assertThat(names(s + "%", null)).isEmpty();
        assertThat(names(s + "\\", null)).isEmpty();
        assertThat(names("%", null)).isEmpty();
        assertThat(names("_", null)).isEmpty(); // no username of this database starts with '_'
    }

    @Test
    void aSearchShowsNoEmailToAnonymousCallersAndAUserOnlyTheirOwn() {
        ApiApp.Session me = API.signUp("finder");
        insert(me.username() + "-twin");
        assertThat(items(found(me.username(), null))).hasSize(2).allSatisfy(u -> assertThat(u).doesNotContainKey("email"));
        List<Map<String, Object>> seen = items(found(me.username(), me.token()));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).containsEntry("email", me.username().toLowerCase() + "@example.com");
        assertThat(seen.get(1)).doesNotContainKey("email");
    }

    @Test
    void anAdminSearchesByEmailInAddressOrder() {
        ApiApp.Session admin = API.admin();
        String s = stem();
        API.jdbi().useHandle(h -> h.execute("INSERT INTO users (username, email) VALUES ('" + s + "z', '" + s + "@b.org'), ('" + s
                + "a', '" + s + "@c.org'), ('" + s + "m', '" + s + "@a.org')"));
        List<Map<String, Object>> users = items(found(s.toUpperCase() + "@", admin.token()));
        assertThat(users).extracting(u -> u.get("email")).containsExactly(s + "@a.org", s + "@b.org", s + "@c.org");
        assertThat(names(s + "@b", admin.token())).containsExactly(s + "z");
    }

    @Test
    void aSearchByEmailIs403ForAUserWhoIsNotAnAdmin() {
        ApiApp.Session user = API.signUp("nosy");
        Map<String, Object> problem = problem(search("q=" + segment(user.username().toLowerCase() + "@"), user.token()), 403);
        assertThat((String) problem.get("detail")).contains("admins").contains("e-mail");
        problem(search("q=" + segment("a@\u0000"), user.token()), 403); // before anything of q is judged
    }

    @Test
    void aSearchByEmailIs401WithoutAToken() {
        try (Response r = search("q=" + segment("root@"), null)) {
            problem(r, 401);
            assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=", "q=a%00b", "q=%00"})
    void anEmptyQOrOneWithNulIs422NamingQAndChangesNothing(String query) {
        ApiApp.Session admin = API.admin();
        String before = snapshot(API.jdbi());
        problemNaming(search(query, null), 422, "q");
        problemNaming(search(query, admin.token()), 422, "q");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void aQOf255CharactersIs422AndOf254IsASearch() {
        problemNaming(search("q=" + "a".repeat(255), null), 422, "q");
        assertThat(items(object(search("q=" + "a".repeat(254), null), 200))).isEmpty();
        assertThat(items(object(search("q=" + "a".repeat(250) + "%40x.y", API.admin().token()), 200))).isEmpty();
    }

    @Test
    void bytesThatAreNoUtf8AreNoServerError() {
        for (String q : List.of("%ED%A0%80", "%FF", "a%C3")) {
            try (Response r = search("q=" + q, null)) {
                String body = Wire.text(r);
                assertThat(r.getStatus()).as(q + ": " + body).isIn(200, 400, 422);
            }
        }
    }

    @Test
    void pagesByNumberAndByCursorShowEveryMatchOnceInOrder() {
        String s = stem();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            expected.add(s + "-" + (char) ('a' + i));
        }
        List<String> backwards = new ArrayList<>(expected);
        Collections.reverse(backwards); // ids in the other order than names
        insert(backwards.toArray(String[]::new));
        List<String> byNumber = new ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            Map<String, Object> page = object(search("q=" + s + "&per_page=7&page=" + p, null), 200);
            assertThat(page).containsEntry("total", 23).containsEntry("pages", 4);
            items(page).forEach(u -> byNumber.add((String) u.get("username")));
        }
        assertThat(byNumber).isEqualTo(expected);

        List<String> byCursor = new ArrayList<>();
        String next = "/api/users?q=" + s.toUpperCase() + "&per_page=7";
        int pages = 0;
        while (next != null) {
            try (Response r = Wire.raw(API, next, null).get()) {
                Map<String, Object> page = object(r, 200);
                items(page).forEach(u -> byCursor.add((String) u.get("username")));
                String link = r.getHeaderString(HttpHeaders.LINK);
                assertThat(link == null).isEqualTo(page.get("next_cursor") == null);
                if (link != null) {
                    URI uri = URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
                    assertThat(uri.getRawQuery()).contains("q=" + s.toUpperCase()).contains("cursor=" + page.get("next_cursor"));
                    next = uri.getRawPath() + "?" + uri.getRawQuery();
                } else {
                    next = null;
                }
            }
            pages++;
        }
        assertThat(pages).isEqualTo(4);
        assertThat(byCursor).isEqualTo(expected);
    }

    @Test
    void aCursorOfTheWholeListIsRefusedByASearchAndTheOtherWayRound() {
        String s = stem();
        insert(s + "1", s + "2", s + "3");
        API.insertUsers("fill", 3);
        ApiApp.Session admin = API.admin();
        String whole = (String) object(search("per_page=1", null), 200).get("next_cursor");
        String searched = (String) found(s, null).get("next_cursor");
        assertThat(searched).as("one page of 100 holds them").isNull();
        searched = (String) object(search("q=" + s + "&per_page=1", null), 200).get("next_cursor");
        String byEmail = (String) object(search("q=" + segment(s + "1@") + "&per_page=1", admin.token()), 200).get("next_cursor");
        assertThat(byEmail).isNull();
        String emailCursor = new TableCursor("users-by-email", 1, s + "1@example.com").encode();
        for (String token : new String[] {null, admin.token()}) {
            problemNaming(search("q=" + s + "&cursor=" + whole, token), 422, "cursor");
            problemNaming(search("q=" + s + "&cursor=" + emailCursor, token), 422, "cursor");
            problemNaming(search("cursor=" + searched, token), 422, "cursor");
            problemNaming(search("q=" + s + "&cursor=" + searched + "&page=2", token), 422, "cursor");
        }
        problemNaming(search("q=" + segment(s + "1@") + "&cursor=" + searched, admin.token()), 422, "cursor");
        assertThat(items(object(search("q=" + s + "&cursor=" + searched, null), 200))).hasSize(2);
    }

    @Test
    void aNewOrRenamedUserIsFoundAtOnce() {
        String s = stem();
        ApiApp.Session admin = API.admin();
        for (String token : new String[] {null, admin.token()}) {
            assertThat(names(s, token)).isEmpty();
        }
        object(API.request("/api/users").post(jakarta.ws.rs.client.Entity.json(Wire.signUpBody(s + "-new", "password of the new user"))), 201);
        ApiApp.Session old = API.signUp("old" + s.substring(1, 5));
        for (String token : new String[] {null, admin.token()}) {
            assertThat(names(s, token)).containsExactly(s + "-new");
        }
        object(patch(API.request("/api/users/" + old.id(), old.token()), Map.of("username", s + "-Renamed")), 200);
        for (String token : new String[] {null, admin.token()}) {
            assertThat(names(s, token)).containsExactly(s + "-new", s + "-Renamed");
            assertThat(names(old.username(), token)).isEmpty();
        }
    }

    @Test
    void anAnonymousSearchMayBeKeptBySharedCachesASignedInOneNot() {
        ApiApp.Session user = API.signUp("cacher");
        try (Response anonymous = search("q=cacher", null); Response signedIn = search("q=cacher", user.token())) {
            assertThat(anonymous.getStatus()).isEqualTo(200);
            assertThat(anonymous.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, no-cache");
            assertThat(signedIn.getStatus()).isEqualTo(200);
            assertThat(signedIn.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-cache");
        }
    }
}
