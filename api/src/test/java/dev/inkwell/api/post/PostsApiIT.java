package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/posts (create) and /api/posts/{id} end to end: authorship, visibility, ETag and If-Match. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    /** Identities only; every test makes its own posts. */
    static ApiApp.Session author;
    static ApiApp.Session other;
    static ApiApp.Session admin;

    @BeforeAll
    static void signIn() {
        author = API.signUp("author");
        other = API.signUp("other");
        admin = API.admin();
    }

    private static JsonNode create(ApiApp.Session as, Map<String, Object> body) {
        return HTTP.post("/api/posts", body).as(as).expect(201);
    }

    private static JsonNode published(String title) {
        return create(author, fields("title", title, "content", "content of " + title, "published", true));
    }

    private static JsonNode draft(String title) {
        return create(author, fields("title", title, "content", "draft " + title));
    }

    private static long id(JsonNode node) {
        return node.get("id").asLong();
    }

    private static JsonNode category() {
        return HTTP.post("/api/categories", fields("name", ApiApp.unique("Cat"))).as(author).expect(201);
    }

    /** The post as stored, read as an admin (who sees drafts too). */
    private static JsonNode stored(long id) {
        return HTTP.get("/api/posts/" + id).as(admin).expect(200);
    }

    private static long postCount() {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM posts").mapTo(Long.class).one());
    }

    /** The stored spellings of the tag named {@code name} regardless of case (at most one). */
    private static List<String> tagsSpelled(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT name FROM tags WHERE lower(name) = lower(:n)")
                .bind("n", name).mapTo(String.class).list());
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static Response patch(long id, ApiApp.Session as, Map<String, Object> body, String ifMatch) {
        JsonHttp.Call call = HTTP.patch("/api/posts/" + id, body).as(as);
        if (ifMatch != null) {
            call.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return call.send();
    }

    /** The pattern of the ETag of a post at {@code version}: the version and a digest of its JSON ({@link PostETag}). */
    static String tagOf(long version) {
        return "\"" + version + "-[0-9a-f]{16}\"";
    }

    /** A PATCH without If-Match that must succeed; its answer. */
    private static JsonNode patched(long id, ApiApp.Session as, Map<String, Object> body) {
        return HTTP.patch("/api/posts/" + id, body).as(as).expect(200);
    }

    // --- POST /api/posts

    @Test
    void createAnswers201WithLocationTheETagOfVersion1AndTheCallerAsAuthor() {
        JsonNode category = category();
        try (Response r = HTTP.post("/api/posts", fields("title", "Hello", "content", "World", "published", true,
                "category_id", id(category), "tags", List.of("Greeting"))).as(author).send()) {
            assertThat(r.getStatus()).isEqualTo(201);
            JsonNode post = json(r);
            assertThat(r.getLocation().getPath()).isEqualTo("/api/posts/" + id(post));
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(1));
            assertThat(post.get("version").asLong()).isEqualTo(1);
            assertThat(post.get("title").asText()).isEqualTo("Hello");
            assertThat(post.get("content").asText()).isEqualTo("World");
            assertThat(post.get("published").asBoolean()).isTrue();
            assertThat(OffsetDateTime.parse(post.get("published_at").asText())).isNotNull();
            assertThat(OffsetDateTime.parse(post.get("created_at").asText())).isNotNull();
            assertThat(OffsetDateTime.parse(post.get("updated_at").asText())).isNotNull();
            assertThat(post.get("author").get("id").asLong()).isEqualTo(author.id());
            assertThat(post.get("author").get("username").asText()).isEqualTo(author.username());
            assertThat(post.get("category").get("id").asLong()).isEqualTo(id(category));
            assertThat(post.get("category").get("name").asText()).isEqualTo(category.get("name").asText());
            assertThat(names(post.get("tags"))).containsExactly("Greeting");
            assertThat(stored(id(post))).isEqualTo(post);
        }
    }

    /** A write answers with the post as a read of it sends it, byte for byte. */
    @Test
    void createAndPatchAnswerWithTheBytesAReadOfThePostSends() throws Exception {
        String created = bodyOf(HTTP.post("/api/posts", fields("title", "Bytes", "content", "the same", "tags", List.of("b", "A")))
                .as(author).send(), 201);
        long id = id(JsonHttp.JSON.readTree(created));
        assertThat(bodyOf(HTTP.get("/api/posts/" + id).as(author).send(), 200)).isEqualTo(created);
        String patched = bodyOf(patch(id, author, fields("title", "Bytes again"), null), 200);
        assertThat(patched).isNotEqualTo(created);
        assertThat(bodyOf(HTTP.get("/api/posts/" + id).as(author).send(), 200)).isEqualTo(patched);
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
        JsonNode post = create(author, fields("title", "Unfinished", "content", ""));
        assertThat(post.get("published").asBoolean()).isFalse();
        assertThat(post.get("published_at").isNull()).isTrue();
        assertThat(post.get("category").isNull()).isTrue();
        assertThat(post.get("tags")).isEmpty();
    }

    @Test
    void createMakesNewTagsOnFirstUse() {
        String tag = ApiApp.unique("fresh");
        create(author, fields("title", "t", "content", "c", "tags", List.of(tag)));
        assertThat(tagsSpelled(tag)).containsExactly(tag);
    }

    @Test
    void createMatchesExistingTagsIgnoringCaseAndKeepsTheirSpelling() {
        String tag = ApiApp.unique("Rust");
        HTTP.post("/api/tags", fields("name", tag)).as(other).expect(201);
        JsonNode post = create(author, fields("title", "t", "content", "c", "tags", List.of(tag.toUpperCase())));
        assertThat(names(post.get("tags"))).containsExactly(tag);
        assertThat(tagsSpelled(tag)).containsExactly(tag);
    }

    @Test
    void createWithTheSameTagTwiceInDifferentCaseKeepsItOnceInTheFirstSpelling() {
        String tag = ApiApp.unique("Go");
        JsonNode post = create(author, fields("title", "t", "content", "c", "tags", List.of(tag, tag.toUpperCase(), " " + tag + " ")));
        assertThat(names(post.get("tags"))).containsExactly(tag);
    }

    @Test
    void createWithTwentyTagsIsAccepted() {
        String stem = ApiApp.unique("many");
        List<String> tags = IntStream.range(0, 20).mapToObj(i -> stem + "-" + i).toList();
        assertThat(create(author, fields("title", "t", "content", "c", "tags", tags)).get("tags")).hasSize(20);
    }

    @Test
    void createAnonymouslyIs401AndCreatesNothing() {
        long before = postCount();
        Response r = HTTP.post("/api/posts", fields("title", "anon", "content", "c")).send();
        assertThat(r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertProblem(r, 401);
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithATitleOf200CharactersIsAccepted() {
        assertThat(create(author, fields("title", "t".repeat(200), "content", "c")).get("title").asText()).hasSize(200);
    }

    @Test
    void createWithATitleOver200CharactersIs422OnTitleAndCreatesNothing() {
        long before = postCount();
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "t".repeat(201), "content", "c")).as(author).send(), 422),
                "title");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithABlankTitleIs422OnTitle() {
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "   ", "content", "c")).as(author).send(), 422), "title");
    }

    @Test
    void createWithoutTitleAndContentNamesBoth() {
        assertFields(assertProblem(HTTP.post("/api/posts", fields("published", true)).as(author).send(), 422), "title", "content");
    }

    @Test
    void createWithContentOf100000CharactersIsAccepted() {
        JsonNode post = create(author, fields("title", "long", "content", "c".repeat(100_000)));
        assertThat(post.get("content").asText()).hasSize(100_000);
    }

    @Test
    void createWithContentOver100000CharactersIs422OnContentAndCreatesNothing() {
        long before = postCount();
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "long", "content", "c".repeat(100_001))).as(author).send(), 422),
                "content");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithAnUnknownCategoryIs422OnCategoryIdAndCreatesNothing() {
        long before = postCount();
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "t", "content", "c", "category_id", 999_999_999))
                .as(author).send(), 422), "category_id");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithMoreThan20TagsIs422OnTagsAndCreatesNothing() {
        String stem = ApiApp.unique("toomany");
        List<String> tags = IntStream.range(0, 21).mapToObj(i -> stem + "-" + i).toList();
        long before = postCount();
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "t", "content", "c", "tags", tags)).as(author).send(), 422),
                "tags");
        assertThat(postCount()).isEqualTo(before);
        assertThat(tagsSpelled(stem + "-0")).isEmpty();
    }

    @Test
    void createWithBadTagNamesIs422NamingEachBadTag() {
        long before = postCount();
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "t", "content", "c",
                "tags", List.of("fine", "#bad", "also fine", "", "x".repeat(51)))).as(author).send(), 422), "tags[1]", "tags[3]", "tags[4]");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithAnAuthorIdIs422BecauseTheAuthorIsAlwaysTheCaller() {
        long before = postCount();
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "t", "content", "c", "author_id", other.id()))
                .as(author).send(), 422), "author_id");
        assertThat(postCount()).isEqualTo(before);
    }

    @Test
    void createWithAVersionIs422() {
        assertFields(assertProblem(HTTP.post("/api/posts", fields("title", "t", "content", "c", "version", 7))
                .as(author).send(), 422), "version");
    }

    // --- GET /api/posts/{id}

    @Test
    void getAnswersThePostWithTheETagOfItsVersion() {
        JsonNode post = published("etag");
        try (Response r = HTTP.get("/api/posts/" + id(post)).send()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(1));
            assertThat(json(r)).isEqualTo(post);
        }
    }

    @Test
    void getOfAnUnknownIdIs404() {
        assertProblem(HTTP.get("/api/posts/999999999").send(), 404);
    }

    @Test
    void aDraftIs404ForAnonymousReaders() {
        assertProblem(HTTP.get("/api/posts/" + id(draft("secret"))).send(), 404);
    }

    @Test
    void aDraftIs404ForOtherUsers() {
        assertProblem(HTTP.get("/api/posts/" + id(draft("secret"))).as(other).send(), 404);
    }

    @Test
    void aDraftIsVisibleToItsAuthor() {
        JsonNode draft = draft("mine");
        assertThat(HTTP.get("/api/posts/" + id(draft)).as(author).expect(200)).isEqualTo(draft);
    }

    @Test
    void aDraftIsVisibleToAdmins() {
        JsonNode draft = draft("moderated");
        assertThat(HTTP.get("/api/posts/" + id(draft)).as(admin).expect(200)).isEqualTo(draft);
    }

    // --- PATCH /api/posts/{id}

    @Test
    void patchByTheAuthorChangesOnlyTheGivenFieldsAndBumpsTheVersion() {
        JsonNode category = category();
        JsonNode post = create(author, fields("title", "before", "content", "body", "published", true,
                "category_id", id(category), "tags", List.of("keep-" + ApiApp.unique("t"))));
        try (Response r = patch(id(post), author, fields("title", "after"), null)) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(2));
            JsonNode updated = json(r);
            assertThat(updated.get("title").asText()).isEqualTo("after");
            assertThat(updated.get("version").asLong()).isEqualTo(2);
            assertThat(updated.get("content")).isEqualTo(post.get("content"));
            assertThat(updated.get("category")).isEqualTo(post.get("category"));
            assertThat(updated.get("tags")).isEqualTo(post.get("tags"));
            assertThat(updated.get("published_at")).isEqualTo(post.get("published_at"));
            assertThat(updated.get("author")).isEqualTo(post.get("author"));
            assertThat(stored(id(post))).isEqualTo(updated);
        }
    }

    @Test
    void patchByAnAdminOfSomeoneElsesPostIsAllowed() {
        JsonNode post = published("moderate me");
        JsonNode updated = patched(id(post), admin, fields("content", "moderated"));
        assertThat(updated.get("content").asText()).isEqualTo("moderated");
        assertThat(updated.get("author").get("id").asLong()).isEqualTo(author.id());
    }

    @Test
    void patchByAnotherUserIs403AndChangesNothing() {
        JsonNode post = published("not yours");
        assertProblem(patch(id(post), other, fields("title", "stolen"), null), 403);
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchOfAnotherUsersDraftIs404AndChangesNothing() {
        JsonNode post = draft("hidden");
        assertProblem(patch(id(post), other, fields("title", "stolen"), null), 404);
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchAnonymouslyIs401AndChangesNothing() {
        JsonNode post = published("anon");
        assertProblem(HTTP.patch("/api/posts/" + id(post), fields("title", "x")).send(), 401);
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithTheCurrentIfMatchSucceedsAndBumpsVersionAndETag() {
        JsonNode post = published("conditional");
        try (Response r = patch(id(post), author, fields("title", "conditional 2"), "\"1\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(2));
            assertThat(json(r).get("version").asLong()).isEqualTo(2);
        }
        try (Response r = patch(id(post), author, fields("title", "conditional 3"), "\"2\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(3));
        }
        try (Response r = HTTP.get("/api/posts/" + id(post)).send()) {
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(3));
            assertThat(json(r).get("title").asText()).isEqualTo("conditional 3");
        }
    }

    @Test
    void patchWithAStaleIfMatchIs412NamingTheCurrentVersionAndChangesNothing() {
        JsonNode post = published("stale");
        JsonNode current = patched(id(post), author, fields("content", "second"));

        Response r = patch(id(post), author, fields("title", "lost update"), "\"1\"");
        assertThat(r.getHeaderString(HttpHeaders.ETAG)).as("the tag names JSON the refused write did not read").isNull();
        assertThat(assertProblem(r, 412).get("detail").toString()).contains("version 2");
        assertThat(stored(id(post))).isEqualTo(current);
    }

    @Test
    void patchWithTheETagOfAGzippedAnswerAsIfMatchSucceeds() throws Exception {
        JsonNode post = create(author, fields("title", "compressed", "content", "long enough to be compressed ".repeat(40), "published", true));
        // Fetched past the test client: its OpenAPI check reads the body before anything unzips it.
        TestHttp.Answer gzipped = TestHttp.get(API.url("/api/posts/" + id(post))).header(HttpHeaders.ACCEPT_ENCODING, "gzip").send();
        assertThat(gzipped.status()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        String etag = gzipped.headers().firstValue(HttpHeaders.ETAG).orElseThrow();
        assertThat(etag).startsWith("\"1");
        try (Response r = patch(id(post), author, fields("title", "compressed 2"), etag)) {
            assertThat(r.getStatus()).as("If-Match: %s", etag).isEqualTo(200);
            assertThat(json(r).get("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void patchWithAWeakIfMatchOfTheCurrentVersionSucceeds() {
        JsonNode post = published("weak");
        assertThat(patch(id(post), author, fields("title", "weak 2"), "W/\"1\"").getStatus()).isEqualTo(200);
    }

    @Test
    void patchWithoutIfMatchLastWriteWins() {
        JsonNode post = published("first");
        assertThat(patch(id(post), author, fields("title", "second"), null).getStatus()).isEqualTo(200);
        assertThat(patch(id(post), admin, fields("title", "third"), null).getStatus()).isEqualTo(200);
        JsonNode now = stored(id(post));
        assertThat(now.get("title").asText()).isEqualTo("third");
        assertThat(now.get("version").asLong()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "\"one\"", "\"99999999999999999999\"", "\"-1\"", "1, 2", "W/", "\"\""})
    void patchWithAMalformedIfMatchIs422AndChangesNothing(String ifMatch) {
        JsonNode post = published("malformed if-match");
        assertFields(assertProblem(patch(id(post), author, fields("title", "nope"), ifMatch), 422), "If-Match");
        assertThat(stored(id(post))).isEqualTo(post);
    }

    /** An entity-tag is a quoted string (RFC 9110 8.8.3): a lone opening quote is malformed, not version 1. */
    @Test
    void patchWithAnIfMatchMissingItsClosingQuoteIs422AndChangesNothing() {
        JsonNode post = published("unbalanced if-match");
        assertFields(assertProblem(patch(id(post), author, fields("title", "nope"), "\"1"), 422), "If-Match");
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithCategoryIdNullRemovesTheCategory() {
        JsonNode post = create(author, fields("title", "t", "content", "c", "published", true, "category_id", id(category())));
        JsonNode updated = patched(id(post), author, fields("category_id", null));
        assertThat(updated.get("category").isNull()).isTrue();
        assertThat(stored(id(post)).get("category").isNull()).isTrue();
    }

    @Test
    void patchWithoutCategoryIdKeepsTheCategory() {
        JsonNode post = create(author, fields("title", "t", "content", "c", "published", true, "category_id", id(category())));
        JsonNode updated = patched(id(post), author, fields("content", "changed"));
        assertThat(updated.get("category")).isEqualTo(post.get("category"));
    }

    @Test
    void patchWithACategoryIdSetsIt() {
        JsonNode post = published("uncategorized");
        JsonNode category = category();
        JsonNode updated = patched(id(post), author, fields("category_id", id(category)));
        assertThat(updated.get("category").get("id").asLong()).isEqualTo(id(category));
    }

    @Test
    void patchWithAnUnknownCategoryIs422OnCategoryIdAndChangesNothing() {
        JsonNode post = published("bad category");
        assertFields(assertProblem(patch(id(post), author, fields("category_id", 999_999_999), null), 422), "category_id");
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithTagsReplacesTheWholeSet() {
        String a = ApiApp.unique("a");
        String b = ApiApp.unique("b");
        String c = ApiApp.unique("c");
        JsonNode post = create(author, fields("title", "t", "content", "c", "published", true, "tags", List.of(a, b)));
        JsonNode updated = patched(id(post), author, fields("tags", List.of(b.toUpperCase(), c)));
        assertThat(names(updated.get("tags"))).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void patchWithAnEmptyTagListRemovesAllTags() {
        JsonNode post = create(author, fields("title", "t", "content", "c", "published", true, "tags", List.of(ApiApp.unique("x"))));
        assertThat(patched(id(post), author, fields("tags", List.of())).get("tags")).isEmpty();
    }

    @Test
    void patchPublishingADraftSetsPublishedAtAndUnpublishingClearsIt() {
        JsonNode post = draft("to publish");
        JsonNode published = patched(id(post), author, fields("published", true));
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.get("published_at").isNull()).isFalse();
        assertThat(HTTP.get("/api/posts/" + id(post)).expect(200).get("id").asLong()).isEqualTo(id(post));

        JsonNode unpublished = patched(id(post), author, fields("published", false));
        assertThat(unpublished.get("published_at").isNull()).isTrue();
        assertProblem(HTTP.get("/api/posts/" + id(post)).send(), 404);
    }

    @Test
    void patchWithAnInvalidTitleIs422AndChangesNothing() {
        JsonNode post = published("valid");
        assertFields(assertProblem(patch(id(post), author, fields("title", "t".repeat(201), "content", "ok"), null), 422), "title");
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithAnInvalidTitleOfSomeoneElsesPostIs403AndOfTheirDraft404() {
        JsonNode post = published("refused first");
        assertProblem(patch(id(post), other, fields("title", "t".repeat(201)), null), 403);
        JsonNode hidden = draft("hidden first");
        assertProblem(patch(id(hidden), other, fields("title", "ok"), "nonsense"), 404);
        assertThat(stored(id(post))).isEqualTo(post);
        assertThat(stored(id(hidden))).isEqualTo(hidden);
    }

    @Test
    void patchByAnotherUserWithTheCurrentIfMatchIs403AndChangesNothing() {
        JsonNode post = published("guarded");
        assertProblem(patch(id(post), other, fields("title", "stolen"), "\"1\""), 403);
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchWithAnUnknownFieldIs422NamingItAndChangesNothing() {
        JsonNode post = published("strict");
        assertFields(assertProblem(patch(id(post), author, fields("title", "x", "author_id", other.id()), null), 422), "author_id");
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void patchOfAnUnknownIdIs404() {
        assertProblem(patch(999_999_999L, admin, fields("title", "ghost"), null), 404);
    }

    @Test
    void patchThatChangesNothingKeepsTheVersionUpdatedAtAndOtherClientsIfMatch() {
        String tag = ApiApp.unique("same");
        long category = id(category());
        JsonNode post = create(author, fields("title", "unchanged", "content", "as it was", "published", true,
                "category_id", category, "tags", List.of(tag, "other-" + tag)));
        try (Response r = patch(id(post), author, fields("title", "unchanged", "content", "as it was", "published", true,
                "category_id", category, "tags", List.of("OTHER-" + tag, tag.toUpperCase())), "\"1\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getEntityTag().getValue()).startsWith("1-");
            assertThat(json(r)).isEqualTo(post);
        }
        assertThat(patched(id(post), author, fields())).isEqualTo(post);
        assertThat(stored(id(post))).isEqualTo(post);
        // Another client that read version 1 still writes.
        try (Response r = patch(id(post), admin, fields("title", "changed after all"), "\"1\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getEntityTag().getValue()).startsWith("2-");
        }
    }

    @Test
    void patchThatChangesOnlyTheTagsBumpsTheVersion() {
        JsonNode post = create(author, fields("title", "t", "content", "c", "published", true, "tags", List.of(ApiApp.unique("x"))));
        JsonNode updated = patched(id(post), author, fields("tags", List.of(ApiApp.unique("y"))));
        assertThat(updated.get("version").asLong()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(updated.get("updated_at").asText()))
                .isAfter(OffsetDateTime.parse(post.get("updated_at").asText()));
    }

    @Test
    void patchThatChangesNothingInvalidatesNoCacheEntryAndAChangeIsSeenAtOnce() {
        JsonNode post = published("cached as it is");
        HTTP.get("/api/posts/" + id(post)).expect(200);
        long invalidations = HTTP.get("/api/admin/cache").as(admin).expect(200).get("invalidations").asLong();
        patched(id(post), author, fields("title", "cached as it is"));
        assertThat(HTTP.get("/api/admin/cache").as(admin).expect(200).get("invalidations").asLong()).isEqualTo(invalidations);
        patched(id(post), author, fields("title", "changed"));
        assertThat(HTTP.get("/api/posts/" + id(post)).expect(200).get("title").asText()).isEqualTo("changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "content", "published", "tags"})
    void patchWithNullForAFieldThatCannotBeNullIs422NamingItAndChangesNothing(String field) {
        JsonNode post = create(author, fields("title", "t", "content", "c", "published", true, "tags", List.of(ApiApp.unique("n"))));
        assertFields(assertProblem(patch(id(post), author, fields(field, null), null), 422), field);
        assertThat(stored(id(post))).isEqualTo(post);
    }

    // --- DELETE /api/posts/{id}

    @Test
    void deleteByTheAuthorIs204ThenTheSecondGetIs404() {
        JsonNode post = create(author, fields("title", "bye", "content", "c", "published", true, "tags", List.of(ApiApp.unique("gone"))));
        try (Response r = HTTP.delete("/api/posts/" + id(post)).as(author).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(HTTP.get("/api/posts/" + id(post)).send(), 404);
        assertProblem(HTTP.get("/api/posts/" + id(post)).as(admin).send(), 404);
        assertProblem(HTTP.delete("/api/posts/" + id(post)).as(author).send(), 404);
    }

    @Test
    void deleteByAnAdminOfSomeoneElsesPostIs204() {
        JsonNode post = published("removed by admin");
        try (Response r = HTTP.delete("/api/posts/" + id(post)).as(admin).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(HTTP.get("/api/posts/" + id(post)).send(), 404);
    }

    @Test
    void deleteByAnotherUserIs403AndKeepsThePost() {
        JsonNode post = published("not yours");
        assertProblem(HTTP.delete("/api/posts/" + id(post)).as(other).send(), 403);
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void deleteAnonymouslyIs401AndKeepsThePost() {
        JsonNode post = published("anon");
        assertProblem(HTTP.delete("/api/posts/" + id(post)).send(), 401);
        assertThat(stored(id(post))).isEqualTo(post);
    }

    @Test
    void deleteOfAnUnknownIdIs404() {
        assertProblem(HTTP.delete("/api/posts/999999999").as(admin).send(), 404);
    }

    // --- races

    @Test
    void twoConcurrentPatchesWithTheSameIfMatchGiveOne200AndOne412() throws Exception {
        for (int round = 0; round < 10; round++) {
            JsonNode post = published("race " + round);
            long id = id(post);
            List<Response> answers = JsonHttp.together(List.<Callable<Response>>of(
                    () -> patch(id, author, fields("title", "by author"), "\"1\""),
                    () -> patch(id, admin, fields("title", "by admin"), "\"1\"")));

            assertThat(answers.stream().map(Response::getStatus).sorted().toList()).as("round %d", round)
                    .containsExactly(200, 412);
            Response winner = answers.stream().filter(r -> r.getStatus() == 200).findFirst().orElseThrow();
            Response loser = answers.stream().filter(r -> r.getStatus() == 412).findFirst().orElseThrow();
            JsonNode won = json(winner);
            assertThat(assertProblem(loser, 412).get("detail").toString()).contains("version 2");
            JsonNode now = stored(id);
            assertThat(now.get("version").asLong()).isEqualTo(2);
            assertThat(now.get("title")).isEqualTo(won.get("title"));
        }
    }
}
