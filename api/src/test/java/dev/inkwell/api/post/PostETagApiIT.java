package dev.inkwell.api.post;

import dev.inkwell.api.http.SharedCaching;
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

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP caching of a post: its {@code ETag} changes whenever its JSON does (renames of what it
 * embeds too), {@code If-None-Match} answers 304 on every read path (before Jersey, anonymous;
 * in the resource, signed in), and {@code Cache-Control} says who may keep it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostETagApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    static ApiApp.Session author;
    static ApiApp.Session admin;

    @BeforeAll
    static void signIn() {
        author = API.signUp("tagged");
        admin = API.admin();
    }

    private static JsonNode post(boolean published) {
        JsonNode category = API.category("Cat");
        return HTTP.post("/api/posts", fields("title", "cached", "content", "kept by caches", "published", published,
                "category_id", category.get("id").asLong(), "tags", List.of(ApiApp.unique("tag")))).as(author).expect(201);
    }

    /** The tag of an anonymous read (answered before Jersey), checked against a signed-in read (the resource). */
    private static String tagOf(long id) {
        try (Response anonymous = HTTP.get("/api/posts/" + id).send();
             Response signedIn = HTTP.get("/api/posts/" + id).as(author).send()) {
            assertThat(anonymous.getStatus()).isEqualTo(signedIn.getStatus()).isEqualTo(200);
            String tag = anonymous.getHeaderString(HttpHeaders.ETAG);
            assertThat(signedIn.getHeaderString(HttpHeaders.ETAG)).isEqualTo(tag);
            return tag;
        }
    }

    private static TestHttp.Answer read(long id, ApiApp.Session as, String ifNoneMatch) {
        TestHttp request = TestHttp.get(API.url("/api/posts/" + id));
        if (ifNoneMatch != null) {
            request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        if (as != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token());
        }
        return request.send();
    }

    @Test
    void renamingWhatAPostEmbedsChangesItsETagButNotItsVersion() {
        JsonNode post = post(true);
        long id = post.get("id").asLong();
        Set<String> tags = new HashSet<>(List.of(tagOf(id)));

        HTTP.patch("/api/categories/" + post.get("category").get("id").asLong(), fields("name", ApiApp.unique("Renamed")))
                .as(admin).expect(200);
        assertThat(tags.add(tagOf(id))).as("a new tag after the category's rename").isTrue();
        long tagId = API.jdbi().withHandle(h -> h.createQuery("SELECT id FROM tags WHERE name = :n")
                .bind("n", post.get("tags").get(0).asText()).mapTo(Long.class).one());
        HTTP.patch("/api/tags/" + tagId, fields("name", ApiApp.unique("retagged"))).as(admin).expect(200);
        assertThat(tags.add(tagOf(id))).as("a new tag after the tag's rename").isTrue();
        HTTP.patch("/api/users/" + author.id(), fields("username", ApiApp.unique("renamed"))).as(admin).expect(200);
        assertThat(tags.add(tagOf(id))).as("a new tag after the author's rename").isTrue();

        assertThat(tags).allSatisfy(tag -> assertThat(tag).matches("\"1-[0-9a-f]{16}\""));
        assertThat(HTTP.get("/api/posts/" + id).expect(200).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void ifNoneMatchNamingTheCurrentTagIs304OnEveryReadPath() {
        long id = post(true).get("id").asLong();
        String tag = tagOf(id); // and cached: the anonymous read below is a hit before Jersey
        for (ApiApp.Session as : new ApiApp.Session[] {null, author}) {
            for (String ifNoneMatch : List.of(tag, "W/" + tag, "\"1-0000000000000000\", " + tag, "*")) {
                TestHttp.Answer answer = read(id, as, ifNoneMatch);
                assertThat(answer.status()).as("%s, If-None-Match: %s", as == null ? "anonymous" : "signed in", ifNoneMatch)
                        .isEqualTo(304);
                assertThat(answer.headers().firstValue(HttpHeaders.ETAG)).hasValue(tag);
                assertThat(answer.headers().firstValue(HttpHeaders.CACHE_CONTROL))
                        .hasValue(as == null ? SharedCaching.PUBLIC : SharedCaching.PRIVATE);
                assertThat(answer.body()).isEmpty();
            }
        }
    }

    @Test
    void ifNoneMatchNamingAnotherTagOrNothingReadableAnswersThePost() {
        long id = post(true).get("id").asLong();
        String old = tagOf(id);
        HTTP.patch("/api/posts/" + id, fields("title", "changed")).as(author).expect(200);
        for (String ifNoneMatch : List.of(old, "\"1\"", "garbage")) {
            TestHttp.Answer answer = read(id, null, ifNoneMatch);
            assertThat(answer.status()).as("If-None-Match: %s", ifNoneMatch).isEqualTo(200);
            assertThat(answer.headers().firstValue(HttpHeaders.ETAG)).hasValueSatisfying(t -> assertThat(t).isNotEqualTo(old));
            assertThat(answer.json().get("title").asText()).isEqualTo("changed");
        }
    }

    @Test
    void theTagOfACompressedAnswerIsGoodInIfNoneMatchToo() {
        long id = HTTP.post("/api/posts", fields("title", "long", "content", "long enough to be compressed ".repeat(40),
                "published", true)).as(author).expect(201).get("id").asLong();
        for (int read = 0; read < 2; read++) { // a miss, then a hit before Jersey
            TestHttp.Answer gzipped = TestHttp.get(API.url("/api/posts/" + id)).header(HttpHeaders.ACCEPT_ENCODING, "gzip").send();
            assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
            String tag = gzipped.headers().firstValue(HttpHeaders.ETAG).orElseThrow();
            TestHttp.Answer again = TestHttp.get(API.url("/api/posts/" + id)).header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                    .header(HttpHeaders.IF_NONE_MATCH, tag).send();
            assertThat(again.status()).as("If-None-Match: %s", tag).isEqualTo(304);
        }
    }

    @Test
    void aDraftIsNoBetterKnownByItsTag() {
        long id = post(false).get("id").asLong();
        TestHttp.Answer mine = read(id, author, null);
        assertThat(mine.status()).isEqualTo(200);
        String tag = mine.headers().firstValue(HttpHeaders.ETAG).orElseThrow();
        assertThat(mine.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue(SharedCaching.PRIVATE);
        for (String ifNoneMatch : List.of(tag, "*")) {
            assertThat(read(id, null, ifNoneMatch).status()).as("a stranger's If-None-Match: %s", ifNoneMatch).isEqualTo(404);
        }
    }

    @Test
    void aWriteAnswersTheTagTheNextReadAnswersAndIfMatchTakesItOrTheBareVersion() {
        long id = post(true).get("id").asLong();
        try (Response patched = HTTP.patch("/api/posts/" + id, fields("title", "second")).as(author)
                .header(HttpHeaders.IF_MATCH, tagOf(id)).send()) {
            assertThat(patched.getStatus()).isEqualTo(200);
            assertThat(patched.getHeaderString(HttpHeaders.ETAG)).matches("\"2-[0-9a-f]{16}\"").isEqualTo(tagOf(id));
        }
        assertThat(HTTP.patch("/api/posts/" + id, fields("title", "third")).as(author).header(HttpHeaders.IF_MATCH, "\"2\"")
                .expect(200).get("version").asLong()).isEqualTo(3);
        assertProblem(HTTP.patch("/api/posts/" + id, fields("title", "lost")).as(author)
                .header(HttpHeaders.IF_MATCH, "\"2-0123456789abcdef\"").send(), 412);
        assertProblem(HTTP.patch("/api/posts/" + id, fields("title", "lost")).as(author)
                .header(HttpHeaders.IF_MATCH, "\"3-not-a-digest\"").send(), 422);
    }

    @Test
    void aCreatedPostAnswersTheTagOfItsFirstRead() {
        try (Response created = HTTP.post("/api/posts", fields("title", "new", "content", "born tagged", "published", true))
                .as(author).send()) {
            assertThat(created.getStatus()).isEqualTo(201);
            long id = JsonHttp.json(created).get("id").asLong();
            assertThat(created.getHeaderString(HttpHeaders.ETAG)).isEqualTo(tagOf(id));
        }
    }

    @Test
    void aPostListIsSharedOnlyWhenEveryReaderIsShownItAlike() {
        post(false);
        assertThat(TestHttp.get(API.url("/api/posts?per_page=5")).send().header(HttpHeaders.CACHE_CONTROL)).isEqualTo(SharedCaching.PUBLIC);
        TestHttp.Answer drafts = TestHttp.get(API.url("/api/posts?published=false&author_id=" + author.id()))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + author.token()).send();
        assertThat(drafts.json().get("items")).isNotEmpty();
        assertThat(drafts.header(HttpHeaders.CACHE_CONTROL)).as("a list with the reader's own drafts").isEqualTo(SharedCaching.PRIVATE);
    }
}
