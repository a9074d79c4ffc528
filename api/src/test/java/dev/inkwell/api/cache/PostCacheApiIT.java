package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post read cache through HTTP, on a real Redis: a hit runs no SQL, and every write path
 * that changes what a cached post shows (the post itself, its tags, its author's name, its
 * category, its tags' names) makes the next read show the change. Each test first reads the
 * post twice, so the old copy is in Redis when the write comes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCacheApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    static ApiApp.Session author;
    static ApiApp.Session admin;
    static StatementLog sql;

    @BeforeAll
    static void setUp() {
        author = API.signUp("writer");
        admin = API.admin();
        sql = new StatementLog(APP.<dev.inkwell.api.InkwellApiApplication>getApplication().jdbi());
    }

    @AfterAll
    static void tearDown() {
        if (sql != null) {
            sql.stop();
        }
    }

    private static long category(String name) {
        return HTTP.post("/api/categories", fields("name", name)).as(admin).expect(201).get("id").asLong();
    }

    private static long post(Long categoryId, List<String> tags, boolean published) {
        return HTTP.post("/api/posts", fields("title", ApiApp.unique("title"), "content", "Some words.",
                "category_id", categoryId, "tags", tags, "published", published)).as(author).expect(201).get("id").asLong();
    }

    private static long post() {
        return post(null, List.of(), true);
    }

    private static long post(List<String> tags) {
        return post(null, tags, true);
    }

    /**
     * Reads the post twice (the second read is served from Redis), and its author's list page
     * twice (the second is a kept page), and returns it: so the write a test makes next must
     * reach both the post's entry and the kept pages.
     */
    private static JsonNode cached(long id) {
        JsonNode first = HTTP.get("/api/posts/" + id).expect(200);
        sql.clear();
        JsonNode second = HTTP.get("/api/posts/" + id).expect(200);
        assertThat(sql.statements()).as("statements of a cache hit").isEmpty();
        assertThat(second).isEqualTo(first);
        String list = authorsList(second);
        HTTP.get(list).expect(200);
        sql.clear();
        assertThat(listed(HTTP.get(list).expect(200), id)).isEqualTo(second);
        assertThat(sql.statements()).as("statements of a kept list page").isEmpty();
        return second;
    }

    /**
     * The post as a single read shows it, checked to be exactly what a list page shows of it (the
     * newest posts of its author: lists take their posts from the same cache).
     */
    private static JsonNode read(long id) {
        JsonNode post = HTTP.get("/api/posts/" + id).expect(200);
        assertThat(listed(HTTP.get(authorsList(post)).expect(200), id)).as("post " + id + " on its author's list page").isEqualTo(post);
        return post;
    }

    private static String authorsList(JsonNode post) {
        return "/api/posts?per_page=100&author_id=" + post.get("author").get("id").asLong();
    }

    /** The item of post {@code id} on {@code page}, or null. */
    private static JsonNode listed(JsonNode page, long id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        return null;
    }

    private static List<String> tags(JsonNode post) {
        List<String> names = new ArrayList<>();
        post.get("tags").forEach(t -> names.add(t.asText()));
        return names;
    }

    @Test
    void aCachedReadRunsNoSqlAndAnswersTheSameBodyAndEtag() {
        long id = post();
        sql.clear();
        try (Response miss = HTTP.get("/api/posts/" + id).send()) {
            // The miss's one read runs without a Jdbi handle: the statement log must see it all the same.
            assertThat(sql.statements()).as("statements of a miss").singleElement().asString().startsWith("/* PostReads.findById */ ");
            sql.clear();
            try (Response hit = HTTP.get("/api/posts/" + id).send()) {
                assertThat(sql.statements()).isEmpty();
                assertThat(hit.getStatus()).isEqualTo(200);
                assertThat(hit.getMediaType().toString()).startsWith("application/json");
                assertThat(hit.getEntityTag()).isEqualTo(miss.getEntityTag());
                assertThat(hit.readEntity(String.class)).isEqualTo(miss.readEntity(String.class));
            }
        }
    }

    /**
     * Anonymous hits are answered before Jersey ({@code PostReadFilter}), reads with a token by
     * the resource: both must give the same answer for the same entry.
     */
    @Test
    void anAnonymousHitAnswersExactlyWhatTheResourceAnswers() {
        long id = post(List.of("same", "bytes"));
        cached(id);
        try (Response anonymous = HTTP.get("/api/posts/" + id).send();
             Response signedIn = HTTP.get("/api/posts/" + id).as(author).send();
             Response anyType = API.client().target(API.url("/api/posts/" + id)).request("*/*")
                     .header("Accept-Encoding", "identity").get()) {
            for (Response r : List.of(anonymous, anyType)) {
                assertThat(r.getStatus()).isEqualTo(signedIn.getStatus()).isEqualTo(200);
                assertThat(r.getHeaderString("Content-Type")).isEqualTo(signedIn.getHeaderString("Content-Type"));
                assertThat(r.getHeaderString("ETag")).isEqualTo(signedIn.getHeaderString("ETag")).matches("\"1-[0-9a-f]{16}\"");
                // Only who may keep it differs: the signed-in reader's answer is theirs alone (they may see drafts).
                assertThat(r.getHeaderString("Cache-Control")).isEqualTo("public, no-cache");
                assertThat(signedIn.getHeaderString("Cache-Control")).isEqualTo("private, no-cache");
                assertThat(r.getHeaderString("Content-Length")).isEqualTo(signedIn.getHeaderString("Content-Length"));
                assertThat(r.readEntity(byte[].class)).isEqualTo(signedIn.readEntity(byte[].class));
            }
        }
    }

    /**
     * A miss, too, answers the same before Jersey (anonymous) as in the resource (signed in):
     * the post's entry is dropped between the two reads, so each reads PostgreSQL.
     */
    @Test
    void anAnonymousMissAnswersExactlyWhatTheResourcesMissAnswers() {
        long id = post(List.of("miss", "bytes"));
        try (Response anonymous = HTTP.get("/api/posts/" + id).send()) {
            try (RedisClient redis = TestRedis.get().client()) {
                // The post's entry, whatever version its key format is at (post:v1:<id>).
                Set<String> entry = redis.keys(APP.getConfiguration().getCache().getNamespace() + ":post:*:" + id);
                assertThat(entry).hasSize(1);
                assertThat(redis.del(entry.toArray(String[]::new))).isEqualTo(1);
            }
            sql.clear();
            try (Response signedIn = HTTP.get("/api/posts/" + id).as(author).send()) {
                assertThat(sql.statements()).as("post reads of the resource's miss (besides the token's)")
                        .filteredOn(q -> q.contains("PostReads.findById")).hasSize(1);
                assertThat(anonymous.getStatus()).isEqualTo(signedIn.getStatus()).isEqualTo(200);
                for (String header : List.of("Content-Type", "ETag", "Content-Length")) {
                    assertThat(anonymous.getHeaderString(header)).as(header).isEqualTo(signedIn.getHeaderString(header)).isNotNull();
                }
                assertThat(anonymous.readEntity(byte[].class)).isEqualTo(signedIn.readEntity(byte[].class));
            }
        }
    }

    /**
     * An anonymous miss is read (and cached) before Jersey as well; a read that finds no
     * published post goes on to the resource with what it found, which answers from it: one
     * statement for each, whatever it finds, and the resource's 404 for a draft or no post.
     */
    @Test
    void anAnonymousMissIsOneStatementWhateverItFinds() {
        long published = post();
        long draft = post(null, List.of(), false);
        sql.clear();
        try (Response miss = HTTP.get("/api/posts/" + published).send()) {
            assertThat(miss.getStatus()).isEqualTo(200);
            assertThat(miss.getHeaderString("ETag")).matches("\"1-[0-9a-f]{16}\"");
            assertThat(JsonHttp.json(miss).get("id").asLong()).isEqualTo(published);
        }
        assertThat(sql.statements()).as("statements of an anonymous miss").hasSize(1);
        for (long id : List.of(draft, published + 1_000_000)) {
            sql.clear();
            assertProblem(HTTP.get("/api/posts/" + id).send(), 404);
            assertThat(sql.statements()).as("statements of an anonymous read of " + id).hasSize(1);
        }
        sql.clear();
        assertProblem(HTTP.get("/api/posts/" + draft).send(), 404);
        assertThat(sql.statements()).as("statements of a second anonymous read of a draft: cached").isEmpty();
        assertThat(HTTP.get("/api/posts/" + draft).as(author).expect(200).get("published").asBoolean()).isFalse();
    }

    @Test
    void aCachedPostStillChecksCredentialsAndNegotiatesTheType() {
        long id = post();
        cached(id);
        assertProblem(HTTP.get("/api/posts/" + id).token("not-a-token").send(), 401);
        assertProblem(HTTP.get("/api/posts/" + id).header("Authorization", "Basic eDp5").send(), 401);
        // Outside the OpenAPI document (Jersey answers these for every operation), so a plain client.
        assertThat(raw("GET", id, "Accept", "text/html").status()).isEqualTo(406);
        assertThat(raw("GET", id, "Accept", "text/html", "Accept", "application/json").status()).isEqualTo(200);
        TestHttp.Answer head = raw("HEAD", id, "Accept", "application/json");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"1-[0-9a-f]{16}\""));
        assertThat(head.body()).isEmpty();
    }

    private static TestHttp.Answer raw(String method, long id, String... headers) {
        return TestHttp.request(method, API.url("/api/posts/" + id), null).addHeaders(headers).send();
    }

    @Test
    void pathsThatAreNotAPlainIdAreTheResourcesToAnswer() {
        long id = post();
        cached(id);
        assertThat(HTTP.get("/api/posts/00" + id).expect(200).get("id").asLong()).isEqualTo(id);
        assertProblem(HTTP.get("/api/posts/" + id + "x").send(), 400);
        assertProblem(HTTP.get("/api/posts/99999999999999999999").send(), 400);
        assertProblem(HTTP.get("/api/posts/" + (id + 1_000_000)).send(), 404);
    }

    @Test
    void theCacheReallyServesAChangeMadeBehindTheApisBackStaysUnseen() {
        long id = post();
        String title = cached(id).get("title").asText();
        API.jdbi().useHandle(h -> h.execute("UPDATE posts SET title = 'changed behind its back' WHERE id = ?", id));
        assertThat(read(id).get("title").asText()).isEqualTo(title);
    }

    @Test
    void patchingAPostShowsTheChangeAtOnce() {
        long id = post();
        cached(id);
        String list = authorsList(HTTP.get("/api/posts/" + id).expect(200));
        HTTP.patch("/api/posts/" + id, fields("title", "A new title", "published", false)).as(author).expect(200);
        assertThat(listed(HTTP.get(list).expect(200), id)).as("no longer on the kept page").isNull();
        JsonNode after = HTTP.get("/api/posts/" + id).as(author).expect(200);
        assertThat(after.get("title").asText()).isEqualTo("A new title");
        assertThat(after.get("version").asLong()).isEqualTo(2);
        assertProblem(HTTP.get("/api/posts/" + id).send(), 404);
    }

    @Test
    void changingAPostsTagsShowsThemAtOnce() {
        long id = post(null, List.of("before"), true);
        cached(id);
        HTTP.patch("/api/posts/" + id, fields("tags", List.of("after", "more"))).as(author).expect(200);
        assertThat(tags(read(id))).containsExactly("after", "more");
    }

    @Test
    void deletingAPostMakesItsReadA404AtOnce() {
        long id = post();
        String list = authorsList(cached(id));
        HTTP.delete("/api/posts/" + id).as(author).expect(204);
        assertProblem(HTTP.get("/api/posts/" + id).send(), 404);
        assertThat(listed(HTTP.get(list).expect(200), id)).as("no longer on the kept page").isNull();
    }

    @Test
    void renamingTheAuthorShowsTheNewNameOnAllTheirCachedPosts() {
        ApiApp.Session writer = API.signUp("renamed");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(HTTP.post("/api/posts", fields("title", "by " + i, "content", "x", "published", true))
                    .as(writer).expect(201).get("id").asLong());
        }
        ids.forEach(PostCacheApiIT::cached);
        String newName = ApiApp.unique("newname");
        HTTP.patch("/api/users/" + writer.id(), fields("username", newName)).as(writer).expect(200);
        for (long id : ids) {
            assertThat(read(id).get("author").get("username").asText()).isEqualTo(newName);
        }
    }

    @Test
    void renamingACategoryShowsTheNewNameOnItsCachedPosts() {
        long category = category(ApiApp.unique("Old"));
        long id = post(category, List.of(), true);
        cached(id);
        String newName = ApiApp.unique("New");
        HTTP.patch("/api/categories/" + category, fields("name", newName)).as(admin).expect(200);
        assertThat(read(id).get("category").get("name").asText()).isEqualTo(newName);
    }

    @Test
    void deletingACategoryLeavesItsCachedPostsUncategorizedAtOnce() {
        long category = category(ApiApp.unique("Doomed"));
        long id = post(category, List.of(), true);
        cached(id);
        HTTP.delete("/api/categories/" + category).as(admin).expect(204);
        assertThat(read(id).get("category").isNull()).isTrue();
    }

    @Test
    void renamingATagShowsTheNewNameOnItsCachedPosts() {
        String tag = ApiApp.unique("oldtag");
        long id = post(null, List.of(tag, "stays"), true);
        cached(id);
        long tagId = tagId(tag);
        String newName = ApiApp.unique("newtag");
        HTTP.patch("/api/tags/" + tagId, fields("name", newName)).as(admin).expect(200);
        assertThat(tags(read(id))).contains(newName, "stays").doesNotContain(tag);
    }

    @Test
    void deletingATagRemovesItFromItsCachedPostsAtOnce() {
        String tag = ApiApp.unique("gone");
        long id = post(null, List.of(tag, "stays"), true);
        cached(id);
        HTTP.delete("/api/tags/" + tagId(tag)).as(admin).expect(204);
        assertThat(tags(read(id))).containsExactly("stays");
    }

    @Test
    void aCachedDraftIsStillShownOnlyToItsAuthorAndAdmins() {
        long id = post(null, List.of(), false);
        HTTP.get("/api/posts/" + id).as(author).expect(200);
        sql.clear();
        assertProblem(HTTP.get("/api/posts/" + id).send(), 404);
        assertThat(sql.statements()).as("the anonymous read was a cache hit").isEmpty();
        ApiApp.Session stranger = API.signUp("stranger");
        assertProblem(HTTP.get("/api/posts/" + id).as(stranger).send(), 404);
        assertThat(HTTP.get("/api/posts/" + id).as(admin).expect(200).get("published").asBoolean()).isFalse();
        // Lists choose whom a post is shown to in their own statement, cached copy or not, and
        // pages are kept per reader's visibility: the author's page (kept first) is not the others'.
        String list = "/api/posts?per_page=100&author_id=" + author.id();
        for (int i = 0; i < 2; i++) {
            assertThat(HTTP.get(list).as(author).expect(200).get("items").findValuesAsText("id")).contains(Long.toString(id));
            assertThat(HTTP.get(list).expect(200).get("items").findValuesAsText("id")).doesNotContain(Long.toString(id));
            assertThat(HTTP.get(list).as(stranger).expect(200).get("items").findValuesAsText("id")).doesNotContain(Long.toString(id));
            assertThat(HTTP.get(list).as(admin).expect(200).get("items").findValuesAsText("id")).contains(Long.toString(id));
        }
    }

    @Test
    void aPageOfPublishedPostsKeptForOneReaderIsEveryonesAndShowsNoDraft() {
        long draft = post(null, List.of(), false);
        long published = post();
        String page = "/api/posts?published=true&per_page=100&author_id=" + author.id();
        JsonNode authors = HTTP.get(page).as(author).expect(200);
        assertThat(listed(authors, published)).isNotNull();
        assertThat(listed(authors, draft)).isNull();
        sql.clear();
        assertThat(HTTP.get(page).expect(200)).isEqualTo(authors);
        assertThat(HTTP.get(page).as(admin).expect(200)).isEqualTo(authors);
        // Only the admin's sign-in is looked up; the page itself is the kept one.
        assertThat(sql.statements()).noneSatisfy(s -> assertThat(s).contains("posts"));
    }

    @Test
    void aNewPostShowsOnKeptListPagesAtOnce() {
        String newest = "/api/posts?per_page=5";
        HTTP.get(newest).expect(200);
        sql.clear();
        JsonNode kept = HTTP.get(newest).expect(200);
        assertThat(sql.statements()).as("statements of a kept page").isEmpty();
        long id = post();
        JsonNode after = HTTP.get(newest).expect(200);
        assertThat(after.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(after.get("total").asLong()).isEqualTo(kept.get("total").asLong() + 1);
    }

    @Test
    void aKeptPageKeepsItsNextLinkAndDiffersFromNoOtherRequest() {
        post();
        post();
        String first = "/api/posts?per_page=1&author_id=" + author.id();
        try (Response built = HTTP.get(first).send()) {
            sql.clear();
            try (Response kept = HTTP.get(first).send()) {
                assertThat(sql.statements()).as("statements of a kept page").isEmpty();
                assertThat(kept.getStatus()).isEqualTo(200);
                assertThat(kept.getHeaderString("Link")).isNotNull().isEqualTo(built.getHeaderString("Link"));
                assertThat(kept.getMediaType().toString()).startsWith("application/json");
                assertThat(kept.readEntity(String.class)).isEqualTo(built.readEntity(String.class));
            }
        }
        JsonNode page1 = HTTP.get(first).expect(200);
        JsonNode page2 = HTTP.get(first + "&page=2").expect(200);
        JsonNode wider = HTTP.get("/api/posts?per_page=2&author_id=" + author.id()).expect(200);
        JsonNode next = HTTP.get("/api/posts?per_page=1&author_id=" + author.id() + "&cursor=" + page1.get("next_cursor").asText()).expect(200);
        assertThat(page2.get("items").get(0).get("id")).isNotEqualTo(page1.get("items").get(0).get("id"));
        assertThat(next.get("items")).isEqualTo(page2.get("items"));
        assertThat(wider.get("items")).hasSize(2);
        assertThat(HTTP.get("/api/posts?q=words&per_page=1&author_id=" + author.id()).expect(200).get("items")).hasSize(1);
        assertThat(HTTP.get("/api/posts?q=nowhere&per_page=1&author_id=" + author.id()).expect(200).get("items")).isEmpty();
    }

    @Test
    void aHundredConcurrentMissesOfOnePostRunOneQuery() throws Exception {
        long id = post(null, List.of("a", "b"), true);
        sql.clear();
        List<Callable<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            readers.add(() -> {
                try (Response r = HTTP.get("/api/posts/" + id).send()) {
                    return r.getStatus();
                }
            });
        }
        assertThat(JsonHttp.together(readers)).allSatisfy(status -> assertThat(status).isEqualTo(200));
        assertThat(sql.statements()).as("statements of 100 concurrent reads of one uncached post").hasSize(1);
    }

    @Test
    void adminsSeeTheCacheStatsOthersDoNot() {
        long id = post();
        cached(id);
        JsonNode stats = HTTP.get("/api/admin/cache").as(admin).expect(200);
        assertThat(stats.get("breaker").asText()).isEqualTo("closed");
        assertThat(stats.get("hits").asLong()).isPositive();
        assertThat(stats.get("fills").asLong()).isPositive();
        assertThat(stats.get("hit_ratio").asDouble()).isBetween(0.0, 1.0);
        assertThat(stats.get("redis_keys").asLong()).isPositive();
        assertThat(stats.get("pool").get("max").asInt()).isPositive();
        assertProblem(HTTP.get("/api/admin/cache").as(author).send(), 403);
        assertProblem(HTTP.get("/api/admin/cache").send(), 401);
    }

    private static long tagId(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT id FROM tags WHERE name = :n").bind("n", name)
                .mapTo(Long.class).one());
    }
}
