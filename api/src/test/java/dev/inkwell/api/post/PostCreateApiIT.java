package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.post.PostFixture.id;
import static dev.inkwell.api.post.PostFixture.names;
import static dev.inkwell.api.post.PostFixture.tagOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * POST /api/posts end to end: what a new post answers (Location, the ETag of version 1, the caller
 * as author, the bytes a read sends), its tags made on first use or matched regardless of case,
 * the bounds of titles, contents and tags, and every refusal. Changes to it: {@link PostEditApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCreateApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final PostFixture POSTS = new PostFixture(API);

    @Test
    void createAnswers201WithLocationTheETagOfVersion1AndTheCallerAsAuthor() {
        JsonNode category = POSTS.category();
        try (Response r = POSTS.http.post("/api/posts", fields("title", "Hello", "content", "World", "published", true,
                "category_id", id(category), "tags", List.of("Greeting"))).as(POSTS.author()).send()) {
            assertThat(r.getStatus()).isEqualTo(201);
            JsonNode post = json(r);
            assertThat(r.getLocation().getPath()).isEqualTo("/api/posts/" + id(post));
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(1));
            assertThat(post.get("version").asLong()).isEqualTo(1);
            assertThat(post.get("title").asText()).isEqualTo("Hello");
            assertThat(post.get("content").asText()).isEqualTo("World");
            assertThat(post.get("published").asBoolean()).isTrue();
            assertThat(OffsetDateTime.parse(post.get("published_at").asText())).isCloseTo(OffsetDateTime.now(), within(1, ChronoUnit.MINUTES));
            assertThat(OffsetDateTime.parse(post.get("created_at").asText())).isNotNull();
            assertThat(OffsetDateTime.parse(post.get("updated_at").asText())).isNotNull();
            assertThat(post.get("author").get("id").asLong()).isEqualTo(POSTS.author().id());
            assertThat(post.get("author").get("username").asText()).isEqualTo(POSTS.author().username());
            assertThat(post.get("category").get("id").asLong()).isEqualTo(id(category));
            assertThat(post.get("category").get("name").asText()).isEqualTo(category.get("name").asText());
            assertThat(names(post.get("tags"))).containsExactly("Greeting");
            assertThat(POSTS.stored(id(post))).isEqualTo(post);
        }
    }

    /** A write answers with the post as a read of it sends it, byte for byte. */
    @Test
    void createAndPatchAnswerWithTheBytesAReadOfThePostSends() throws Exception {
        String created = bodyOf(POSTS.http.post("/api/posts", fields("title", "Bytes", "content", "the same", "tags", List.of("b", "A")))
                .as(POSTS.author()).send(), 201);
        long id = id(JsonHttp.JSON.readTree(created));
        assertThat(bodyOf(POSTS.http.get("/api/posts/" + id).as(POSTS.author()).send(), 200)).isEqualTo(created);
        String patched = bodyOf(POSTS.patch(id, POSTS.author(), fields("title", "Bytes again"), null), 200);
        assertThat(patched).isNotEqualTo(created);
        assertThat(bodyOf(POSTS.http.get("/api/posts/" + id).as(POSTS.author()).send(), 200)).isEqualTo(patched);
    }

    /** The body of an answer of {@code status}, sent as application/json. */
    private static String bodyOf(Response response, int status) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(status);
            assertThat(response.getMediaType().toString()).isEqualTo("application/json");
            return response.readEntity(String.class);
        }
    }

    @Test
    void createWithoutPublishedMakesADraftWithoutPublishedAtOrCategory() {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "Unfinished", "content", ""));
        assertThat(post.get("published").asBoolean()).isFalse();
        assertThat(post.get("published_at").isNull()).isTrue();
        assertThat(post.get("category").isNull()).isTrue();
        assertThat(post.get("tags")).isEmpty();
    }

    // --- tags

    /** The stored spellings of the tag named {@code name} regardless of case (at most one). */
    private static List<String> tagsSpelled(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT name FROM tags WHERE lower(name) = lower(:n)")
                .bind("n", name).mapTo(String.class).list());
    }

    @Test
    void createMakesNewTagsOnFirstUse() {
        String tag = ApiApp.unique("fresh");
        POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "tags", List.of(tag)));
        assertThat(tagsSpelled(tag)).containsExactly(tag);
    }

    @Test
    void createMatchesExistingTagsIgnoringCaseAndKeepsTheirSpelling() {
        String tag = ApiApp.unique("Rust");
        POSTS.http.post("/api/tags", fields("name", tag)).as(POSTS.other()).expect(201);
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "tags", List.of(tag.toUpperCase())));
        assertThat(names(post.get("tags"))).containsExactly(tag);
        assertThat(tagsSpelled(tag)).containsExactly(tag);
    }

    @Test
    void createWithTheSameTagTwiceInDifferentCaseKeepsItOnceInTheFirstSpelling() {
        String tag = ApiApp.unique("Go");
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c",
                "tags", List.of(tag, tag.toUpperCase(), " " + tag + " ")));
        assertThat(names(post.get("tags"))).containsExactly(tag);
    }

    @Test
    void createWithTwentyTagsIsAccepted() {
        String stem = ApiApp.unique("many");
        List<String> tags = IntStream.range(0, 20).mapToObj(i -> stem + "-" + i).toList();
        assertThat(POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "tags", tags)).get("tags")).hasSize(20);
    }

    // --- bounds and refusals

    /** How many posts there are: a refused create leaves it as it was. */
    private static long postCount() {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM posts").mapTo(Long.class).one());
    }

    @Test
    void createAnonymouslyIs401AndCreatesNothing() {
        long before = postCount();
        Response r = POSTS.http.post("/api/posts", fields("title", "anon", "content", "c")).send();
        assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertProblem(r, 401);
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithATitleOf200CharactersIsAccepted() {
        assertThat(POSTS.create(POSTS.author(), fields("title", "t".repeat(200), "content", "c")).get("title").asText()).hasSize(200);
    }

    @Test
    void createWithATitleOver200CharactersIs422OnTitleAndCreatesNothing() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "t".repeat(201), "content", "c"))
                .as(POSTS.author()).send(), 422), "title");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithABlankTitleIs422OnTitle() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "   ", "content", "c")).as(POSTS.author()).send(), 422),
                "title");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithoutTitleAndContentNamesBoth() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("published", true)).as(POSTS.author()).send(), 422),
                "title", "content");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithContentOf100000CharactersIsAccepted() {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "long", "content", "c".repeat(100_000)));
        assertThat(post.get("content").asText()).hasSize(100_000);
    }

    @Test
    void createWithContentOver100000CharactersIs422OnContentAndCreatesNothing() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "long", "content", "c".repeat(100_001)))
                .as(POSTS.author()).send(), 422), "content");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithAnUnknownCategoryIs422OnCategoryIdAndCreatesNothing() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "t", "content", "c", "category_id", 999_999_999))
                .as(POSTS.author()).send(), 422), "category_id");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithMoreThan20TagsIs422OnTagsAndCreatesNothing() {
        String stem = ApiApp.unique("toomany");
        List<String> tags = IntStream.range(0, 21).mapToObj(i -> stem + "-" + i).toList();
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "t", "content", "c", "tags", tags))
                .as(POSTS.author()).send(), 422), "tags");
        assertThat(postCount()).isEqualTo(before);
        assertThat(tagsSpelled(stem + "-0")).isEmpty();
    }

    @Test
    void createWithBadTagNamesIs422NamingEachBadTag() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "t", "content", "c",
                "tags", List.of("fine", "#bad", "also fine", "", "x".repeat(51)))).as(POSTS.author()).send(), 422),
                "tags[1]", "tags[3]", "tags[4]");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithAnAuthorIdIs422BecauseTheAuthorIsAlwaysTheCaller() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "t", "content", "c", "author_id", POSTS.other().id()))
                .as(POSTS.author()).send(), 422), "author_id");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithAVersionIs422() {
        long before = postCount();
        assertFields(assertProblem(POSTS.http.post("/api/posts", fields("title", "t", "content", "c", "version", 7))
                .as(POSTS.author()).send(), 422), "version");
        assertThat(postCount()).isEqualTo(before);
    }
}
