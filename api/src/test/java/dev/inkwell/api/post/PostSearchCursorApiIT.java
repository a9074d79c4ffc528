package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.inkwell.api.JsonHttp.enc;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.post.PostSearchFixture.ids;
import static dev.inkwell.api.post.PostSearchFixture.word;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/posts end to end, walked by keyset cursor: by next_cursor and by the Link header every
 * match is visited exactly once and in order under each sort (ids break ties), the last page
 * offers no next, and a cursor the server did not issue, a forged one, or one sent with a page
 * number or another sort is refused. Each test isolates its posts by a fresh author, since the
 * database is shared by the class. Sorts and numbered pages: {@link PostSearchPagingApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostSearchCursorApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final PostSearchFixture POSTS = new PostSearchFixture(API);

    /** A query that lists seven posts by one sort, and the ids it lists on one page: the whole walk, in order. */
    private record Walk(String query, List<Long> expected) {
    }

    /**
     * Seven posts of one author with repeated titles and equal ranks, so that only ids break ties,
     * listed by {@code sort} (with a search text for relevance).
     */
    private static Walk sevenPostsWithTies(String sort) {
        String w = word();
        ApiApp.Session author = API.signUp("walk");
        String[] titles = {"same", "same", w + " first", "same", "other", w + " second", "other"};
        for (String title : titles) {
            POSTS.post(author, title, "body with " + w, true, null);
        }
        String query = "author_id=" + author.id() + "&sort=" + sort + (sort.equals("relevance") ? "&q=" + enc(w) : "");
        return new Walk(query, ids(POSTS.list(query + "&per_page=100")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"newest", "oldest", "title", "relevance"})
    void walkingByNextCursorVisitsEveryMatchExactlyOnceInOrder(String sort) {
        Walk walk = sevenPostsWithTies(sort);
        String query = walk.query();
        assertThat(walk.expected()).hasSize(7);

        JsonNode page = POSTS.list(query + "&per_page=3");
        List<Long> walked = new ArrayList<>(ids(page));
        int pages = 1;
        while (!page.get("next_cursor").isNull()) {
            page = POSTS.list(query + "&per_page=3&cursor=" + enc(page.get("next_cursor").asText()));
            assertThat(page.get("page").isNull()).as("a cursor page has no number").isTrue();
            assertThat(page.get("total").asLong()).isEqualTo(7);
            walked.addAll(ids(page));
            assertThat(++pages).as("pages walked").isLessThanOrEqualTo(3);
        }
        assertThat(walked).containsExactlyElementsOf(walk.expected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"newest", "oldest", "title", "relevance"})
    void walkingByTheLinkHeaderVisitsEveryMatchExactlyOnceInOrder(String sort) {
        Walk walk = sevenPostsWithTies(sort);

        List<Long> walked = new ArrayList<>();
        String next = "/api/posts?" + walk.query() + "&per_page=2";
        for (int pages = 1; next != null; pages++) {
            assertThat(pages).as("pages walked").isLessThanOrEqualTo(4);
            try (Response r = POSTS.http.get(next).send()) {
                assertThat(r.getStatus()).isEqualTo(200);
                JsonNode page = json(r);
                walked.addAll(ids(page));
                Link link = r.getLink("next");
                if (link == null) {
                    assertThat(page.get("next_cursor").isNull()).as("no Link, no next_cursor").isTrue();
                    next = null;
                } else {
                    URI uri = link.getUri();
                    assertThat(uri.getRawQuery()).contains("cursor=" + page.get("next_cursor").asText());
                    next = uri.getRawPath() + "?" + uri.getRawQuery();
                }
            }
        }
        assertThat(walked).containsExactlyElementsOf(walk.expected());
    }

    @Test
    void walkingByCursorAsTheAuthorIncludesTheirDraftsOnce() {
        ApiApp.Session author = API.signUp("walk");
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            all.add(POSTS.post(author, "p" + i, "x", i % 2 == 0, null));
        }
        List<Long> walked = new ArrayList<>();
        JsonNode page = POSTS.list("author_id=" + author.id() + "&per_page=2", author);
        walked.addAll(ids(page));
        while (!page.get("next_cursor").isNull()) {
            page = POSTS.list("author_id=" + author.id() + "&per_page=2&cursor=" + enc(page.get("next_cursor").asText()), author);
            walked.addAll(ids(page));
        }
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void theLastPageHasNoNextCursorAndNoLink() {
        ApiApp.Session author = API.signUp("last");
        POSTS.published(author, "one");
        POSTS.published(author, "two");
        try (Response r = POSTS.http.get("/api/posts?author_id=" + author.id() + "&per_page=2").send()) {
            assertThat(json(r).get("next_cursor").isNull()).isTrue();
            assertThat(r.getLink("next")).isNull();
        }
        try (Response r = POSTS.http.get("/api/posts?author_id=" + author.id() + "&per_page=1").send()) {
            assertThat(json(r).get("next_cursor").isNull()).isFalse();
            assertThat(r.getLink("next")).isNotNull();
        }
    }

    private static String b64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "bm90IGEgY3Vyc29y", "%%%", "1|newest|1|2020-01-01T00:00Z"})
    void aCursorThisServerDidNotIssueIs422OnCursor(String cursor) {
        assertFields(assertProblem(POSTS.http.get("/api/posts?cursor=" + enc(cursor)).send(), 422), "cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1|newest|1|not-a-time", "2|newest|1|2020-01-01T00:00Z", "1|bogus|1|x", "1|newest|abc|2020-01-01T00:00Z",
            "1|newest|99999999999999999999|2020-01-01T00:00Z", "1|relevance|1|not-a-number", "1|newest", ""})
    void aForgedCursorIs422OnCursor(String raw) {
        String sort = raw.contains("relevance") ? "&q=word&sort=relevance" : "";
        assertFields(assertProblem(POSTS.http.get("/api/posts?cursor=" + b64(raw) + sort).send(), 422), "cursor");
    }

    /** A cursor names its own page and sort: with a page number, or under another sort, it is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"page=1", "sort=title"})
    void aCursorWithAPageOrAnotherSortIs422OnCursor(String conflicting) {
        ApiApp.Session author = API.signUp("conflict");
        POSTS.published(author, "one");
        POSTS.published(author, "two");
        String cursor = POSTS.list("author_id=" + author.id() + "&per_page=1").get("next_cursor").asText();
        assertFields(assertProblem(POSTS.http.get("/api/posts?author_id=" + author.id() + "&per_page=1&" + conflicting + "&cursor="
                + enc(cursor)).send(), 422), "cursor");
    }
}
