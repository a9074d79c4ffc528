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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.post.PostFixture.id;
import static dev.inkwell.api.post.PostFixture.tagOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A post's versions and the conflicts they settle: the ETag names the version, If-Match (strong,
 * weak, or the tag of a gzipped answer) guards a PATCH, a stale one is 412 and a malformed one 422,
 * without it the last write wins, a PATCH that changes nothing keeps the version, and of two
 * concurrent PATCHes with the same If-Match exactly one wins.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostVersionsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final PostFixture POSTS = new PostFixture(API);

    @Test
    void getAnswersThePostWithTheETagOfItsVersion() {
        JsonNode post = POSTS.published("etag");
        try (Response r = POSTS.http.get("/api/posts/" + id(post)).send()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(1));
            assertThat(json(r)).isEqualTo(post);
        }
    }

    // --- If-Match

    @Test
    void patchWithTheCurrentIfMatchSucceedsAndBumpsVersionAndETag() {
        JsonNode post = POSTS.published("conditional");
        try (Response r = POSTS.patch(id(post), POSTS.author(), fields("title", "conditional 2"), "\"1\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(2));
            assertThat(json(r).get("version").asLong()).isEqualTo(2);
        }
        try (Response r = POSTS.patch(id(post), POSTS.author(), fields("title", "conditional 3"), "\"2\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(3));
        }
        try (Response r = POSTS.http.get("/api/posts/" + id(post)).send()) {
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).matches(tagOf(3));
            assertThat(json(r).get("title").asText()).isEqualTo("conditional 3");
        }
    }

    @Test
    void patchWithAStaleIfMatchIs412NamingTheCurrentVersionAndChangesNothing() {
        JsonNode post = POSTS.published("stale");
        JsonNode current = POSTS.patched(id(post), POSTS.author(), fields("content", "second"));

        Response r = POSTS.patch(id(post), POSTS.author(), fields("title", "lost update"), "\"1\"");
        assertThat(r.getHeaderString(HttpHeaders.ETAG)).as("the tag names JSON the refused write did not read").isNull();
        assertThat(assertProblem(r, 412).get("detail").toString()).contains("version 2");
        assertThat(POSTS.stored(id(post))).isEqualTo(current);
    }

    @Test
    void patchWithTheETagOfAGzippedAnswerAsIfMatchSucceeds() throws Exception {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "compressed", "content", "long enough to be compressed ".repeat(40),
                "published", true));
        // Fetched past the test client: its OpenAPI check reads the body before anything unzips it.
        TestHttp.Answer gzipped = TestHttp.get(API.url("/api/posts/" + id(post))).header(HttpHeaders.ACCEPT_ENCODING, "gzip").send();
        assertThat(gzipped.status()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        String etag = gzipped.headers().firstValue(HttpHeaders.ETAG).orElseThrow();
        assertThat(etag).startsWith("\"1");
        try (Response r = POSTS.patch(id(post), POSTS.author(), fields("title", "compressed 2"), etag)) {
            assertThat(r.getStatus()).as("If-Match: %s", etag).isEqualTo(200);
            assertThat(json(r).get("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void patchWithAWeakIfMatchOfTheCurrentVersionSucceeds() {
        JsonNode post = POSTS.published("weak");
        assertThat(POSTS.patch(id(post), POSTS.author(), fields("title", "weak 2"), "W/\"1\"").getStatus()).isEqualTo(200);
    }

    @Test
    void patchWithoutIfMatchLastWriteWins() {
        JsonNode post = POSTS.published("first");
        assertThat(POSTS.patch(id(post), POSTS.author(), fields("title", "second"), null).getStatus()).isEqualTo(200);
        assertThat(POSTS.patch(id(post), POSTS.admin(), fields("title", "third"), null).getStatus()).isEqualTo(200);
        JsonNode now = POSTS.stored(id(post));
        assertThat(now.get("title").asText()).isEqualTo("third");
        assertThat(now.get("version").asLong()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "\"one\"", "\"99999999999999999999\"", "\"-1\"", "1, 2", "W/", "\"\""})
    void patchWithAMalformedIfMatchIs422AndChangesNothing(String ifMatch) {
        JsonNode post = POSTS.published("malformed if-match");
        assertFields(assertProblem(POSTS.patch(id(post), POSTS.author(), fields("title", "nope"), ifMatch), 422), "If-Match");
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    /** An entity-tag is a quoted string (RFC 9110 8.8.3): a lone opening quote is malformed, not version 1. */
    @Test
    void patchWithAnIfMatchMissingItsClosingQuoteIs422AndChangesNothing() {
        JsonNode post = POSTS.published("unbalanced if-match");
        assertFields(assertProblem(POSTS.patch(id(post), POSTS.author(), fields("title", "nope"), "\"1"), 422), "If-Match");
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
    }

    // --- when the version moves

    @Test
    void patchThatChangesNothingKeepsTheVersionUpdatedAtAndOtherClientsIfMatch() {
        String tag = ApiApp.unique("same");
        long category = id(POSTS.category());
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "unchanged", "content", "as it was", "published", true,
                "category_id", category, "tags", List.of(tag, "other-" + tag)));
        try (Response r = POSTS.patch(id(post), POSTS.author(), fields("title", "unchanged", "content", "as it was", "published", true,
                "category_id", category, "tags", List.of("OTHER-" + tag, tag.toUpperCase())), "\"1\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getEntityTag().getValue()).startsWith("1-");
            assertThat(json(r)).isEqualTo(post);
        }
        assertThat(POSTS.patched(id(post), POSTS.author(), fields())).isEqualTo(post);
        assertThat(POSTS.stored(id(post))).isEqualTo(post);
        // Another client that read version 1 still writes.
        try (Response r = POSTS.patch(id(post), POSTS.admin(), fields("title", "changed after all"), "\"1\"")) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getEntityTag().getValue()).startsWith("2-");
        }
    }

    @Test
    void patchThatChangesOnlyTheTagsBumpsTheVersion() {
        JsonNode post = POSTS.create(POSTS.author(), fields("title", "t", "content", "c", "published", true,
                "tags", List.of(ApiApp.unique("x"))));
        JsonNode updated = POSTS.patched(id(post), POSTS.author(), fields("tags", List.of(ApiApp.unique("y"))));
        assertThat(updated.get("version").asLong()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(updated.get("updated_at").asText()))
                .isAfter(OffsetDateTime.parse(post.get("updated_at").asText()));
    }

    // --- races

    @Test
    void twoConcurrentPatchesWithTheSameIfMatchGiveOne200AndOne412() throws Exception {
        // Taken before the race: the first use of a session signs it up, which would hold one side back.
        ApiApp.Session author = POSTS.author();
        ApiApp.Session admin = POSTS.admin();
        for (int round = 0; round < 10; round++) {
            JsonNode post = POSTS.published("race " + round);
            long id = id(post);
            List<Response> answers = JsonHttp.together(List.<Callable<Response>>of(
                    () -> POSTS.patch(id, author, fields("title", "by author"), "\"1\""),
                    () -> POSTS.patch(id, admin, fields("title", "by admin"), "\"1\"")));

            assertThat(answers.stream().map(Response::getStatus).sorted().toList()).as("round %d", round)
                    .containsExactly(200, 412);
            Response winner = answers.stream().filter(r -> r.getStatus() == 200).findFirst().orElseThrow();
            Response loser = answers.stream().filter(r -> r.getStatus() == 412).findFirst().orElseThrow();
            JsonNode won = json(winner);
            assertThat(assertProblem(loser, 412).get("detail").toString()).contains("version 2");
            JsonNode now = POSTS.stored(id);
            assertThat(now.get("version").asLong()).isEqualTo(2);
            assertThat(now.get("title")).isEqualTo(won.get("title"));
        }
    }
}
