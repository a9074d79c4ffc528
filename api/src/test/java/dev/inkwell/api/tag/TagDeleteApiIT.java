package dev.inkwell.api.tag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DELETE /api/tags/{id} end to end: only admins delete a tag, and its posts keep their other tags;
 * others get 403 and anonymous callers 401, keeping the tag; an unknown id is 404.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TagDeleteApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final TagFixture TAGS = new TagFixture(API);

    @Test
    void deleteByAnAdminIs204AndTheTagIsGone() {
        JsonNode tag = TAGS.create(ApiApp.unique("doomed"));
        try (Response r = TAGS.http.delete("/api/tags/" + tag.get("id").asLong()).as(TAGS.admin()).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).send(), 404);
    }

    @Test
    void deletingATagRemovesItFromItsPostsAndKeepsTheirOtherTags() {
        JsonNode doomed = TAGS.create(ApiApp.unique("doomed"));
        String kept = ApiApp.unique("kept");
        JsonNode post = TAGS.http.post("/api/posts", fields("title", "tagged", "content", "c", "published", true,
                "tags", List.of(doomed.get("name").asText(), kept))).as(TAGS.user()).expect(201);
        assertThat(post.get("tags")).hasSize(2);

        try (Response r = TAGS.http.delete("/api/tags/" + doomed.get("id").asLong()).as(TAGS.admin()).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }

        assertThat(TAGS.tagsOfPost(post.get("id").asLong())).containsExactly(kept);
        assertThat(TAGS.http.get("/api/posts?tag=" + JsonHttp.enc(doomed.get("name").asText())).expect(200).get("total").asLong()).isZero();
    }

    @Test
    void deleteByANormalUserIs403AndKeepsTheTag() {
        JsonNode tag = TAGS.create(ApiApp.unique("kept"));
        assertProblem(TAGS.http.delete("/api/tags/" + tag.get("id").asLong()).as(TAGS.user()).send(), 403);
        assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void deleteAnonymouslyIs401() {
        JsonNode tag = TAGS.create(ApiApp.unique("kept"));
        assertProblem(TAGS.http.delete("/api/tags/" + tag.get("id").asLong()).send(), 401);
        assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void deleteOfAnUnknownIdIs404() {
        assertProblem(TAGS.http.delete("/api/tags/999999999").as(TAGS.admin()).send(), 404);
    }
}
