package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.inkwell.api.JsonHttp.enc;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.post.PostSearchFixture.ids;
import static dev.inkwell.api.post.PostSearchFixture.word;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/posts end to end, in which order a list comes and how its numbered pages slice it:
 * each sort (relevance only with a search text), page and per_page, a page beyond the last, and
 * the refusal of unknown sorts and of pages out of bounds. Each test isolates its posts by a fresh
 * author or made-up words, since the database is shared by the class. Which posts a list holds:
 * {@link PostSearchFilterApiIT}; walking it by keyset cursor: {@link PostSearchCursorApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostSearchPagingApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final PostSearchFixture POSTS = new PostSearchFixture(API);

    // --- sorts

    /**
     * An author's posts, published in the order of {@code titles}, are listed by
     * {@code sort} (none: the default, newest first) in the order of {@code listed}.
     */
    @ParameterizedTest(name = "sort={0}")
    @CsvSource(nullValues = "(none)", value = {
            "(none), a b c,               c b a",
            "newest, a b c,               c b a",
            "oldest, a b c,               a b c",
            "title,  banana apple cherry, apple banana cherry"})
    void aSortListsInItsOrder(String sort, String titles, String listed) {
        ApiApp.Session author = API.signUp("sort");
        Map<String, Long> idOf = new HashMap<>();
        for (String title : titles.split(" ")) {
            idOf.put(title, POSTS.published(author, title));
        }
        List<Long> expected = Stream.of(listed.split(" ")).map(idOf::get).toList();
        assertThat(ids(POSTS.list("author_id=" + author.id() + (sort == null ? "" : "&sort=" + sort)))).containsExactlyElementsOf(expected);
    }

    @Test
    void sortRelevanceListsBestMatchesFirst() {
        ApiApp.Session author = API.signUp("sort");
        String w = word();
        long weak = POSTS.post(author, "t", "once " + w, true, null);
        long strong = POSTS.post(author, w + " " + w, w + " " + w + " " + w, true, null);
        assertThat(ids(POSTS.list("q=" + enc(w) + "&sort=relevance"))).containsExactly(strong, weak);
    }

    @Test
    void searchTextCanBeListedInAnotherOrder() {
        ApiApp.Session author = API.signUp("sort");
        String w = word();
        long first = POSTS.post(author, "zzz " + w, "x", true, null);
        long second = POSTS.post(author, "aaa", "x " + w, true, null);
        assertThat(ids(POSTS.list("q=" + enc(w) + "&sort=oldest"))).containsExactly(first, second);
        assertThat(ids(POSTS.list("q=" + enc(w) + "&sort=title"))).containsExactly(second, first);
    }

    @Test
    void sortRelevanceWithoutSearchTextIs422OnSort() {
        assertFields(assertProblem(POSTS.http.get("/api/posts?sort=relevance").send(), 422), "sort");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "NEWEST", "created_at", "p.id; DROP TABLE posts", ""})
    void anUnknownSortIs422OnSort(String sort) {
        assertFields(assertProblem(POSTS.http.get("/api/posts?sort=" + enc(sort)).send(), 422), "sort");
    }

    // --- offset pages

    @Test
    void pageAndPerPageSliceTheList() {
        ApiApp.Session author = API.signUp("page");
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, POSTS.published(author, "p" + i));
        }
        JsonNode page = POSTS.list("author_id=" + author.id() + "&page=2&per_page=2");
        assertThat(ids(page)).containsExactly(newestFirst.get(2), newestFirst.get(3));
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("pages").asLong()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("per_page").asInt()).isEqualTo(2);
        assertThat(ids(POSTS.list("author_id=" + author.id() + "&page=3&per_page=2"))).containsExactly(newestFirst.get(4));
    }

    @Test
    void aPageBeyondTheLastIsEmptyButCounted() {
        ApiApp.Session author = API.signUp("page");
        POSTS.published(author, "only");
        JsonNode page = POSTS.list("author_id=" + author.id() + "&page=5");
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void perPageOf100IsAllowed() {
        assertThat(POSTS.list("per_page=100").get("per_page").asInt()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource({"per_page=101, per_page", "per_page=0, per_page", "per_page=-5, per_page", "page=0, page",
            "page=-1, page", "page=10001, page"})
    void pagingOutOfBoundsIs422NamingTheParameter(String query, String field) {
        assertFields(assertProblem(POSTS.http.get("/api/posts?" + query).send(), 422), field);
    }
}
