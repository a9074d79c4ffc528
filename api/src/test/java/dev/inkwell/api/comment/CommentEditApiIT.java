package dev.inkwell.api.comment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.comment.CommentFixture.comments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PATCH of a comment's body: its author edits it and nobody else may, not even the post's author or
 * an admin; after the 15 minutes' window the edit is 403 and changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommentEditApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final CommentFixture COMMENTS = new CommentFixture(API);

    @Test
    void anAuthorEditsTheirOwnCommentAndNobodyElseMay() {
        long post = COMMENTS.post(true);
        long c = COMMENTS.comment(COMMENTS.reader(), post, "typo", null);
        JsonNode edited = COMMENTS.http.patch(comments(post) + "/" + c, fields("body", "fixed")).as(COMMENTS.reader()).expect(200);
        assertThat(edited.get("body").asText()).isEqualTo("fixed");
        assertThat(edited.get("updated_at").asText()).isNotEqualTo(edited.get("created_at").asText());
        assertThat(COMMENTS.http.patch(comments(post) + "/" + c, fields("body", "fixed")).as(COMMENTS.reader()).expect(200)
                .get("body").asText())
                .isEqualTo("fixed");
        for (ApiApp.Session notTheAuthor : List.of(COMMENTS.writer(), COMMENTS.other(), COMMENTS.admin())) {
            assertProblem(COMMENTS.http.patch(comments(post) + "/" + c, fields("body", "defaced")).as(notTheAuthor).send(), 403);
        }
        assertThat(COMMENTS.http.get(comments(post) + "/" + c).expect(200).get("body").asText()).isEqualTo("fixed");
    }

    @Test
    void anEditAfterTheWindowIs403AndChangesNothing() {
        long post = COMMENTS.post(true);
        long old = API.jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO comments (post_id, author_id, body, created_at, updated_at)
                VALUES (:post, :author, 'said long ago', now() - interval '16 minutes', now() - interval '16 minutes')
                RETURNING id
                """).bind("post", post).bind("author", COMMENTS.reader().id()).mapTo(Long.class).one());
        Map<String, Object> problem = assertProblem(COMMENTS.http.patch(comments(post) + "/" + old, fields("body", "rewritten"))
                .as(COMMENTS.reader()).send(), 403);
        assertThat((String) problem.get("detail")).contains("15 minutes");
        assertThat(COMMENTS.http.get(comments(post) + "/" + old).expect(200).get("body").asText()).isEqualTo("said long ago");
    }
}
