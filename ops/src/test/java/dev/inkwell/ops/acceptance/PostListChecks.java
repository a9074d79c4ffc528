package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.ops.acceptance.Accounts.Account;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post list and search: filters, full text, pages and cursors. Each check makes its own three
 * posts (two published, one draft) in a category and under a tag of its own, with a word no other
 * run has, so that it finds exactly them however much the deployment already holds.
 */
abstract class PostListChecks extends Checks {

    /** What one check made: the category, the tag, the word, and the posts' ids (published ones first). */
    record Made(long category, String tag, String word, List<Long> published, long draft) {
    }

    Made threePosts() {
        long category = create("categories", accounts.writer, Map.of("name", unique("Listed"))).get("id").asLong();
        String tag = create("tags", accounts.writer, Map.of("name", unique("listed"))).get("name").asText();
        String word = Accounts.word(12);
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            published.add(create("posts", accounts.writer, Map.of("title", "Listed " + i, "content", "about " + word + " and more",
                    "category_id", category, "tags", List.of(tag), "published", true)).get("id").asLong());
        }
        long draft = create("posts", accounts.writer, Map.of("title", "Draft", "content", "about " + word,
                "category_id", category, "tags", List.of(tag), "published", false)).get("id").asLong();
        return new Made(category, tag, word, published, draft);
    }

    private List<Long> ids(String query, Account who) {
        List<Long> ids = new ArrayList<>();
        expect(send("GET", "posts?" + query, who, null), 200).get("items").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    @Test
    void theListFiltersByCategoryTagAuthorAndPublished() {
        Made made = threePosts();
        List<Long> all = new ArrayList<>(made.published());
        all.add(made.draft());
        assertThat(ids("category_id=" + made.category(), null)).as("anonymous readers see published posts")
                .containsExactlyInAnyOrderElementsOf(made.published());
        assertThat(ids("category_id=" + made.category(), accounts.writer)).as("the author also their draft")
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids("tag=" + made.tag(), accounts.reader)).containsExactlyInAnyOrderElementsOf(made.published());
        assertThat(ids("tag=" + made.tag() + "&published=false", accounts.writer)).containsExactly(made.draft());
        assertThat(ids("tag=" + made.tag() + "&published=false", accounts.admin)).containsExactly(made.draft());
        assertThat(ids("author_id=" + accounts.writer.id() + "&category_id=" + made.category(), null))
                .containsExactlyInAnyOrderElementsOf(made.published());
        assertThat(ids("author_id=" + accounts.reader.id() + "&category_id=" + made.category(), null)).isEmpty();

        JsonNode page = expect(send("GET", "posts?category_id=" + made.category(), null, null), 200);
        assertThat(page.get("total").asLong()).isEqualTo(2);
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("author").get("username").asText()).isEqualTo(accounts.writer.username());
        assertThat(item.get("category").get("id").asLong()).isEqualTo(made.category());
        assertThat(item.get("tags")).extracting(JsonNode::asText).containsExactly(made.tag());
        problem(send("GET", "posts?published=maybe", null, null), 400);
        problem(send("GET", "posts?sort=cheapest", null, null), 422);
    }

    @Test
    void searchFindsPostsByAWordOfTheirContent() {
        Made made = threePosts();
        assertThat(ids("q=" + made.word(), null)).containsExactlyInAnyOrderElementsOf(made.published());
        List<Long> all = new ArrayList<>(made.published());
        all.add(made.draft());
        assertThat(ids("q=" + made.word() + "&author_id=" + accounts.writer.id(), accounts.writer)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids("q=" + made.word() + "x", null)).isEmpty();
    }

    @Test
    void pagesAndCursorsWalkTheWholeListOnce() {
        Made made = threePosts();
        String query = "posts?tag=" + made.tag() + "&per_page=1";
        List<Long> all = new ArrayList<>(made.published());
        all.add(made.draft());

        JsonNode second = expect(send("GET", query + "&page=2", accounts.writer, null), 200);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(second.get("pages").asLong()).isEqualTo(3);
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(expect(send("GET", query + "&page=4", accounts.writer, null), 200).get("items")).isEmpty();

        List<Long> walked = new ArrayList<>();
        String next = query;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(3);
            TestHttp.Answer answer = deployment.request("GET", next, null).bearer(accounts.writer.token()).send();
            JsonNode page = expect(answer, 200);
            page.get("items").forEach(p -> walked.add(p.get("id").asLong()));
            next = next(answer);
        }
        assertThat(walked).containsExactlyInAnyOrderElementsOf(all);

        problem(send("GET", "posts?per_page=101", null, null), 422);
        problem(send("GET", "posts?per_page=0", null, null), 422);
        problem(send("GET", "posts?cursor=not-a-cursor", null, null), 422);
        problem(send("GET", "posts?page=2&cursor=x", null, null), 422);
    }
}
