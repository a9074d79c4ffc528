package dev.inkwell.api.comment;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.comment.CommentFixture.comments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DELETE of comments: a comment goes with its replies and the post's count follows; the post's
 * author and admins delete any comment, others get 403 and anonymous callers 401; a deleted post's
 * comments go with it; a user who has comments is not deleted until they are.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommentDeleteApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final CommentFixture COMMENTS = new CommentFixture(API);

    @Test
    void deletingACommentDeletesItsRepliesAndTheCountFollows() {
        long post = COMMENTS.post(true);
        long top = COMMENTS.comment(COMMENTS.reader(), post, "top", null);
        long reply = COMMENTS.comment(COMMENTS.other(), post, "reply", top);
        COMMENTS.comment(COMMENTS.reader(), post, "reply to reply", reply);
        COMMENTS.comment(COMMENTS.other(), post, "stays", null);
        assertThat(COMMENTS.commentCount(post)).isEqualTo(4);
        COMMENTS.http.delete(comments(post) + "/" + top).as(COMMENTS.reader()).expect(204);
        assertThat(COMMENTS.allBodies(post, null, 10)).containsExactly("stays");
        assertThat(COMMENTS.commentCount(post)).isEqualTo(1);
        assertProblem(COMMENTS.http.get(comments(post) + "/" + reply).send(), 404);
        assertProblem(COMMENTS.http.delete(comments(post) + "/" + top).as(COMMENTS.reader()).send(), 404);
    }

    @Test
    void thePostsAuthorAndAdminsDeleteAnyCommentOthersGet403() {
        long post = COMMENTS.post(true);
        long first = COMMENTS.comment(COMMENTS.reader(), post, "first", null);
        long second = COMMENTS.comment(COMMENTS.reader(), post, "second", null);
        assertProblem(COMMENTS.http.delete(comments(post) + "/" + first).as(COMMENTS.other()).send(), 403);
        assertProblem(COMMENTS.http.delete(comments(post) + "/" + first).send(), 401);
        COMMENTS.http.delete(comments(post) + "/" + first).as(COMMENTS.writer()).expect(204);
        COMMENTS.http.delete(comments(post) + "/" + second).as(COMMENTS.admin()).expect(204);
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE post_id = " + post)).isZero();
        assertThat(COMMENTS.commentCount(post)).isZero();
    }

    @Test
    void deletingAPostDeletesItsComments() {
        long post = COMMENTS.post(true);
        long top = COMMENTS.comment(COMMENTS.reader(), post, "top", null);
        COMMENTS.comment(COMMENTS.other(), post, "reply", top);
        COMMENTS.http.delete("/api/posts/" + post).as(COMMENTS.writer()).expect(204);
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE post_id = " + post)).isZero();
        assertProblem(COMMENTS.http.get(comments(post)).send(), 404);
    }

    @Test
    void aUserWithCommentsCannotBeDeletedUntilTheCommentsAre() {
        ApiApp.Session leaving = API.signUp("leaving");
        long post = COMMENTS.post(true);
        long c = COMMENTS.comment(leaving, post, "bye", null);
        Map<String, Object> problem = assertProblem(COMMENTS.http.delete("/api/users/" + leaving.id()).as(leaving).send(), 409);
        assertThat((String) problem.get("detail")).contains("comments");
        COMMENTS.http.delete(comments(post) + "/" + c).as(leaving).expect(204);
        COMMENTS.http.delete("/api/users/" + leaving.id()).as(leaving).expect(204);
    }
}
