package dev.inkwell.api.comment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/posts/{id}/comments end to end on PostgreSQL and Redis: threads in order with keyset pages,
 * the tree's rules, hidden comments, edits and deletes with their rights, the post's count.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommentsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    /** Identities only; every test makes its own posts and comments. */
    static ApiApp.Session writer;
    static ApiApp.Session reader;
    static ApiApp.Session other;
    static ApiApp.Session admin;

    @BeforeAll
    static void signIn() {
        writer = API.signUp("writer");
        reader = API.signUp("reader");
        other = API.signUp("other");
        admin = API.admin();
    }

    private static long post(boolean published) {
        return HTTP.post("/api/posts", fields("title", "On comments", "content", "Say something.", "published", published))
                .as(writer).expect(201).get("id").asLong();
    }

    private static String comments(long post) {
        return "/api/posts/" + post + "/comments";
    }

    private static long comment(ApiApp.Session who, long post, String body, Long parent) {
        return HTTP.post(comments(post), fields("body", body, "parent_id", parent)).as(who).expect(201).get("id").asLong();
    }

    private static int commentCount(long post) {
        return HTTP.get("/api/posts/" + post).expect(200).get("comment_count").asInt();
    }

    /** The bodies of every comment a reader ({@code who}, null: anonymous) sees, following cursors {@code perPage} at a time. */
    private static List<String> allBodies(long post, ApiApp.Session who, int perPage) {
        List<String> bodies = new ArrayList<>();
        String path = comments(post) + "?per_page=" + perPage;
        for (int pages = 0; path != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(100);
            JsonHttp.Call call = HTTP.get(path);
            JsonNode page = (who == null ? call : call.as(who)).expect(200);
            page.get("items").forEach(c -> bodies.add(c.get("body").asText()));
            path = page.get("next_cursor").isNull() ? null
                    : comments(post) + "?per_page=" + perPage + "&cursor=" + page.get("next_cursor").asText();
        }
        return bodies;
    }

    // --- creating

    @Test
    void aSignedInUserCommentsOnAPublishedPostAndThePostCountsIt() {
        long post = post(true);
        try (Response created = HTTP.post(comments(post), fields("body", "First!")).as(reader).send()) {
            assertThat(created.getStatus()).isEqualTo(201);
            JsonNode comment = json(created);
            assertThat(created.getLocation().getPath()).isEqualTo(comments(post) + "/" + comment.get("id").asLong());
            assertThat(comment.get("post_id").asLong()).isEqualTo(post);
            assertThat(comment.get("parent_id").isNull()).isTrue();
            assertThat(comment.get("depth").asInt()).isZero();
            assertThat(comment.get("author").get("id").asLong()).isEqualTo(reader.id());
            assertThat(comment.get("author").get("username").asText()).isEqualTo(reader.username());
            assertThat(comment.get("body").asText()).isEqualTo("First!");
            assertThat(comment.get("hidden").asBoolean()).isFalse();
        }
        assertThat(commentCount(post)).isEqualTo(1);
        assertThat(HTTP.get("/api/posts?author_id=" + writer.id()).expect(200).get("items").get(0).get("comment_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void commentingOnADraftOrAMissingPostIs404AndWritesNothing() {
        long draft = post(false);
        assertProblem(HTTP.post(comments(draft), fields("body", "early")).as(writer).send(), 404);
        assertProblem(HTTP.post(comments(draft), fields("body", "early")).as(reader).send(), 404);
        assertProblem(HTTP.post(comments(Long.MAX_VALUE), fields("body", "lost")).as(reader).send(), 404);
        assertThat(count("SELECT count(*) FROM comments WHERE post_id = " + draft)).isZero();
    }

    @Test
    void commentingAnonymouslyIs401() {
        assertProblem(HTTP.post(comments(post(true)), fields("body", "who am I")).send(), 401);
    }

    @Test
    void aReplyToACommentOfAnotherPostIs422OnParentId() {
        long one = post(true);
        long another = post(true);
        long there = comment(reader, another, "elsewhere", null);
        assertFields(assertProblem(HTTP.post(comments(one), fields("body", "re", "parent_id", there)).as(reader).send(), 422),
                "parent_id");
        assertFields(assertProblem(HTTP.post(comments(one), fields("body", "re", "parent_id", Long.MAX_VALUE)).as(reader).send(), 422),
                "parent_id");
        assertThat(count("SELECT count(*) FROM comments WHERE post_id = " + one)).isZero();
    }

    @Test
    void threadsGoSixLevelsDeepAndAReplyBelowThatIs422() {
        long post = post(true);
        Long parent = null;
        for (int depth = 0; depth < 6; depth++) {
            JsonNode c = HTTP.post(comments(post), fields("body", "level " + depth, "parent_id", parent)).as(reader).expect(201);
            assertThat(c.get("depth").asInt()).isEqualTo(depth);
            parent = c.get("id").asLong();
        }
        Map<String, Object> problem = assertProblem(HTTP.post(comments(post), fields("body", "too deep", "parent_id", parent))
                .as(reader).send(), 422);
        assertFields(problem, "parent_id");
        assertThat(count("SELECT count(*) FROM comments WHERE post_id = " + post)).isEqualTo(6);
    }

    // --- listing

    @Test
    void aThreadsRepliesComeRightAfterItInOrderOnEveryPage() {
        long post = post(true);
        long a = comment(reader, post, "a", null);
        long b = comment(other, post, "b", null);
        long a1 = comment(other, post, "a1", a);
        comment(reader, post, "b1", b);
        comment(reader, post, "a1x", a1);
        comment(writer, post, "a2", a);
        comment(writer, post, "c", null);
        List<String> threaded = List.of("a", "a1", "a1x", "a2", "b", "b1", "c");
        for (int perPage : List.of(1, 2, 3, 7, 100)) {
            assertThat(allBodies(post, null, perPage)).as("per_page=%d", perPage).isEqualTo(threaded);
        }
        JsonNode second = HTTP.get(comments(post) + "?page=2&per_page=3").expect(200);
        assertThat(second.get("items").findValuesAsText("body")).containsExactly("a2", "b", "b1");
        assertThat(second.get("total").asLong()).isEqualTo(7);
        assertThat(second.get("pages").asLong()).isEqualTo(3);
        assertThat(second.get("page").asInt()).isEqualTo(2);
    }

    @Test
    void aPageWithANextOneLinksToItAndTheLastDoesNot() {
        long post = post(true);
        comment(reader, post, "one", null);
        comment(reader, post, "two", null);
        try (Response first = HTTP.get(comments(post) + "?per_page=1").send()) {
            JsonNode page = json(first);
            String cursor = page.get("next_cursor").asText();
            assertThat(first.getLink("next").getUri().toString()).contains("cursor=" + cursor).doesNotContainPattern("[?&]page=");
        }
        try (Response last = HTTP.get(comments(post) + "?per_page=2").send()) {
            assertThat(json(last).get("next_cursor").isNull()).isTrue();
            assertThat(last.getLink("next")).isNull();
        }
    }

    @Test
    void aCursorOfAnotherPostsCommentsOrNotACursorIs422AndACursorWithAPageToo() {
        long one = post(true);
        long another = post(true);
        comment(reader, another, "x", null);
        comment(reader, another, "y", null);
        String cursor = HTTP.get(comments(another) + "?per_page=1").expect(200).get("next_cursor").asText();
        assertFields(assertProblem(HTTP.get(comments(one) + "?cursor=" + cursor).send(), 422), "cursor");
        assertFields(assertProblem(HTTP.get(comments(one) + "?cursor=bm90LWEtY3Vyc29y").send(), 422), "cursor");
        assertFields(assertProblem(HTTP.get(comments(another) + "?page=1&cursor=" + cursor).send(), 422), "cursor");
        assertThat(HTTP.get(comments(another) + "?cursor=" + cursor).expect(200).get("items").findValuesAsText("body"))
                .containsExactly("y");
    }

    @Test
    void aDraftsCommentsAreSeenOnlyByWhoSeesTheDraft() {
        long post = post(true);
        comment(reader, post, "before unpublishing", null);
        HTTP.patch("/api/posts/" + post, fields("published", false)).as(writer).expect(200);
        assertProblem(HTTP.get(comments(post)).send(), 404);
        assertProblem(HTTP.get(comments(post)).as(reader).send(), 404);
        assertThat(HTTP.get(comments(post)).as(writer).expect(200).get("total").asLong()).isEqualTo(1);
        assertThat(HTTP.get(comments(post)).as(admin).expect(200).get("total").asLong()).isEqualTo(1);
    }

    // --- hiding

    @Test
    void aHiddenCommentIsInvisibleToOthersAndUncountedButSeenByTheModeratorsAndItsAuthor() {
        long post = post(true);
        long kept = comment(other, post, "kept", null);
        long hidden = comment(reader, post, "hidden", null);
        comment(other, post, "a reply to it", hidden);
        assertThat(commentCount(post)).isEqualTo(3);

        JsonNode hid = HTTP.patch(comments(post) + "/" + hidden, fields("hidden", true)).as(writer).expect(200);
        assertThat(hid.get("hidden").asBoolean()).isTrue();

        assertThat(allBodies(post, null, 1)).containsExactly("kept", "a reply to it");
        assertThat(allBodies(post, other, 1)).containsExactly("kept", "a reply to it");
        assertThat(HTTP.get(comments(post)).expect(200).get("total").asLong()).isEqualTo(2);
        assertProblem(HTTP.get(comments(post) + "/" + hidden).send(), 404);
        assertProblem(HTTP.get(comments(post) + "/" + hidden).as(other).send(), 404);
        assertThat(commentCount(post)).isEqualTo(2);

        assertThat(allBodies(post, writer, 1)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(allBodies(post, admin, 2)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(allBodies(post, reader, 2)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(HTTP.get(comments(post) + "/" + hidden).as(reader).expect(200).get("hidden").asBoolean()).isTrue();
        assertThat(HTTP.get(comments(post) + "/" + kept).expect(200).get("hidden").asBoolean()).isFalse();

        HTTP.patch(comments(post) + "/" + hidden, fields("hidden", false)).as(admin).expect(200);
        assertThat(allBodies(post, null, 5)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(commentCount(post)).isEqualTo(3);
    }

    @Test
    void onlyThePostsAuthorAndAdminsHideAComment() {
        long post = post(true);
        long c = comment(reader, post, "mine", null);
        assertProblem(HTTP.patch(comments(post) + "/" + c, fields("hidden", true)).as(reader).send(), 403);
        assertProblem(HTTP.patch(comments(post) + "/" + c, fields("hidden", true)).as(other).send(), 403);
        assertProblem(HTTP.patch(comments(post) + "/" + c, fields("hidden", true)).send(), 401);
        assertThat(count("SELECT count(*) FROM comments WHERE hidden AND id = " + c)).isZero();
        HTTP.patch(comments(post) + "/" + c, fields("hidden", true)).as(admin).expect(200);
        assertThat(count("SELECT count(*) FROM comments WHERE hidden AND id = " + c)).isEqualTo(1);
    }

    // --- editing

    @Test
    void anAuthorEditsTheirOwnCommentAndNobodyElseMay() {
        long post = post(true);
        long c = comment(reader, post, "typo", null);
        JsonNode edited = HTTP.patch(comments(post) + "/" + c, fields("body", "fixed")).as(reader).expect(200);
        assertThat(edited.get("body").asText()).isEqualTo("fixed");
        assertThat(edited.get("updated_at").asText()).isNotEqualTo(edited.get("created_at").asText());
        assertThat(HTTP.patch(comments(post) + "/" + c, fields("body", "fixed")).as(reader).expect(200).get("body").asText())
                .isEqualTo("fixed");
        for (ApiApp.Session notTheAuthor : List.of(writer, other, admin)) {
            assertProblem(HTTP.patch(comments(post) + "/" + c, fields("body", "defaced")).as(notTheAuthor).send(), 403);
        }
        assertThat(HTTP.get(comments(post) + "/" + c).expect(200).get("body").asText()).isEqualTo("fixed");
    }

    @Test
    void anEditAfterTheWindowIs403AndChangesNothing() {
        long post = post(true);
        long old = API.jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO comments (post_id, author_id, body, created_at, updated_at)
                VALUES (:post, :author, 'said long ago', now() - interval '16 minutes', now() - interval '16 minutes')
                RETURNING id
                """).bind("post", post).bind("author", reader.id()).mapTo(Long.class).one());
        Map<String, Object> problem = assertProblem(HTTP.patch(comments(post) + "/" + old, fields("body", "rewritten")).as(reader).send(), 403);
        assertThat((String) problem.get("detail")).contains("15 minutes");
        assertThat(HTTP.get(comments(post) + "/" + old).expect(200).get("body").asText()).isEqualTo("said long ago");
    }

    // --- deleting

    @Test
    void deletingACommentDeletesItsRepliesAndTheCountFollows() {
        long post = post(true);
        long top = comment(reader, post, "top", null);
        long reply = comment(other, post, "reply", top);
        comment(reader, post, "reply to reply", reply);
        comment(other, post, "stays", null);
        assertThat(commentCount(post)).isEqualTo(4);
        HTTP.delete(comments(post) + "/" + top).as(reader).expect(204);
        assertThat(allBodies(post, null, 10)).containsExactly("stays");
        assertThat(commentCount(post)).isEqualTo(1);
        assertProblem(HTTP.get(comments(post) + "/" + reply).send(), 404);
        assertProblem(HTTP.delete(comments(post) + "/" + top).as(reader).send(), 404);
    }

    @Test
    void thePostsAuthorAndAdminsDeleteAnyCommentOthersGet403() {
        long post = post(true);
        long first = comment(reader, post, "first", null);
        long second = comment(reader, post, "second", null);
        assertProblem(HTTP.delete(comments(post) + "/" + first).as(other).send(), 403);
        assertProblem(HTTP.delete(comments(post) + "/" + first).send(), 401);
        HTTP.delete(comments(post) + "/" + first).as(writer).expect(204);
        HTTP.delete(comments(post) + "/" + second).as(admin).expect(204);
        assertThat(count("SELECT count(*) FROM comments WHERE post_id = " + post)).isZero();
        assertThat(commentCount(post)).isZero();
    }

    @Test
    void deletingAPostDeletesItsComments() {
        long post = post(true);
        long top = comment(reader, post, "top", null);
        comment(other, post, "reply", top);
        HTTP.delete("/api/posts/" + post).as(writer).expect(204);
        assertThat(count("SELECT count(*) FROM comments WHERE post_id = " + post)).isZero();
        assertProblem(HTTP.get(comments(post)).send(), 404);
    }

    @Test
    void aUserWithCommentsCannotBeDeletedUntilTheCommentsAre() {
        ApiApp.Session leaving = API.signUp("leaving");
        long post = post(true);
        long c = comment(leaving, post, "bye", null);
        Map<String, Object> problem = assertProblem(HTTP.delete("/api/users/" + leaving.id()).as(leaving).send(), 409);
        assertThat((String) problem.get("detail")).contains("comments");
        HTTP.delete(comments(post) + "/" + c).as(leaving).expect(204);
        HTTP.delete("/api/users/" + leaving.id()).as(leaving).expect(204);
    }

    private static long count(String sql) {
        return API.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
