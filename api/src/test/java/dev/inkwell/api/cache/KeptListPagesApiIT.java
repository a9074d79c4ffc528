package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

import java.util.List;
import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept pages of the user, category and tag lists through HTTP, on a real Redis: a kept page runs
 * no SQL, every write that changes what a page shows makes the next read show it (each test
 * reads the page first, so that it is kept when the write comes), and the answer before Jersey
 * is the resource's, byte for byte.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeptListPagesApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    static final String ALL_USERS = "/api/users?per_page=100";
    static final List<String> FAMILIES = List.of(CachedShape.USER_PAGES.key(), CachedShape.CATEGORY_PAGES.key(), CachedShape.TAG_PAGES.key());

    static ApiApp.Session user;
    static ApiApp.Session admin;
    static StatementLog sql;

    @BeforeAll
    static void setUp() {
        user = API.signUp("lister");
        admin = API.admin();
        sql = new StatementLog(APP.<dev.inkwell.api.InkwellApiApplication>getApplication().jdbi());
    }

    @AfterAll
    static void tearDown() {
        if (sql != null) {
            sql.stop();
        }
    }

    /** The page, read twice: the second read is the kept one. */
    private static JsonNode kept(String path) {
        HTTP.get(path).expect(200);
        sql.clear();
        JsonNode page = HTTP.get(path).expect(200);
        assertThat(sql.statements()).as("statements of a kept page of %s", path).isEmpty();
        return page;
    }

    private static JsonNode item(JsonNode page, long id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        return null;
    }

    /** The last user's page of one (users are listed by id, so the newest user). */
    private static String lastUser() {
        return "/api/users?per_page=1&page=" + HTTP.get(ALL_USERS).expect(200).get("total").asLong();
    }

    @Test
    void signUpShowsOnKeptUserPages() {
        long total = kept(ALL_USERS).get("total").asLong();
        API.signUp("newcomer");
        assertThat(HTTP.get(ALL_USERS).expect(200).get("total").asLong()).isEqualTo(total + 1);
    }

    @Test
    void bulkUsersShowOnKeptUserPages() {
        long total = kept(ALL_USERS).get("total").asLong();
        String a = ApiApp.unique("bulk");
        String b = ApiApp.unique("bulk");
        HTTP.post("/api/users/bulk", List.of(fields("username", a, "email", a + "@example.com"),
                fields("username", b, "email", b + "@example.com"))).as(admin).expect(201);
        assertThat(HTTP.get(ALL_USERS).expect(200).get("total").asLong()).isEqualTo(total + 2);
    }

    @Test
    void userChangesShowOnKeptUserPages() {
        ApiApp.Session someone = API.signUp("changing");
        String page = lastUser();
        assertThat(kept(page).get("items").get(0).get("id").asLong()).isEqualTo(someone.id());
        String name = ApiApp.unique("renamed");
        HTTP.patch("/api/users/" + someone.id(), fields("username", name)).as(someone).expect(200);
        assertThat(kept(page).get("items").get(0).get("username").asText()).isEqualTo(name);
        HTTP.patch("/api/users/" + someone.id(), fields("is_active", false)).as(admin).expect(200);
        assertThat(kept(page).get("items").get(0).get("is_active").asBoolean()).isFalse();
        HTTP.patch("/api/users/" + someone.id(), fields("role", "admin")).as(admin).expect(200);
        assertThat(HTTP.get(page).expect(200).get("items").get(0).get("role").asText()).isEqualTo("admin");
    }

    @Test
    void aDeletedUserLeavesKeptUserPages() {
        ApiApp.Session leaving = API.signUp("leaving");
        assertThat(item(kept(ALL_USERS), leaving.id())).isNotNull();
        HTTP.delete("/api/users/" + leaving.id()).as(leaving).expect(204);
        assertThat(item(HTTP.get(ALL_USERS).expect(200), leaving.id())).isNull();
    }

    @Test
    void signedInReadersSeeTheirOwnEmailAndAnonymousReadersNever() {
        ApiApp.Session reader = API.signUp("reader");
        String page = lastUser();
        assertThat(HTTP.get(page).as(reader).expect(200).get("items").get(0).get("email").asText())
                .isEqualTo(reader.username().toLowerCase() + "@example.com");
        assertThat(kept(page).get("items").get(0).has("email")).isFalse();
        assertThat(HTTP.get(page).as(reader).expect(200).get("items").get(0).has("email")).isTrue();
    }

    @Test
    void categoryWritesShowOnKeptCategoryPages() {
        String all = "/api/categories?per_page=100";
        long total = kept(all).get("total").asLong();
        long parent = HTTP.post("/api/categories", fields("name", ApiApp.unique("Parent"))).as(user).expect(201).get("id").asLong();
        assertThat(kept(all).get("total").asLong()).isEqualTo(total + 1);
        long child = HTTP.post("/api/categories", fields("name", ApiApp.unique("Child"), "parent_id", parent)).as(user)
                .expect(201).get("id").asLong();
        assertThat(item(kept(all), parent).get("children").get(0).get("id").asLong()).isEqualTo(child);
        String name = ApiApp.unique("Renamed");
        HTTP.patch("/api/categories/" + child, fields("name", name)).as(admin).expect(200);
        assertThat(item(kept(all), parent).get("children").get(0).get("name").asText()).isEqualTo(name);
        HTTP.delete("/api/categories/" + child).as(admin).expect(204);
        JsonNode after = HTTP.get(all).expect(200);
        assertThat(item(after, child)).isNull();
        assertThat(item(after, parent).get("children")).isEmpty();
    }

    @Test
    void tagWritesShowOnKeptTagPages() {
        String all = "/api/tags?per_page=100";
        long total = kept(all).get("total").asLong();
        long id = HTTP.post("/api/tags", fields("name", ApiApp.unique("fresh"))).as(user).expect(201).get("id").asLong();
        assertThat(kept(all).get("total").asLong()).isEqualTo(total + 1);
        String name = ApiApp.unique("renamed");
        HTTP.patch("/api/tags/" + id, fields("name", name)).as(admin).expect(200);
        assertThat(item(kept(all), id).get("name").asText()).isEqualTo(name);
        HTTP.delete("/api/tags/" + id).as(admin).expect(204);
        assertThat(HTTP.get(all).expect(200).get("total").asLong()).isEqualTo(total);
    }

    @Test
    void aPostsFirstUseOfATagShowsOnKeptTagPages() {
        String all = "/api/tags?per_page=100";
        long total = kept(all).get("total").asLong();
        HTTP.post("/api/posts", fields("title", "t", "content", "c", "published", true, "tags", List.of(ApiApp.unique("first"))))
                .as(user).expect(201);
        assertThat(HTTP.get(all).expect(200).get("total").asLong()).isEqualTo(total + 1);
    }

    /**
     * Before Jersey (plain anonymous JSON), through Jersey (an Accept it negotiates, a token):
     * the same answer, whether the page was kept or built by the request; for users, Jersey's
     * own writing of a signed-in reader's page whose users are not the reader's to see.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/users?per_page=2", "/api/categories", "/api/tags?page=1&per_page=3"})
    void theAnswerBeforeJerseyIsTheResourcesByteForByte(String path) {
        API.insertUsers("filler", 2);
        HTTP.post("/api/categories", fields("name", ApiApp.unique("Same"))).as(user).expect(201);
        HTTP.post("/api/tags", fields("name", ApiApp.unique("same"))).as(user).expect(201);
        ApiApp.Session other = API.signUp("other");
        for (boolean built : List.of(true, false)) {
            if (built) {
                dropKeptPages();
            }
            TestHttp.Answer fast = raw(path, "Accept", "application/json");
            List<TestHttp.Answer> jersey = List.of(raw(path, "Accept", "application/json;q=0.9"),
                    raw(path, "Accept", "application/json", "Authorization", "Bearer " + other.token()));
            for (TestHttp.Answer slow : jersey) {
                assertThat(fast.status()).isEqualTo(slow.status()).isEqualTo(200);
                for (String header : List.of("Content-Type", "Content-Length", "Link", "ETag", "Vary")) {
                    assertThat(fast.headers().allValues(header)).as(header).isEqualTo(slow.headers().allValues(header));
                }
                assertThat(new String(fast.body())).isEqualTo(new String(slow.body()));
            }
            // Shared caches may keep what every reader is shown alike; a signed-in reader's user list is theirs.
            assertThat(fast.header("Cache-Control")).isEqualTo(jersey.get(0).header("Cache-Control")).isEqualTo("public, no-cache");
            assertThat(jersey.get(1).header("Cache-Control")).isEqualTo(path.startsWith("/api/users") ? "private, no-cache" : "public, no-cache");
        }
    }

    private static void dropKeptPages() {
        try (RedisClient redis = TestRedis.get().client()) {
            for (String family : FAMILIES) {
                redis.del(API.namespace() + ":" + family);
            }
        }
    }

    private static TestHttp.Answer raw(String path, String... headers) {
        return TestHttp.get(API.url(path)).addHeaders(headers).header("Accept-Encoding", "identity").send();
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=10001", "per_page=0", "per_page=101", "page=-1", "per_page=x", "page=1.5"})
    void invalidParametersAreStillProblemsAndKeepNoPage(String query) {
        int status = query.contains("x") || query.contains(".") ? 400 : 422;
        for (String list : List.of("/api/users", "/api/categories", "/api/tags")) {
            for (int i = 0; i < 2; i++) {
                assertProblem(HTTP.get(list + "?" + query).send(), status);
            }
        }
        try (RedisClient redis = TestRedis.get().client()) {
            for (String family : FAMILIES) {
                assertThat(redis.hkeys(API.namespace() + ":" + family)).noneMatch(k -> k.contains(query));
            }
        }
    }

    @Test
    void requestsNotPlainlyAPageAreJerseysAndAnswerTheSamePage() {
        JsonNode page = kept("/api/tags?per_page=2&page=1");
        for (String other : List.of("/api/tags?page=01&per_page=2", "/api/tags?per_page=2&page=1&x=y", "/api/tags?per_page=2&page=1&")) {
            assertThat(HTTP.get(other).expect(200)).as(other).isEqualTo(page);
        }
        // Jersey takes the first of repeated parameters: never a page kept under another name.
        assertThat(HTTP.get("/api/tags?per_page=2&page=1&page=2").expect(200)).isEqualTo(page);
        assertThat(HTTP.get("/api/tags?per_page=2&page=2").expect(200)).isNotEqualTo(page);
    }

    /** A token is checked before a user page is answered (the category and tag lists take no caller at all). */
    @Test
    void invalidCredentialsAreStill401() {
        HTTP.get("/api/users").expect(200);
        assertProblem(HTTP.get("/api/users").token("not-a-token").send(), 401);
    }

    @Test
    void keptPagesAreOneFamilyPerTable() {
        kept("/api/tags?per_page=7");
        try (RedisClient redis = TestRedis.get().client()) {
            Map<String, String> family = redis.hgetAll(API.namespace() + ":" + CachedShape.TAG_PAGES.key());
            assertThat(family).containsKey("=page=1\nper_page=7");
        }
    }

    /**
     * A page after a cursor is kept as a numbered page is (named by its cursor), with its next
     * cursor: the kept answer, before Jersey, is the resource's with the same {@code Link}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/categories", "/api/tags"})
    void aCursorPageIsKeptWithItsLinkAndAnsweredBeforeJerseyAsTheResourceAnswersIt(String list) {
        API.insertUsers("filler", 3);
        for (int i = 0; i < 3; i++) {
            HTTP.post("/api/categories", fields("name", ApiApp.unique("Walk"))).as(user).expect(201);
            HTTP.post("/api/tags", fields("name", ApiApp.unique("walk"))).as(user).expect(201);
        }
        String cursor = HTTP.get(list + "?per_page=1").expect(200).get("next_cursor").asText();
        String path = list + "?per_page=1&cursor=" + cursor;
        JsonNode page = kept(path);
        assertThat(page.get("next_cursor").isTextual()).isTrue();
        TestHttp.Answer fast = raw(path, "Accept", "application/json");
        TestHttp.Answer slow = raw(path, "Accept", "application/json;q=0.9");
        assertThat(fast.headers().allValues("Link")).hasSize(1).isEqualTo(slow.headers().allValues("Link"));
        assertThat(fast.headers().allValues("Link").get(0)).contains("cursor=" + page.get("next_cursor").asText());
        assertThat(new String(fast.body())).isEqualTo(new String(slow.body()));
        try (RedisClient redis = TestRedis.get().client()) {
            String family = FAMILIES.get(List.of("/api/users", "/api/categories", "/api/tags").indexOf(list));
            assertThat(redis.hkeys(API.namespace() + ":" + family)).anyMatch(k -> k.endsWith("=cursor=" + cursor + "\nper_page=1"));
        }
    }

    @Test
    void aKeptNumberedPageKeepsItsLink() {
        HTTP.post("/api/tags", fields("name", ApiApp.unique("linked"))).as(user).expect(201);
        HTTP.post("/api/tags", fields("name", ApiApp.unique("linked"))).as(user).expect(201);
        List<String> built = raw("/api/tags?per_page=1", "Accept", "application/json").headers().allValues("Link");
        kept("/api/tags?per_page=1");
        assertThat(built).hasSize(1);
        assertThat(raw("/api/tags?per_page=1", "Accept", "application/json").headers().allValues("Link")).isEqualTo(built);
    }

    @Test
    void aCursorThatDoesNotDecodeKeepsNoPage() {
        assertProblem(HTTP.get("/api/tags?cursor=garbage").send(), 422);
        try (RedisClient redis = TestRedis.get().client()) {
            assertThat(redis.hkeys(API.namespace() + ":" + CachedShape.TAG_PAGES.key())).noneMatch(k -> k.contains("garbage"));
        }
    }
}
