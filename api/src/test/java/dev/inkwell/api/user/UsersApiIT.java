package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static dev.inkwell.api.user.Wire.id;
import static dev.inkwell.api.user.Wire.items;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.signUpBody;
import static dev.inkwell.api.user.Wire.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/users} (sign-up, its races) and {@code GET /api/users} (the paged list). */
@ExtendWith(DropwizardExtensionsSupport.class)
class UsersApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static final String PASSWORD = "correct horse battery staple";

    private static Response signUp(Object body) {
        return API.request("/api/users").post(body instanceof String s ? Entity.json(s) : Entity.json(body));
    }

    // ---------------------------------------------------------------- POST /api/users: success

    @Test
    void signUpAnswers201WithTheUser() {
        String name = ApiApp.unique("new");
        Map<String, Object> user = object(signUp(signUpBody(name, PASSWORD)), 201, PASSWORD);
        assertThat(user).containsEntry("username", name)
                .containsEntry("email", name.toLowerCase() + "@example.com")
                .containsEntry("role", "user")
                .containsEntry("is_active", true)
                .containsKeys("id", "created_at", "updated_at");
        assertThat(OffsetDateTime.parse((String) user.get("created_at"))).isNotNull();
    }

    @Test
    void signUpAnswersLocationOfTheNewUser() {
        String name = ApiApp.unique("located");
        Response r = signUp(signUpBody(name, PASSWORD));
        URI location = r.getLocation();
        Map<String, Object> user = object(r, 201);
        assertThat(location).isNotNull();
        assertThat(location.getPath()).isEqualTo("/api/users/" + id(user));
        assertThat(object(APP.client().target(location).request().get(), 200)).containsEntry("username", name);
    }

    @Test
    void signUpStoresTheEmailLowerCase() {
        String name = ApiApp.unique("MixedCase");
        Map<String, Object> user = object(signUp(Map.of("username", name, "email", "  " + name.toUpperCase() + "@Example.COM ",
                "password", PASSWORD)), 201);
        assertThat(user.get("email")).isEqualTo(name.toLowerCase() + "@example.com");
    }

    @Test
    void signUpKeepsTheUsernameAsTyped() {
        String name = ApiApp.unique("CamelName");
        assertThat(object(signUp(signUpBody(name, PASSWORD)), 201).get("username")).isEqualTo(name);
    }

    @Test
    void signUpStoresAnArgon2idHashAndNotThePassword() {
        String name = ApiApp.unique("hashed");
        long id = id(object(signUp(signUpBody(name, PASSWORD)), 201));
        String hash = Wire.column(API.jdbi(), id, "password_hash", String.class);
        assertThat(hash).startsWith("$argon2id$v=19$").doesNotContain(PASSWORD);
    }

    @Test
    void signUpResponseNeverContainsThePasswordOrItsHash() {
        String name = ApiApp.unique("secret");
        try (Response r = signUp(signUpBody(name, PASSWORD))) {
            String body = Wire.text(r, PASSWORD);
            assertThat(r.getStatus()).isEqualTo(201);
            assertThat(body).doesNotContain("password");
        }
    }

    @Test
    void signedUpUserCanSignIn() {
        String name = ApiApp.unique("signin");
        object(signUp(signUpBody(name, PASSWORD)), 201);
        assertThat(API.signIn(name, PASSWORD)).startsWith("iw_");
    }

    @Test
    void signUpWithA64CharacterUsernameIsAccepted() {
        String name = (ApiApp.unique("long") + "x".repeat(64)).substring(0, 64);
        assertThat(object(signUp(signUpBody(name, PASSWORD)), 201).get("username")).isEqualTo(name);
    }

    @Test
    void signUpWithA3CharacterUsernameIsAccepted() {
        String name = "tri"; // the only three-character name in this class's fresh database
        assertThat(object(signUp(Map.of("username", name, "email", ApiApp.unique("short") + "@example.com", "password", PASSWORD)), 201)
                .get("username")).isEqualTo(name);
    }

    // ---------------------------------------------------------------- POST /api/users: 409

    @Test
    void signUpWithTakenUsernameIs409() {
        String name = ApiApp.unique("taken");
        object(signUp(signUpBody(name, PASSWORD)), 201);
        problemNaming(signUp(Map.of("username", name, "email", "other-" + name + "@example.com", "password", PASSWORD)),
                409, "username");
    }

    @Test
    void signUpWithUsernameTakenInAnotherCaseIs409() {
        String name = ApiApp.unique("casey");
        object(signUp(signUpBody(name, PASSWORD)), 201);
        problemNaming(signUp(Map.of("username", name.toUpperCase(), "email", "upper-" + name + "@example.com", "password", PASSWORD)),
                409, "username");
        assertThat(usersNamed(API.jdbi(), name)).isEqualTo(1);
    }

    @Test
    void signUpWithTakenEmailIs409() {
        String name = ApiApp.unique("mail");
        object(signUp(signUpBody(name, PASSWORD)), 201);
        String other = ApiApp.unique("mail2");
        problemNaming(signUp(Map.of("username", other, "email", name + "@example.com", "password", PASSWORD)), 409, "email");
        assertThat(usersNamed(API.jdbi(), other)).isZero();
    }

    @Test
    void signUpWithEmailTakenInAnotherCaseIs409() {
        String name = ApiApp.unique("mailcase");
        object(signUp(signUpBody(name, PASSWORD)), 201);
        String other = ApiApp.unique("mailcase2");
        problemNaming(signUp(Map.of("username", other, "email", name.toUpperCase() + "@EXAMPLE.com", "password", PASSWORD)),
                409, "email");
        assertThat(usersNamed(API.jdbi(), other)).isZero();
    }

    // ---------------------------------------------------------------- POST /api/users: 422

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("username", "ab"),
                Arguments.of("username", "x".repeat(65)),
                Arguments.of("username", "with space"),
                Arguments.of("username", "ümlaut"),
                Arguments.of("username", ""),
                Arguments.of("email", "no-at-sign"),
                Arguments.of("email", "two@@example.com"),
                Arguments.of("email", "no-tld@example"),
                Arguments.of("email", "x".repeat(250) + "@example.com"),
                Arguments.of("email", ""),
                Arguments.of("password", "7 chars"),
                Arguments.of("password", "x".repeat(257)),
                Arguments.of("password", "          "),
                Arguments.of("password", ""));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("invalidFields")
    void signUpWithAnInvalidFieldIs422NamingItAndCreatesNothing(String field, String value) {
        String name = ApiApp.unique("bad");
        Map<String, Object> body = new HashMap<>(signUpBody(name, PASSWORD));
        body.put(field, value);
        long before = Wire.userCount(API.jdbi());
        problemNaming(signUp(body), 422, field);
        assertThat(Wire.userCount(API.jdbi())).isEqualTo(before);
    }

    @Test
    void signUpWithEveryFieldWrongNamesThemAll() {
        problemNaming(signUp(Map.of("username", "x", "email", "nope", "password", "short")), 422,
                "username", "email", "password");
    }

    @Test
    void signUpWithAnEmptyObjectNamesEveryRequiredField() {
        problemNaming(signUp("{}"), 422, "username", "email", "password");
    }

    @Test
    void signUpWithNullFieldsNamesThemAll() {
        problemNaming(signUp("{\"username\": null, \"email\": null, \"password\": null}"), 422, "username", "email", "password");
    }

    @Test
    void signUpWithUnknownFieldIs422AndCreatesNothing() {
        String name = ApiApp.unique("sneaky");
        Map<String, Object> body = new HashMap<>(signUpBody(name, PASSWORD));
        body.put("role", "admin");
        problemNaming(signUp(body), 422, "role");
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void signUpCannotSetIsActive() {
        String name = ApiApp.unique("inactive");
        Map<String, Object> body = new HashMap<>(signUpBody(name, PASSWORD));
        body.put("is_active", false);
        problemNaming(signUp(body), 422, "is_active");
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void signUpWithObjectForUsernameIs422NamingIt() {
        problemNaming(signUp("{\"username\": {\"name\": \"abc\"}, \"email\": \"o@example.com\", \"password\": \"" + PASSWORD + "\"}"),
                422, "username");
    }

    @Test
    void signUpWithArrayForEmailIs422NamingIt() {
        problemNaming(signUp("{\"username\": \"arrays\", \"email\": [\"a@example.com\"], \"password\": \"" + PASSWORD + "\"}"),
                422, "email");
    }

    @Test
    void signUpWithoutBodyIs422() {
        problem(API.request("/api/users").post(null), 422);
    }

    @Test
    void signUpWithEmptyBodyIs422() {
        problem(signUp(""), 422);
    }

    @Test
    void signUpWithJsonNullIs422() {
        problem(signUp("null"), 422);
    }

    /** ViolationExceptionMapper promises: "A missing body ... is reported as field body". */
    @Test
    void signUpWithoutBodyNamesFieldBody() {
        problemNaming(API.request("/api/users").post(null), 422, "body");
    }

    // ---------------------------------------------------------------- POST /api/users: 400, 413, 415

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"username\":", "{\"username\": \"abc\"", "{'username': 'abc'}", "{username: \"abc\"}",
            "nul", "{\"username\": \"abc\",}", "{} {}", "{\"username\": \"a\\x\"}"})
    void signUpWithMalformedJsonIs400AndCreatesNothing(String body) {
        long before = Wire.userCount(API.jdbi());
        problem(signUp(body), 400);
        assertThat(Wire.userCount(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"username\": \"abc\"}]", "\"abc\"", "42", "true"})
    void signUpWithABodyThatIsNotAnObjectIs400(String body) {
        problem(signUp(body), 400);
    }

    @Test
    void signUpAsTextPlainIs415() {
        problem(API.request("/api/users").post(Entity.text("username=abc")), 415);
    }

    @Test
    void signUpWithA3MegabyteBodyIs413AndCreatesNothing() {
        String name = ApiApp.unique("huge");
        String body = "{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\", \"password\": \""
                + "p".repeat(3 * 1024 * 1024) + "\"}";
        Wire.problem(Wire.isolated(API, "POST", "/api/users", null, body), 413);
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }

    @Test
    void signUpWithA3MegabyteChunkedBodyIs413AndCreatesNothing() {
        String name = ApiApp.unique("chunked");
        String body = "{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\", \"password\": \""
                + "p".repeat(3 * 1024 * 1024) + "\"}";
        // a stream of unknown length goes out chunked, without Content-Length: the server must count
        Wire.problem(Wire.isolated(API, "POST", "/api/users", null, body, true), 413);
        assertThat(usersNamed(API.jdbi(), name)).isZero();
    }

    // ---------------------------------------------------------------- sign-up races

    /**
     * Sends {@code n} sign-ups, built by {@code body}, released together; returns their statuses.
     * Each thread has its request ready before the latch opens, so they really overlap.
     */
    private static List<Integer> raceSignUps(int n, IntFunction<Map<String, Object>> body) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Entity<Map<String, Object>> entity = Entity.json(body.apply(i));
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!go.await(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("never released");
                    }
                    try (Response r = API.request("/api/users").post(entity)) {
                        String text = Wire.text(r, PASSWORD);
                        assertThat(r.getStatus()).as("status of %s", text).isNotEqualTo(500);
                        if (r.getStatus() != 201) {
                            assertThat(r.getMediaType().toString()).as(text).startsWith("application/problem+json");
                        }
                        return r.getStatus();
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @RepeatedTest(10)
    void twoParallelSignUpsOfOneUsernameLetExactlyOneWin() throws Exception {
        String name = ApiApp.unique("race2");
        List<Integer> statuses = raceSignUps(2, i -> Map.of("username", name, "email", name + "-" + i + "@example.com",
                "password", PASSWORD));
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(usersNamed(API.jdbi(), name)).isEqualTo(1);
    }

    @RepeatedTest(10)
    void eightParallelSignUpsOfOneUsernameInMixedCaseLetExactlyOneWin() throws Exception {
        String name = ApiApp.unique("race8");
        List<Integer> statuses = raceSignUps(8, i -> Map.of(
                "username", i % 2 == 0 ? name : name.toUpperCase(),
                "email", name + "-" + i + "@example.com", "password", PASSWORD));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(usersNamed(API.jdbi(), name)).isEqualTo(1);
    }

    @RepeatedTest(10)
    void parallelSignUpsWithOneEmailLetExactlyOneWin() throws Exception {
        String stem = ApiApp.unique("racemail");
        List<Integer> statuses = raceSignUps(4, i -> Map.of("username", stem + "-" + i,
                "email", (i % 2 == 0 ? stem : stem.toUpperCase()) + "@example.com", "password", PASSWORD));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        long count = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE email = :e")
                .bind("e", stem.toLowerCase() + "@example.com").mapTo(Long.class).one());
        assertThat(count).isEqualTo(1);
    }

    // ---------------------------------------------------------------- GET /api/users

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

    @Test
    void listDefaultsToTheFirstPageOf20() {
        long total = atLeastUsers(45);
        Map<String, Object> page = list("", null);
        assertThat(page).containsEntry("page", 1).containsEntry("per_page", 20);
        assertThat(items(page)).hasSize(20);
        assertThat(((Number) page.get("total")).longValue()).isEqualTo(total);
        assertThat(((Number) page.get("pages")).longValue()).isEqualTo((total + 19) / 20);
    }

    @Test
    void listAnswersTheRequestedPageAndSize() {
        long total = atLeastUsers(30);
        Map<String, Object> page = list("?page=2&per_page=7", null);
        assertThat(page).containsEntry("page", 2).containsEntry("per_page", 7);
        assertThat(items(page)).hasSize(7);
        assertThat(((Number) page.get("pages")).longValue()).isEqualTo((total + 6) / 7);
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

    @Test
    void listPerPage101Is422() {
        problemNaming(API.request("/api/users?per_page=101").get(), 422, "per_page");
    }

    @Test
    void listPerPage0Is422() {
        problemNaming(API.request("/api/users?per_page=0").get(), 422, "per_page");
    }

    @Test
    void listNegativePerPageIs422() {
        problemNaming(API.request("/api/users?per_page=-5").get(), 422, "per_page");
    }

    @Test
    void listPage0Is422() {
        problemNaming(API.request("/api/users?page=0").get(), 422, "page");
    }

    @Test
    void listPageAbcIs400() {
        problemNaming(API.request("/api/users?page=abc").get(), 400, "page");
    }

    @Test
    void listPerPageAbcIs400() {
        problemNaming(API.request("/api/users?per_page=abc").get(), 400, "per_page");
    }

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
                    assertThat(u).containsEntry("email", me.username().toLowerCase() + "@example.com");
                } else {
                    assertThat(u).as("user %s seen by %s", u.get("id"), me.id()).doesNotContainKey("email");
                }
            }
        }
        assertThat(seenMyself).isTrue();
    }

    @Test
    void listShowsEveryEmailToAdmins() {
        ApiApp.Session admin = API.admin();
        atLeastUsers(5);
        assertThat(items(list("?per_page=100", admin.token()))).isNotEmpty()
                .allSatisfy(u -> assertThat(u.get("email")).asString().contains("@"));
    }

    @Test
    void listWithABadTokenShowsNoEmail() {
        atLeastUsers(5);
        try (Response r = API.request("/api/users?per_page=100", "iw_not-a-real-token").get()) {
            String body = Wire.text(r);
            assertThat(r.getStatus()).as(body).isIn(200, 401);
            assertThat(body).doesNotContain("@example.com");
        }
    }

    @Test
    void listNeverContainsPasswordsOrHashes() {
        ApiApp.Session admin = API.admin();
        try (Response r = API.request("/api/users?per_page=100", admin.token()).get()) {
            String body = Wire.text(r, admin.password());
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(body).doesNotContain("password");
        }
    }
}
