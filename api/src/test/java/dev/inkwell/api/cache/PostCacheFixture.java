package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import dev.inkwell.persistence.cache.CachedShape;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the post cache tests through HTTP ({@link PostCacheReadsApiIT},
 * {@link PostCacheInvalidationApiIT}, {@link PostCachePagesApiIT}, {@link PostCacheConsistencyIT})
 * and the tests of kept pages of the user, category and tag lists
 * ({@link KeptListPagesInvalidationApiIT}, {@link KeptListPagesAnswersApiIT},
 * {@link KeptListPagesKeysApiIT}) share: requests to the app, the author of their posts (who also
 * makes their categories and tags) and the app's shared admin (both made before the first test, so
 * that no test counts their sign-ups among its statements), the log of the statements the app runs,
 * posts made through the API, a post read until it is cached, its author's list page, a post's
 * comment count on its author's first page, any page read until it is kept, the newest user's page,
 * and the Redis families the list pages are kept in. Registered after the app's extension, it starts
 * after the app and stops before it:
 * {@code @RegisterExtension static final PostCacheFixture POSTS = new PostCacheFixture(API);}
 */
final class PostCacheFixture implements BeforeAllCallback, AfterAllCallback {
    static final String ALL_USERS = "/api/users?per_page=100";
    /** The families in Redis of the kept pages of users, categories and tags, one per table. */
    static final List<String> FAMILIES =
            List.of(CachedShape.USER_PAGES.key(), CachedShape.CATEGORY_PAGES.key(), CachedShape.TAG_PAGES.key());

    private final ApiApp api;
    final JsonHttp http;
    private ApiApp.Session author;
    private StatementLog sql;

    PostCacheFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        author = api.signUp("writer");
        api.sharedAdmin();
        sql = new StatementLog(api.extension().<InkwellApiApplication>getApplication().jdbi());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sql != null) {
            sql.stop();
        }
    }

    /** The writer of the posts this fixture makes (one per app). */
    ApiApp.Session author() {
        return author;
    }

    /** An admin no test changes: the app's shared one. */
    ApiApp.Session admin() {
        return api.sharedAdmin();
    }

    /** Every statement the app has run since the last {@link StatementLog#clear()}. */
    StatementLog sql() {
        return sql;
    }

    long post(Long categoryId, List<String> tags, boolean published) {
        return http.post("/api/posts", fields("title", ApiApp.unique("title"), "content", "Some words.",
                "category_id", categoryId, "tags", tags, "published", published)).as(author).expect(201).get("id").asLong();
    }

    long post() {
        return post(null, List.of(), true);
    }

    long post(List<String> tags) {
        return post(null, tags, true);
    }

    /**
     * Reads the post twice (the second read is served from Redis), and its author's list page
     * twice (the second is a kept page), and returns it: so the write a test makes next must
     * reach both the post's entry and the kept pages.
     */
    JsonNode cached(long id) {
        JsonNode first = http.get("/api/posts/" + id).expect(200);
        sql.clear();
        JsonNode second = http.get("/api/posts/" + id).expect(200);
        assertThat(sql.statements()).as("statements of a cache hit").isEmpty();
        assertThat(second).isEqualTo(first);
        String list = authorsList(second);
        http.get(list).expect(200);
        sql.clear();
        assertThat(listed(http.get(list).expect(200), id)).isEqualTo(second);
        assertThat(sql.statements()).as("statements of a kept list page").isEmpty();
        return second;
    }

    /** The page, read twice: the second read is the kept one. */
    JsonNode kept(String path) {
        http.get(path).expect(200);
        sql.clear();
        JsonNode page = http.get(path).expect(200);
        assertThat(sql.statements()).as("statements of a kept page of %s", path).isEmpty();
        return page;
    }

    /** The last user's page of one (users are listed by id, so the newest user). */
    String lastUser() {
        return "/api/users?per_page=1&page=" + http.get(ALL_USERS).expect(200).get("total").asLong();
    }

    /** The comment count of post {@code id} on the anonymous first page of its author's posts. */
    long countOnListPage(ApiApp.Session author, long id) {
        for (JsonNode item : http.get("/api/posts?author_id=" + author.id()).expect(200).get("items")) {
            if (item.get("id").asLong() == id) {
                return item.get("comment_count").asLong();
            }
        }
        throw new AssertionError("post " + id + " is not on its author's first page");
    }

    static String authorsList(JsonNode post) {
        return "/api/posts?per_page=100&author_id=" + post.get("author").get("id").asLong();
    }

    /** The item of {@code id} (a post, a user, a category or a tag) on {@code page}, or null. */
    static JsonNode listed(JsonNode page, long id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        return null;
    }
}
