package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.http.SharedCaching;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posts by slug: a post's slug comes from its title, {@code GET /api/posts/by-slug/{slug}} answers
 * as the read by id does (same bytes, same tag, drafts hidden), a changed slug keeps answering with
 * a 301 to the new one, and a slug is one post's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostSlugsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    static ApiApp.Session author;
    static ApiApp.Session stranger;

    @BeforeAll
    static void signIn() {
        author = API.signUp("slugs");
        stranger = API.signUp("stranger");
    }

    /** A post whose title makes a slug no other test's post has. */
    private static JsonNode post(boolean published) {
        String title = "Slugged " + ApiApp.unique("t");
        return HTTP.post("/api/posts", fields("title", title, "content", "c", "published", published)).as(author).expect(201);
    }

    /** A GET by slug that does not follow redirects; {@code token} null: anonymous. */
    private static Response bySlug(String slug, String token) {
        Invocation.Builder request = API.request("/api/posts/by-slug/" + slug).property(ClientProperties.FOLLOW_REDIRECTS, false);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        Response response = request.get();
        response.bufferEntity();
        return response;
    }

    @Test
    void aNewPostsSlugIsMadeFromItsTitle() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode post = HTTP.post("/api/posts", fields("title", "Hello, Wörld! " + word.toUpperCase(Locale.ROOT), "content", "c"))
                .as(author).expect(201);
        assertThat(post.get("slug").asText()).isEqualTo("hello-world-" + word);
    }

    @Test
    void aSecondPostOfTheSameTitleHasItsIdInItsSlug() {
        JsonNode first = post(true);
        JsonNode second = HTTP.post("/api/posts", fields("title", first.get("title").asText(), "content", "c")).as(author).expect(201);
        assertThat(second.get("slug").asText()).isEqualTo(first.get("slug").asText() + "-" + second.get("id").asLong());
    }

    @Test
    void aPostBySlugIsTheSameAnswerAsByIdWithItsTag() {
        JsonNode post = post(true);
        try (Response byId = HTTP.get("/api/posts/" + post.get("id").asLong()).send();
             Response bySlug = bySlug(post.get("slug").asText(), null)) {
            assertThat(bySlug.getStatus()).isEqualTo(200);
            assertThat(bySlug.readEntity(String.class)).isEqualTo(byId.readEntity(String.class));
            assertThat(bySlug.getHeaderString(HttpHeaders.ETAG)).isEqualTo(byId.getHeaderString(HttpHeaders.ETAG));
            assertThat(bySlug.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo(SharedCaching.PUBLIC);
            try (Response again = API.request("/api/posts/by-slug/" + post.get("slug").asText())
                    .header(HttpHeaders.IF_NONE_MATCH, byId.getHeaderString(HttpHeaders.ETAG)).get()) {
                assertThat(again.getStatus()).isEqualTo(304);
            }
        }
    }

    @Test
    void aChangedSlugAnswersUnderItsOldSlugWithA301ToTheNewOne() {
        JsonNode post = post(true);
        long id = post.get("id").asLong();
        String first = post.get("slug").asText();
        String second = "renamed-" + id;
        String third = "renamed-again-" + id;
        assertThat(HTTP.patch("/api/posts/" + id, fields("slug", second)).as(author).expect(200).get("slug").asText()).isEqualTo(second);
        HTTP.patch("/api/posts/" + id, fields("slug", third)).as(author).expect(200);
        for (String old : new String[] {first, second}) {
            try (Response moved = bySlug(old, null)) {
                assertThat(moved.getStatus()).as(old).isEqualTo(301);
                assertThat(URI.create(moved.getHeaderString(HttpHeaders.LOCATION)).getPath()).isEqualTo("/api/posts/by-slug/" + third);
            }
        }
        try (Response current = bySlug(third, null)) {
            assertThat(current.getStatus()).isEqualTo(200);
            assertThat(JsonHttp.json(current).get("id").asLong()).isEqualTo(id);
        }
        // A client that follows the redirect ends at the post.
        assertThat(HTTP.get("/api/posts/by-slug/" + first).expect(200).get("slug").asText()).isEqualTo(third);
    }

    @Test
    void aDraftBySlugIsFoundOnlyByItsAuthorAndItsOldSlugRedirectsOnlyThem() {
        JsonNode draft = post(false);
        long id = draft.get("id").asLong();
        String old = draft.get("slug").asText();
        assertProblem(bySlug(old, null), 404);
        assertProblem(bySlug(old, stranger.token()), 404);
        assertThat(bySlug(old, author.token()).getStatus()).isEqualTo(200);
        HTTP.patch("/api/posts/" + id, fields("slug", "hidden-" + id)).as(author).expect(200);
        assertProblem(bySlug(old, null), 404);
        try (Response moved = bySlug(old, author.token())) {
            assertThat(moved.getStatus()).isEqualTo(301);
            assertThat(moved.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo(SharedCaching.PRIVATE);
        }
    }

    @Test
    void aSlugAnotherPostHasIs409OnSlugAndChangesNothing() {
        JsonNode taken = post(true);
        JsonNode post = post(true);
        assertFields(assertProblem(HTTP.patch("/api/posts/" + post.get("id").asLong(), fields("slug", taken.get("slug").asText()))
                .as(author).send(), 409), "slug");
        assertThat(HTTP.get("/api/posts/" + post.get("id").asLong()).expect(200).get("slug").asText()).isEqualTo(post.get("slug").asText());
        assertThat(HTTP.get("/api/posts/by-slug/" + taken.get("slug").asText()).expect(200).get("id").asLong())
                .isEqualTo(taken.get("id").asLong());
    }

    @Test
    void aSlugOfAnotherShapeIs422OnSlug() {
        JsonNode post = post(true);
        for (String bad : new String[] {"Upper", "two--hyphens", "-lead", "sp ace", "", "x".repeat(101)}) {
            assertFields(assertProblem(HTTP.patch("/api/posts/" + post.get("id").asLong(), fields("slug", bad)).as(author).send(), 422), "slug");
        }
        assertFields(assertProblem(HTTP.patch("/api/posts/" + post.get("id").asLong(), "{\"slug\": null}").as(author).send(), 422), "slug");
    }

    @Test
    void aSlugNoPostHasOrCouldHaveIs404() {
        assertProblem(bySlug("no-such-post-ever", null), 404);
        assertProblem(bySlug("Not-A-Slug", null), 404);
        assertProblem(bySlug("x".repeat(101), null), 404);
    }

    @Test
    void aDeletedPostsSlugsAreGone() {
        JsonNode post = post(true);
        long id = post.get("id").asLong();
        HTTP.patch("/api/posts/" + id, fields("slug", "deleted-" + id)).as(author).expect(200);
        HTTP.delete("/api/posts/" + id).as(author).expect(204);
        assertProblem(bySlug(post.get("slug").asText(), null), 404);
        assertProblem(bySlug("deleted-" + id, null), 404);
    }
}
