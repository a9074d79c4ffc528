package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.CachedPostWrites;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.cache.PostCacheFixture.authorsList;
import static dev.inkwell.api.cache.PostCacheFixture.listed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that must reach the post cache, through HTTP on a real Redis: every write path that
 * changes what a cached post shows (the post itself, its tags, its author's name, its category,
 * its tags' names, its comments hidden, shown or deleted, its scheduled publishing by the worker)
 * makes the next read, single or on its author's kept list page, show the change, while a change
 * made behind the API's back stays unseen (so the cache really serves). Each test first reads the
 * post until it is cached, so the old copy is in Redis when the write comes. (Writers and readers
 * at once: PostCacheConsistencyIT.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCacheInvalidationApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final PostCacheFixture POSTS = new PostCacheFixture(API);

    /**
     * The post as a single read shows it, checked to be exactly what a list page shows of it (the
     * newest posts of its author: lists take their posts from the same cache).
     */
    private static JsonNode read(long id) {
        JsonNode post = POSTS.http.get("/api/posts/" + id).expect(200);
        assertThat(listed(POSTS.http.get(authorsList(post)).expect(200), id)).as("post " + id + " on its author's list page").isEqualTo(post);
        return post;
    }

    private static List<String> tags(JsonNode post) {
        List<String> names = new ArrayList<>();
        post.get("tags").forEach(t -> names.add(t.asText()));
        return names;
    }

    private static long tagId(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT id FROM tags WHERE name = :n").bind("n", name)
                .mapTo(Long.class).one());
    }

    @Test
    void theCacheReallyServesAChangeMadeBehindTheApisBackStaysUnseen() {
        long id = POSTS.post();
        String title = POSTS.cached(id).get("title").asText();
        API.jdbi().useHandle(h -> h.execute("UPDATE posts SET title = 'changed behind its back' WHERE id = ?", id));
        assertThat(read(id).get("title").asText()).isEqualTo(title);
    }

    @Test
    void patchingAPostShowsTheChangeAtOnce() {
        long id = POSTS.post();
        POSTS.cached(id);
        String list = authorsList(POSTS.http.get("/api/posts/" + id).expect(200));
        POSTS.http.patch("/api/posts/" + id, fields("title", "A new title", "published", false)).as(POSTS.author()).expect(200);
        assertThat(listed(POSTS.http.get(list).expect(200), id)).as("no longer on the kept page").isNull();
        JsonNode after = POSTS.http.get("/api/posts/" + id).as(POSTS.author()).expect(200);
        assertThat(after.get("title").asText()).isEqualTo("A new title");
        assertThat(after.get("version").asLong()).isEqualTo(2);
        assertProblem(POSTS.http.get("/api/posts/" + id).send(), 404);
    }

    @Test
    void changingAPostsTagsShowsThemAtOnce() {
        long id = POSTS.post(null, List.of("before"), true);
        POSTS.cached(id);
        POSTS.http.patch("/api/posts/" + id, fields("tags", List.of("after", "more"))).as(POSTS.author()).expect(200);
        assertThat(tags(read(id))).containsExactly("after", "more");
    }

    @Test
    void deletingAPostMakesItsReadA404AtOnce() {
        long id = POSTS.post();
        String list = authorsList(POSTS.cached(id));
        POSTS.http.delete("/api/posts/" + id).as(POSTS.author()).expect(204);
        assertProblem(POSTS.http.get("/api/posts/" + id).send(), 404);
        assertThat(listed(POSTS.http.get(list).expect(200), id)).as("no longer on the kept page").isNull();
    }

    @Test
    void renamingTheAuthorShowsTheNewNameOnAllTheirCachedPosts() {
        ApiApp.Session writer = API.signUp("renamed");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(POSTS.http.post("/api/posts", fields("title", "by " + i, "content", "x", "published", true))
                    .as(writer).expect(201).get("id").asLong());
        }
        ids.forEach(POSTS::cached);
        String newName = ApiApp.unique("newname");
        POSTS.http.patch("/api/users/" + writer.id(), fields("username", newName)).as(writer).expect(200);
        for (long id : ids) {
            assertThat(read(id).get("author").get("username").asText()).isEqualTo(newName);
        }
    }

    @Test
    void renamingACategoryShowsTheNewNameOnItsCachedPosts() {
        long category = API.category("Old").get("id").asLong();
        long id = POSTS.post(category, List.of(), true);
        POSTS.cached(id);
        String newName = ApiApp.unique("New");
        POSTS.http.patch("/api/categories/" + category, fields("name", newName)).as(POSTS.admin()).expect(200);
        assertThat(read(id).get("category").get("name").asText()).isEqualTo(newName);
    }

    @Test
    void deletingACategoryLeavesItsCachedPostsUncategorizedAtOnce() {
        long category = API.category("Doomed").get("id").asLong();
        long id = POSTS.post(category, List.of(), true);
        POSTS.cached(id);
        POSTS.http.delete("/api/categories/" + category).as(POSTS.admin()).expect(204);
        assertThat(read(id).get("category").isNull()).isTrue();
    }

    @Test
    void renamingATagShowsTheNewNameOnItsCachedPosts() {
        String tag = ApiApp.unique("oldtag");
        long id = POSTS.post(null, List.of(tag, "stays"), true);
        POSTS.cached(id);
        long tagId = tagId(tag);
        String newName = ApiApp.unique("newtag");
        POSTS.http.patch("/api/tags/" + tagId, fields("name", newName)).as(POSTS.admin()).expect(200);
        assertThat(tags(read(id))).contains(newName, "stays").doesNotContain(tag);
    }

    @Test
    void deletingATagRemovesItFromItsCachedPostsAtOnce() {
        String tag = ApiApp.unique("gone");
        long id = POSTS.post(null, List.of(tag, "stays"), true);
        POSTS.cached(id);
        POSTS.http.delete("/api/tags/" + tagId(tag)).as(POSTS.admin()).expect(204);
        assertThat(tags(read(id))).containsExactly("stays");
    }

    @Test
    void hidingShowingAndDeletingACommentShowTheNewCountAtOnceOnCachedReadsAndKeptPages() {
        ApiApp.Session author = API.signUp("moderator");
        ApiApp.Session commenter = API.signUp("talker");
        long post = POSTS.http.post("/api/posts", fields("title", "t", "content", "x", "published", true)).as(author).expect(201)
                .get("id").asLong();
        String comments = "/api/posts/" + post + "/comments";
        long top = POSTS.http.post(comments, fields("body", "top")).as(commenter).expect(201).get("id").asLong();
        POSTS.http.post(comments, fields("body", "reply", "parent_id", top)).as(commenter).expect(201);
        assertCount(author, post, 2);
        assertCount(author, post, 2); // now both are cached: the writes below must drop them
        POSTS.cached(post); // (checked: read again, the post and its author's list page cost no statement)
        POSTS.http.patch(comments + "/" + top, fields("hidden", true)).as(author).expect(200);
        assertCount(author, post, 1);
        POSTS.http.patch(comments + "/" + top, fields("hidden", false)).as(author).expect(200);
        assertCount(author, post, 2);
        POSTS.http.delete(comments + "/" + top).as(author).expect(204);
        assertCount(author, post, 0);
    }

    /** The post's comment count, read alone (from the cache when it holds it) and on its author's kept list page. */
    private static void assertCount(ApiApp.Session author, long post, long expected) {
        assertThat(POSTS.http.get("/api/posts/" + post).expect(200).get("comment_count").asLong()).as("the post read alone")
                .isEqualTo(expected);
        assertThat(POSTS.countOnListPage(author, post)).as("the post on a list page").isEqualTo(expected);
    }

    @Test
    void aScheduledPostPublishedByTheWorkerIsReadPublishedEverywhereAtOnce() throws Exception {
        ApiApp.Session author = API.signUp("scheduler");
        String word = "flip" + ApiApp.unique("w").replace("-", "");
        JsonNode post = POSTS.http.post("/api/posts", fields("title", "Scheduled " + word, "content", word,
                "publish_at", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString())).as(author).expect(201);
        long id = post.get("id").asLong();
        String slug = post.get("slug").asText();
        // Every copy a reader can be served is made and kept while the post is a draft.
        for (int i = 0; i < 2; i++) {
            assertThat(POSTS.http.get("/api/posts/" + id).as(author).expect(200).get("published").asBoolean()).isFalse();
            assertThat(POSTS.http.get("/api/posts/" + id).send().getStatus()).isEqualTo(404);
            assertThat(POSTS.http.get("/api/posts/by-slug/" + slug).send().getStatus()).isEqualTo(404);
            assertThat(POSTS.http.get("/api/posts?author_id=" + author.id()).expect(200).get("items")).isEmpty();
            assertThat(POSTS.http.get("/api/posts?q=" + word).expect(200).get("items")).isEmpty();
        }
        POSTS.sql().clear();
        assertThat(POSTS.http.get("/api/posts/" + id).send().getStatus()).isEqualTo(404);
        assertThat(POSTS.http.get("/api/posts/by-slug/" + slug).send().getStatus()).isEqualTo(404);
        assertThat(POSTS.http.get("/api/posts?author_id=" + author.id()).expect(200).get("items")).isEmpty();
        assertThat(POSTS.http.get("/api/posts?q=" + word).expect(200).get("items")).isEmpty();
        assertThat(POSTS.sql().statements()).as("the draft's copies are kept: read again, they cost no statement").isEmpty();
        API.jdbi().useHandle(h -> h.execute("UPDATE posts SET publish_at = now() WHERE id = ?", id)); // its time has come
        try (CachedPostWrites worker = new CachedPostWrites(API.jdbi(), API.namespace())) {
            assertThat(worker.publishing().publishIfDue(id)).isTrue(); // as the worker's job publishes it
        }
        assertThat(POSTS.http.get("/api/posts/" + id).expect(200).get("published").asBoolean()).isTrue();
        assertThat(POSTS.http.get("/api/posts/" + id).as(author).expect(200).get("version").asLong()).isEqualTo(2);
        assertThat(POSTS.http.get("/api/posts/by-slug/" + slug).expect(200).get("id").asLong()).isEqualTo(id);
        assertThat(POSTS.http.get("/api/posts?author_id=" + author.id()).expect(200).get("items")).hasSize(1);
        assertThat(POSTS.http.get("/api/posts?q=" + word).expect(200).get("items")).hasSize(1);
    }
}
