package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One post: create, read, conditional and unconditional edits, delete, who sees and changes what. */
abstract class PostChecks extends Checks {

    /** A post of the writer's in a category of its own, with a tag; {@code published} as given. */
    JsonNode post(boolean published) {
        long category = create("categories", accounts.writer, Map.of("name", unique("Posts"))).get("id").asLong();
        String tag = create("tags", accounts.writer, Map.of("name", unique("post"))).get("name").asText();
        return create("posts", accounts.writer, Map.of("title", unique("Title"), "content", "the content of " + accounts.run,
                "category_id", category, "tags", List.of(tag), "published", published));
    }

    @Test
    void aNewPostAnswers201WithLocationETagAndTheWholePost() {
        String title = unique("New");
        long category = create("categories", accounts.writer, Map.of("name", unique("New"))).get("id").asLong();
        String tag = create("tags", accounts.writer, Map.of("name", unique("new"))).get("name").asText();
        TestHttp.Answer answer = created("posts", accounts.writer, Map.of("title", title, "content", "words",
                "category_id", category, "tags", List.of(tag), "published", true));
        JsonNode post = answer.json();
        String location = answer.header("Location");
        assertThat(answer.header("ETag")).matches(tagOf(1));
        assertThat(post.get("title").asText()).isEqualTo(title);
        assertThat(post.get("version").asLong()).isEqualTo(1);
        assertThat(post.get("published").asBoolean()).isTrue();
        assertThat(post.get("author").get("id").asLong()).isEqualTo(accounts.writer.id());
        assertThat(post.get("author").get("username").asText()).isEqualTo(accounts.writer.username());
        assertThat(post.get("category").get("id").asLong()).isEqualTo(category);
        assertThat(post.get("tags")).extracting(JsonNode::asText).containsExactly(tag);
        for (String time : new String[] {"created_at", "updated_at", "published_at"}) {
            assertThat(OffsetDateTime.parse(post.get(time).asText())).as(time).isNotNull();
        }
        TestHttp.Answer read = deployment.request("GET", location, null).send();
        assertThat(expect(read, 200)).isEqualTo(post);
        assertThat(read.header("ETag")).isEqualTo(answer.header("ETag"));
    }

    /** DESIGN.md section 3, "HTTP caching". */
    @Test
    void aReadWithTheCurrentETagIs304() {
        String path = "posts/" + post(true).get("id").asLong();
        String etag = send("GET", path, null, null).header("ETag");
        TestHttp.Answer same = deployment.request("GET", path, null).header("If-None-Match", etag).send();
        assertThat(same.status()).as("If-None-Match: %s answered %s", etag, same.text()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(send("GET", path, null, null).header("Cache-Control")).as("Cache-Control of a post").isNotBlank();
    }

    /** DESIGN.md section 3: "a post's ETag changes whenever its JSON changes" (renames of its author, category or tags included). */
    @Test
    void aPostsETagChangesWhenItsJsonDoes() {
        JsonNode tag = create("tags", accounts.writer, Map.of("name", unique("etag")));
        String path = "posts/" + create("posts", accounts.writer, Map.of("title", unique("Tagged"), "content", "x",
                "tags", List.of(tag.get("name").asText()), "published", true)).get("id").asLong();
        String etag = send("GET", path, null, null).header("ETag");
        String renamed = unique("renamed");
        expect(send("PATCH", "tags/" + tag.get("id").asLong(), accounts.admin, Map.of("name", renamed)), 200);
        TestHttp.Answer read = send("GET", path, null, null);
        assertThat(expect(read, 200).get("tags")).extracting(JsonNode::asText).as("no stale tag name").containsExactly(renamed);
        assertThat(read.header("ETag")).as("the ETag once the post's JSON changed").isNotEqualTo(etag);
    }

    @Test
    void anEditWithAStaleIfMatchIs412AndOneWithoutItWins() {
        JsonNode post = post(true);
        String path = "posts/" + post.get("id").asLong();
        TestHttp.Answer edited = deployment.request("PATCH", path, Map.of("title", "second")).bearer(accounts.writer.token())
                .header("If-Match", "\"1\"").send();
        assertThat(expect(edited, 200).get("version").asLong()).isEqualTo(2);
        assertThat(edited.header("ETag")).matches(tagOf(2));
        problem(deployment.request("PATCH", path, Map.of("title", "lost")).bearer(accounts.writer.token())
                .header("If-Match", "\"1\"").send(), 412);
        assertThat(expect(send("GET", path, null, null), 200).get("title").asText()).isEqualTo("second");
        assertThat(expect(send("PATCH", path, accounts.writer, Map.of("title", "third")), 200).get("version").asLong()).isEqualTo(3);
        problem(send("PATCH", path, accounts.reader, Map.of("title", "not theirs")), 403);
        assertThat(expect(send("PATCH", path, accounts.admin, Map.of("content", "edited by an admin")), 200).get("title").asText())
                .isEqualTo("third");
    }

    @Test
    void aWriteIsNeverStaleOnTheNextRead() {
        JsonNode post = post(true);
        String path = "posts/" + post.get("id").asLong();
        for (int edit = 1; edit <= 6; edit++) {
            expect(send("GET", path, null, null), 200); // cached by now, on whichever instance answered
            String title = "edit " + edit + " of " + accounts.run;
            expect(send("PATCH", path, accounts.writer, Map.of("title", title)), 200);
            for (int read = 0; read < 3; read++) {
                assertThat(expect(send("GET", path, null, null), 200).get("title").asText()).as("read %d after edit %d", read, edit)
                        .isEqualTo(title);
            }
        }
        expect(send("DELETE", path, accounts.writer, null), 204);
        problem(send("GET", path, null, null), 404);
    }

    @Test
    void onlyItsAuthorOrAnAdminDeletesAPostAndThenItIs404() {
        JsonNode post = post(true);
        String path = "posts/" + post.get("id").asLong();
        problem(send("DELETE", path, accounts.reader, null), 403);
        problem(send("DELETE", path, null, null), 401);
        expect(send("DELETE", path, accounts.writer, null), 204);
        problem(send("GET", path, null, null), 404);
        problem(send("PATCH", path, accounts.writer, Map.of("title", "gone")), 404);
        problem(send("DELETE", path, accounts.writer, null), 404);
    }

    @Test
    void aDraftIsSeenOnlyByItsAuthorAndAdmins() {
        JsonNode draft = post(false);
        String path = "posts/" + draft.get("id").asLong();
        assertThat(draft.get("published_at").isNull()).isTrue();
        problem(send("GET", path, null, null), 404);
        problem(send("GET", path, accounts.reader, null), 404);
        assertThat(expect(send("GET", path, accounts.writer, null), 200).get("published").asBoolean()).isFalse();
        expect(send("GET", path, accounts.admin, null), 200);
    }

    /** An ETag as the API gives a post at {@code version}: the version and a digest of its JSON. */
    private static String tagOf(long version) {
        return "\"" + version + "-[0-9a-f]{16}\"";
    }
}
