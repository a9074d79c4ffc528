package dev.inkwell.api.comment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.comment.CommentFixture.comments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/posts/{id}/comments end to end: each thread's replies right after it, in order, on every
 * page, numbered or by keyset cursor; a Link to the next page on every page but the last; 422 for a
 * cursor of another post's comments, a string that is no cursor, or a cursor with a page; a draft's
 * comments seen only by who sees the draft. Hidden comments: {@link CommentModerationApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommentListApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final CommentFixture COMMENTS = new CommentFixture(API);

    @Test
    void aThreadsRepliesComeRightAfterItInOrderOnEveryPage() {
        long post = COMMENTS.post(true);
        long a = COMMENTS.comment(COMMENTS.reader(), post, "a", null);
        long b = COMMENTS.comment(COMMENTS.other(), post, "b", null);
        long a1 = COMMENTS.comment(COMMENTS.other(), post, "a1", a);
        COMMENTS.comment(COMMENTS.reader(), post, "b1", b);
        COMMENTS.comment(COMMENTS.reader(), post, "a1x", a1);
        COMMENTS.comment(COMMENTS.writer(), post, "a2", a);
        COMMENTS.comment(COMMENTS.writer(), post, "c", null);
        List<String> threaded = List.of("a", "a1", "a1x", "a2", "b", "b1", "c");
        for (int perPage : List.of(1, 2, 3, 7, 100)) {
            assertThat(COMMENTS.allBodies(post, null, perPage)).as("per_page=%d", perPage).isEqualTo(threaded);
        }
        JsonNode second = COMMENTS.http.get(comments(post) + "?page=2&per_page=3").expect(200);
        assertThat(second.get("items").findValuesAsText("body")).containsExactly("a2", "b", "b1");
        assertThat(second.get("total").asLong()).isEqualTo(7);
        assertThat(second.get("pages").asLong()).isEqualTo(3);
        assertThat(second.get("page").asInt()).isEqualTo(2);
    }

    @Test
    void aPageWithANextOneLinksToItAndTheLastDoesNot() {
        long post = COMMENTS.post(true);
        COMMENTS.comment(COMMENTS.reader(), post, "one", null);
        COMMENTS.comment(COMMENTS.reader(), post, "two", null);
        try (Response first = COMMENTS.http.get(comments(post) + "?per_page=1").send()) {
            JsonNode page = json(first);
            String cursor = page.get("next_cursor").asText();
            assertThat(first.getLink("next").getUri().toString()).contains("cursor=" + cursor).doesNotContainPattern("[?&]page=");
        }
        try (Response last = COMMENTS.http.get(comments(post) + "?per_page=2").send()) {
            assertThat(json(last).get("next_cursor").isNull()).isTrue();
            assertThat(last.getLink("next")).isNull();
        }
    }

    @Test
    void aCursorOfAnotherPostsCommentsOrNotACursorIs422AndACursorWithAPageToo() {
        long one = COMMENTS.post(true);
        long another = COMMENTS.post(true);
        COMMENTS.comment(COMMENTS.reader(), another, "x", null);
        COMMENTS.comment(COMMENTS.reader(), another, "y", null);
        String cursor = COMMENTS.http.get(comments(another) + "?per_page=1").expect(200).get("next_cursor").asText();
        assertFields(assertProblem(COMMENTS.http.get(comments(one) + "?cursor=" + cursor).send(), 422), "cursor");
        assertFields(assertProblem(COMMENTS.http.get(comments(one) + "?cursor=bm90LWEtY3Vyc29y").send(), 422), "cursor");
        assertFields(assertProblem(COMMENTS.http.get(comments(another) + "?page=1&cursor=" + cursor).send(), 422), "cursor");
        assertThat(COMMENTS.http.get(comments(another) + "?cursor=" + cursor).expect(200).get("items").findValuesAsText("body"))
                .containsExactly("y");
    }

    @Test
    void aDraftsCommentsAreSeenOnlyByWhoSeesTheDraft() {
        long post = COMMENTS.post(true);
        COMMENTS.comment(COMMENTS.reader(), post, "before unpublishing", null);
        COMMENTS.http.patch("/api/posts/" + post, fields("published", false)).as(COMMENTS.writer()).expect(200);
        assertProblem(COMMENTS.http.get(comments(post)).send(), 404);
        assertProblem(COMMENTS.http.get(comments(post)).as(COMMENTS.reader()).send(), 404);
        assertThat(COMMENTS.http.get(comments(post)).as(COMMENTS.writer()).expect(200).get("total").asLong()).isEqualTo(1);
        assertThat(COMMENTS.http.get(comments(post)).as(COMMENTS.admin()).expect(200).get("total").asLong()).isEqualTo(1);
    }
}
