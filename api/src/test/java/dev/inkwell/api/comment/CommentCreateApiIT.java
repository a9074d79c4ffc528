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

import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.comment.CommentFixture.comments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/posts/{id}/comments end to end: a signed-in user's comment on a published post, which
 * the post then counts; a comment on a draft or a missing post is 404 and an anonymous one 401,
 * writing nothing; a reply's parent is a comment of the same post, at most six levels deep.
 * Reading them: {@link CommentListApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommentCreateApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final CommentFixture COMMENTS = new CommentFixture(API);

    @Test
    void aSignedInUserCommentsOnAPublishedPostAndThePostCountsIt() {
        long post = COMMENTS.post(true);
        try (Response created = COMMENTS.http.post(comments(post), fields("body", "First!")).as(COMMENTS.reader()).send()) {
            assertThat(created.getStatus()).isEqualTo(201);
            JsonNode comment = json(created);
            assertThat(created.getLocation().getPath()).isEqualTo(comments(post) + "/" + comment.get("id").asLong());
            assertThat(comment.get("post_id").asLong()).isEqualTo(post);
            assertThat(comment.get("parent_id").isNull()).isTrue();
            assertThat(comment.get("depth").asInt()).isZero();
            assertThat(comment.get("author").get("id").asLong()).isEqualTo(COMMENTS.reader().id());
            assertThat(comment.get("author").get("username").asText()).isEqualTo(COMMENTS.reader().username());
            assertThat(comment.get("body").asText()).isEqualTo("First!");
            assertThat(comment.get("hidden").asBoolean()).isFalse();
        }
        assertThat(COMMENTS.commentCount(post)).isEqualTo(1);
        assertThat(COMMENTS.http.get("/api/posts?author_id=" + COMMENTS.writer().id()).expect(200)
                .get("items").get(0).get("comment_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void commentingOnADraftOrAMissingPostIs404AndWritesNothing() {
        long draft = COMMENTS.post(false);
        assertProblem(COMMENTS.http.post(comments(draft), fields("body", "early")).as(COMMENTS.writer()).send(), 404);
        assertProblem(COMMENTS.http.post(comments(draft), fields("body", "early")).as(COMMENTS.reader()).send(), 404);
        assertProblem(COMMENTS.http.post(comments(Long.MAX_VALUE), fields("body", "lost")).as(COMMENTS.reader()).send(), 404);
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE post_id = " + draft)).isZero();
    }

    @Test
    void commentingAnonymouslyIs401() {
        long post = COMMENTS.post(true);
        assertProblem(COMMENTS.http.post(comments(post), fields("body", "who am I")).send(), 401);
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE post_id = " + post)).isZero();
        assertThat(COMMENTS.commentCount(post)).isZero();
    }

    @Test
    void aReplyToACommentOfAnotherPostIs422OnParentId() {
        long one = COMMENTS.post(true);
        long another = COMMENTS.post(true);
        long there = COMMENTS.comment(COMMENTS.reader(), another, "elsewhere", null);
        assertFields(assertProblem(COMMENTS.http.post(comments(one), fields("body", "re", "parent_id", there))
                .as(COMMENTS.reader()).send(), 422),
                "parent_id");
        assertFields(assertProblem(COMMENTS.http.post(comments(one), fields("body", "re", "parent_id", Long.MAX_VALUE))
                .as(COMMENTS.reader()).send(), 422),
                "parent_id");
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE post_id = " + one)).isZero();
    }

    @Test
    void threadsGoSixLevelsDeepAndAReplyBelowThatIs422() {
        long post = COMMENTS.post(true);
        Long parent = null;
        for (int depth = 0; depth < 6; depth++) {
            JsonNode c = COMMENTS.http.post(comments(post), fields("body", "level " + depth, "parent_id", parent))
                    .as(COMMENTS.reader()).expect(201);
            assertThat(c.get("depth").asInt()).isEqualTo(depth);
            parent = c.get("id").asLong();
        }
        Map<String, Object> problem = assertProblem(COMMENTS.http.post(comments(post), fields("body", "too deep", "parent_id", parent))
                .as(COMMENTS.reader()).send(), 422);
        assertFields(problem, "parent_id");
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE post_id = " + post)).isEqualTo(6);
    }
}
