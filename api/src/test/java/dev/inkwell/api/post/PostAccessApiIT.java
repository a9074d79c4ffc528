package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.post.PostFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read, change and delete a post: a draft only its author and admins may read (publishing
 * shows it to everyone, unpublishing hides it again), a post only its author and admins may change
 * or delete (anyone else 403, anonymous callers 401), and another user's draft answers as an unknown
 * id does, 404, before the request's input is checked. DELETE end to end.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostAccessApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final PostFixture POSTS = new PostFixture(API);

    // --- GET /api/posts/{id}

    @Test
    void getOfAnUnknownIdIs404() {
        assertProblem(POSTS.http.get("/api/posts/999999999").send(), 404);
    }

    // --- drafts

    private static JsonNode draft(String title) {
        return POSTS.create(POSTS.author(), fields("title", title, "content", "draft " + title));
    }

    @Test
    void aDraftIs404ForAnonymousReaders() {
        assertProblem(POSTS.http.get("/api/posts/" + id(draft("secret"))).send(), 404);
    }

    @Test
    void aDraftIs404ForOtherUsers() {
        assertProblem(POSTS.http.get("/api/posts/" + id(draft("secret"))).as(POSTS.other()).send(), 404);
    }

    @Test
    void aDraftIsVisibleToItsAuthor() {
        JsonNode draft = draft("mine");
        assertThat(POSTS.http.get("/api/posts/" + id(draft)).as(POSTS.author()).expect(200)).isEqualTo(draft);
    }

    @Test
    void aDraftIsVisibleToAdmins() {
        JsonNode draft = draft("moderated");
        assertThat(POSTS.http.get("/api/posts/" + id(draft)).as(POSTS.admin()).expect(200)).isEqualTo(draft);
    }

    /** Publishing shows a draft to everyone; unpublishing hides it again. */
    @Test
    void patchPublishingADraftSetsPublishedAtAndUnpublishingClearsIt() {
        JsonNode post = draft("to publish");
        JsonNode published = POSTS.patched(id(post), POSTS.author(), fields("published", true));
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.get("published_at").isNull()).isFalse();
        assertThat(POSTS.http.get("/api/posts/" + id(post)).expect(200).get("id").asLong()).isEqualTo(id(post));

        JsonNode unpublished = POSTS.patched(id(post), POSTS.author(), fields("published", false));
        assertThat(unpublished.get("published_at").isNull()).isTrue();
        assertProblem(POSTS.http.get("/api/posts/" + id(post)).send(), 404);
    }

    // --- PATCH /api/posts/{id}

    @Test
    void patchByAnAdminOfSomeoneElsesPostIsAllowed() {
        JsonNode post = POSTS.published("moderate me");
        JsonNode updated = POSTS.patched(id(post), POSTS.admin(), fields("content", "moderated"));
        assertThat(updated.get("content").asText()).isEqualTo("moderated");
        assertThat(updated.get("author").get("id").asLong()).isEqualTo(POSTS.author().id());
    }

    @Test
    void patchByAnotherUserIs403AndChangesNothing() {
        JsonNode post = POSTS.published("not yours");
        assertProblem(POSTS.patch(id(post), POSTS.other(), fields("title", "stolen"), null), 403);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchOfAnotherUsersDraftIs404AndChangesNothing() {
        JsonNode post = draft("hidden");
        assertProblem(POSTS.patch(id(post), POSTS.other(), fields("title", "stolen"), null), 404);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchAnonymouslyIs401AndChangesNothing() {
        JsonNode post = POSTS.published("anon");
        assertProblem(POSTS.http.patch("/api/posts/" + id(post), fields("title", "x")).send(), 401);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithAnInvalidTitleOfSomeoneElsesPostIs403AndOfTheirDraft404() {
        JsonNode post = POSTS.published("refused first");
        assertProblem(POSTS.patch(id(post), POSTS.other(), fields("title", "t".repeat(201)), null), 403);
        JsonNode hidden = draft("hidden first");
        assertProblem(POSTS.patch(id(hidden), POSTS.other(), fields("title", "ok"), "nonsense"), 404);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
        assertThat(POSTS.stored(id(hidden))).isEqualTo(hidden);
    }

    @Test
    void patchByAnotherUserWithTheCurrentIfMatchIs403AndChangesNothing() {
        JsonNode post = POSTS.published("guarded");
        assertProblem(POSTS.patch(id(post), POSTS.other(), fields("title", "stolen"), "\"1\""), 403);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchOfAnUnknownIdIs404() {
        assertProblem(POSTS.patch(999_999_999L, POSTS.admin(), fields("title", "ghost"), null), 404);
    }

    // --- DELETE /api/posts/{id}

    @Test
    void deleteByTheAuthorIs204ThenTheSecondGetIs404() {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "bye", "content", "c", "published", true,
                "tags", List.of(ApiApp.unique("gone"))));
        try (Response r = POSTS.http.delete("/api/posts/" + id(post)).as(POSTS.author()).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(POSTS.http.get("/api/posts/" + id(post)).send(), 404);
        assertProblem(POSTS.http.get("/api/posts/" + id(post)).as(POSTS.admin()).send(), 404);
        assertProblem(POSTS.http.delete("/api/posts/" + id(post)).as(POSTS.author()).send(), 404);
    }

    @Test
    void deleteByAnAdminOfSomeoneElsesPostIs204() {
        JsonNode post = POSTS.published("removed by admin");
        try (Response r = POSTS.http.delete("/api/posts/" + id(post)).as(POSTS.admin()).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(POSTS.http.get("/api/posts/" + id(post)).send(), 404);
    }

    @Test
    void deleteByAnotherUserIs403AndKeepsThePost() {
        JsonNode post = POSTS.published("not yours");
        assertProblem(POSTS.http.delete("/api/posts/" + id(post)).as(POSTS.other()).send(), 403);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void deleteAnonymouslyIs401AndKeepsThePost() {
        JsonNode post = POSTS.published("anon");
        assertProblem(POSTS.http.delete("/api/posts/" + id(post)).send(), 401);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    @Test
    void deleteOfAnUnknownIdIs404() {
        assertProblem(POSTS.http.delete("/api/posts/999999999").as(POSTS.admin()).send(), 404);
    }
}
