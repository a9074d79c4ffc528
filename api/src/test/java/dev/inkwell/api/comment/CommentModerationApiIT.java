package dev.inkwell.api.comment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.comment.CommentFixture.comments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hidden comments (PATCH with {@code hidden}): only the post's author and admins hide a comment; a
 * hidden comment is invisible to others and uncounted, but seen by the moderators and its author,
 * until it is shown again. Edits of a comment's body: {@link CommentEditApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommentModerationApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final CommentFixture COMMENTS = new CommentFixture(API);

    @Test
    void aHiddenCommentIsInvisibleToOthersAndUncountedButSeenByTheModeratorsAndItsAuthor() {
        long post = COMMENTS.post(true);
        long kept = COMMENTS.comment(COMMENTS.other(), post, "kept", null);
        long hidden = COMMENTS.comment(COMMENTS.reader(), post, "hidden", null);
        COMMENTS.comment(COMMENTS.other(), post, "a reply to it", hidden);
        assertThat(COMMENTS.commentCount(post)).isEqualTo(3);

        JsonNode hid = COMMENTS.http.patch(comments(post) + "/" + hidden, fields("hidden", true)).as(COMMENTS.writer()).expect(200);
        assertThat(hid.get("hidden").asBoolean()).isTrue();

        assertThat(COMMENTS.allBodies(post, null, 1)).containsExactly("kept", "a reply to it");
        assertThat(COMMENTS.allBodies(post, COMMENTS.other(), 1)).containsExactly("kept", "a reply to it");
        assertThat(COMMENTS.http.get(comments(post)).expect(200).get("total").asLong()).isEqualTo(2);
        assertProblem(COMMENTS.http.get(comments(post) + "/" + hidden).send(), 404);
        assertProblem(COMMENTS.http.get(comments(post) + "/" + hidden).as(COMMENTS.other()).send(), 404);
        assertThat(COMMENTS.commentCount(post)).isEqualTo(2);

        assertThat(COMMENTS.allBodies(post, COMMENTS.writer(), 1)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(COMMENTS.allBodies(post, COMMENTS.admin(), 2)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(COMMENTS.allBodies(post, COMMENTS.reader(), 2)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(COMMENTS.http.get(comments(post) + "/" + hidden).as(COMMENTS.reader()).expect(200).get("hidden").asBoolean()).isTrue();
        assertThat(COMMENTS.http.get(comments(post) + "/" + kept).expect(200).get("hidden").asBoolean()).isFalse();

        COMMENTS.http.patch(comments(post) + "/" + hidden, fields("hidden", false)).as(COMMENTS.admin()).expect(200);
        assertThat(COMMENTS.allBodies(post, null, 5)).containsExactly("kept", "hidden", "a reply to it");
        assertThat(COMMENTS.commentCount(post)).isEqualTo(3);
    }

    @Test
    void onlyThePostsAuthorAndAdminsHideAComment() {
        long post = COMMENTS.post(true);
        long c = COMMENTS.comment(COMMENTS.reader(), post, "mine", null);
        long theirs = COMMENTS.comment(COMMENTS.other(), post, "theirs", null);
        // the comment's own author, another reader, nobody
        assertProblem(COMMENTS.http.patch(comments(post) + "/" + c, fields("hidden", true)).as(COMMENTS.reader()).send(), 403);
        assertProblem(COMMENTS.http.patch(comments(post) + "/" + c, fields("hidden", true)).as(COMMENTS.other()).send(), 403);
        assertProblem(COMMENTS.http.patch(comments(post) + "/" + c, fields("hidden", true)).send(), 401);
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE hidden AND id = " + c)).isZero();
        assertThat(COMMENTS.allBodies(post, null, 5)).containsExactly("mine", "theirs");

        COMMENTS.http.patch(comments(post) + "/" + c, fields("hidden", true)).as(COMMENTS.writer()).expect(200);
        assertThat(COMMENTS.allBodies(post, null, 5)).containsExactly("theirs");
        COMMENTS.http.patch(comments(post) + "/" + theirs, fields("hidden", true)).as(COMMENTS.admin()).expect(200);
        assertThat(COMMENTS.allBodies(post, null, 5)).isEmpty();
        assertThat(COMMENTS.count("SELECT count(*) FROM comments WHERE hidden AND id IN (" + c + ", " + theirs + ")")).isEqualTo(2);
    }
}
