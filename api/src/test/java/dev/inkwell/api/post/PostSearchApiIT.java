package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static dev.inkwell.api.JsonHttp.enc;
import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/posts end to end: visibility, full-text search, filters, sorts, offset pages and
 * keyset cursors (by next_cursor and by the Link header). Each test isolates its posts by a
 * fresh author, a fresh tag or made-up words, since the database is shared by the class.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostSearchApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    private static final Random RANDOM = new Random();

    static ApiApp.Session reader;
    static ApiApp.Session admin;

    @BeforeAll
    static void signIn() {
        reader = API.signUp("reader");
        admin = API.admin();
    }

    /** A made-up word of letters only, found in no dictionary and in no other test's post. */
    private static String word() {
        StringBuilder w = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return w.toString();
    }

    private static long post(ApiApp.Session as, String title, String content, boolean published, Long categoryId, String... tags) {
        return HTTP.post("/api/posts", fields("title", title, "content", content, "published", published,
                "category_id", categoryId, "tags", List.of(tags))).as(as).expect(201).get("id").asLong();
    }

    private static long published(ApiApp.Session as, String title, String... tags) {
        return post(as, title, "text of " + title, true, null, tags);
    }

    private static long category() {
        return HTTP.post("/api/categories", fields("name", ApiApp.unique("Cat"))).as(reader).expect(201).get("id").asLong();
    }

    private static JsonNode list(String query, ApiApp.Session as) {
        JsonHttp.Call call = HTTP.get("/api/posts?" + query);
        if (as != null) {
            call.as(as);
        }
        return call.expect(200);
    }

    private static JsonNode list(String query) {
        return list(query, null);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    // --- visibility

    /** A draft is listed to its author and to admins only; anyone else lists the published post alone. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"an anonymous reader, false", "the author, true", "another user, false", "an admin, true"})
    void draftsAreListedOnlyToTheirAuthorAndToAdmins(String viewer, boolean listsTheDraft) {
        ApiApp.Session author = API.signUp("vis");
        long shown = published(author, "shown");
        long draft = post(author, "hidden", "draft", false, null);
        ApiApp.Session as = switch (viewer) {
            case "an anonymous reader" -> null;
            case "the author" -> author;
            case "another user" -> reader;
            case "an admin" -> admin;
            default -> throw new IllegalArgumentException(viewer);
        };
        JsonNode page = list("author_id=" + author.id(), as);
        assertThat(ids(page)).containsExactlyElementsOf(listsTheDraft ? List.of(draft, shown) : List.of(shown));
        assertThat(page.get("total").asLong()).isEqualTo(listsTheDraft ? 2 : 1);
    }

    @Test
    void publishedFalseListsOnlyTheDraftsTheCallerMaySee() {
        String tag = ApiApp.unique("drafts");
        ApiApp.Session ann = API.signUp("ann");
        ApiApp.Session ben = API.signUp("ben");
        long annsDraft = post(ann, "a", "draft", false, null, tag);
        long bensDraft = post(ben, "b", "draft", false, null, tag);
        published(ann, "public", tag);

        assertThat(ids(list("published=false&tag=" + enc(tag), ann))).containsExactly(annsDraft);
        assertThat(ids(list("published=false&tag=" + enc(tag), admin))).containsExactly(bensDraft, annsDraft);
        assertThat(ids(list("published=false&tag=" + enc(tag)))).isEmpty();
    }

    @Test
    void publishedTrueLeavesOutTheCallersOwnDrafts() {
        ApiApp.Session author = API.signUp("vis");
        long shown = published(author, "shown");
        post(author, "mine", "draft", false, null);
        assertThat(ids(list("published=true&author_id=" + author.id(), author))).containsExactly(shown);
    }

    @Test
    void publishedThatIsNeitherTrueNorFalseIs400() {
        assertProblem(HTTP.get("/api/posts?published=maybe").send(), 400);
    }

    // --- full text

    @Test
    void searchRanksTitleMatchesAboveContentMatches() {
        ApiApp.Session author = API.signUp("fts");
        String w = word();
        long inTitle = post(author, "about " + w, "nothing else here", true, null);
        long inContent = post(author, "something", "a text that mentions " + w + " once", true, null);
        post(author, "unrelated", "no match at all", true, null);

        JsonNode page = list("q=" + enc(w));
        assertThat(ids(page)).containsExactly(inTitle, inContent);
        assertThat(page.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void searchWithTwoWordsNeedsBoth() {
        ApiApp.Session author = API.signUp("fts");
        String a = word();
        String b = word();
        long both = post(author, "t", a + " and " + b, true, null);
        post(author, "t", "only " + a, true, null);
        post(author, "t", "only " + b, true, null);
        assertThat(ids(list("q=" + enc(a + " " + b)))).containsExactly(both);
    }

    @Test
    void searchUnderstandsOr() {
        ApiApp.Session author = API.signUp("fts");
        String a = word();
        String b = word();
        long first = post(author, "t", "only " + a, true, null);
        long second = post(author, "t", "only " + b, true, null);
        post(author, "t", "neither", true, null);
        assertThat(ids(list("q=" + enc(a + " or " + b)))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void searchUnderstandsExclusionWithMinus() {
        ApiApp.Session author = API.signUp("fts");
        String a = word();
        String b = word();
        long kept = post(author, "t", "only " + a, true, null);
        post(author, "t", a + " with " + b, true, null);
        assertThat(ids(list("q=" + enc(a + " -" + b)))).containsExactly(kept);
    }

    @Test
    void searchUnderstandsQuotedPhrases() {
        ApiApp.Session author = API.signUp("fts");
        String a = word();
        String b = word();
        long phrase = post(author, "t", "here " + a + " " + b + " together", true, null);
        post(author, "t", b + " before " + a, true, null);
        assertThat(ids(list("q=" + enc("\"" + a + " " + b + "\"")))).containsExactly(phrase);
    }

    @Test
    void searchMatchesOtherFormsOfAnEnglishWord() {
        ApiApp.Session author = API.signUp("fts");
        String w = word();
        long post = post(author, w, "she was gardening all day", true, null);
        assertThat(ids(list("q=" + enc(w + " gardens")))).containsExactly(post);
    }

    @Test
    void searchDoesNotShowOtherPeoplesDrafts() {
        ApiApp.Session author = API.signUp("fts");
        String w = word();
        long shown = post(author, w, "x", true, null);
        post(author, w, "x", false, null);
        assertThat(ids(list("q=" + enc(w), reader))).containsExactly(shown);
    }

    // --- filters

    @Test
    void categoryIdListsOnlyThatCategory() {
        ApiApp.Session author = API.signUp("cat");
        long category = category();
        long inside = post(author, "in", "x", true, category);
        post(author, "out", "x", true, category());
        post(author, "none", "x", true, null);
        assertThat(ids(list("category_id=" + category))).containsExactly(inside);
    }

    @Test
    void tagMatchesIgnoringCase() {
        ApiApp.Session author = API.signUp("tag");
        String tag = ApiApp.unique("Machine Learning");
        long tagged = published(author, "tagged", tag);
        published(author, "untagged", ApiApp.unique("other"));
        assertThat(ids(list("tag=" + enc(tag.toUpperCase())))).containsExactly(tagged);
        assertThat(ids(list("tag=" + enc("  " + tag.toLowerCase() + " ")))).containsExactly(tagged);
    }

    @Test
    void tagTreatsLikeWildcardsAsPlainCharacters() {
        ApiApp.Session author = API.signUp("tag");
        String stem = ApiApp.unique("under");
        long exact = published(author, "exact", stem + "_x");
        published(author, "lookalike", stem + "ax");
        assertThat(ids(list("tag=" + enc(stem + "_x")))).containsExactly(exact);
    }

    @Test
    void authorIdListsOnlyThatAuthorsPosts() {
        String tag = ApiApp.unique("shared");
        ApiApp.Session ann = API.signUp("ann");
        ApiApp.Session ben = API.signUp("ben");
        long annsPost = published(ann, "ann's", tag);
        published(ben, "ben's", tag);
        assertThat(ids(list("tag=" + enc(tag) + "&author_id=" + ann.id()))).containsExactly(annsPost);
    }

    @Test
    void filtersCombine() {
        ApiApp.Session author = API.signUp("combo");
        String w = word();
        String tag = ApiApp.unique("combo");
        long category = category();
        long match = post(author, w, "x", true, category, tag);
        post(author, w, "x", true, category);               // no tag
        post(author, w, "x", true, null, tag);              // no category
        post(author, "other words", "x", true, category, tag); // no match for q
        post(API.signUp("else"), w, "x", true, category, tag); // another author
        assertThat(ids(list("q=" + enc(w) + "&category_id=" + category + "&tag=" + enc(tag) + "&author_id=" + author.id())))
                .containsExactly(match);
    }

    @Test
    void itemsEmbedAuthorCategoryAndTags() {
        ApiApp.Session author = API.signUp("embed");
        long category = category();
        String tag = ApiApp.unique("embedded");
        long id = post(author, "full", "x", true, category, tag, "second-" + tag);
        JsonNode item = list("author_id=" + author.id()).get("items").get(0);
        assertThat(item.get("id").asLong()).isEqualTo(id);
        assertThat(item.get("author").get("id").asLong()).isEqualTo(author.id());
        assertThat(item.get("author").get("username").asText()).isEqualTo(author.username());
        assertThat(item.get("category").get("id").asLong()).isEqualTo(category);
        assertThat(item.get("tags")).hasSize(2);
        assertThat(item).isEqualTo(HTTP.get("/api/posts/" + id).expect(200));
    }

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
            idOf.put(title, published(author, title));
        }
        List<Long> expected = Stream.of(listed.split(" ")).map(idOf::get).toList();
        assertThat(ids(list("author_id=" + author.id() + (sort == null ? "" : "&sort=" + sort)))).containsExactlyElementsOf(expected);
    }

    @Test
    void sortRelevanceListsBestMatchesFirst() {
        ApiApp.Session author = API.signUp("sort");
        String w = word();
        long weak = post(author, "t", "once " + w, true, null);
        long strong = post(author, w + " " + w, w + " " + w + " " + w, true, null);
        assertThat(ids(list("q=" + enc(w) + "&sort=relevance"))).containsExactly(strong, weak);
    }

    @Test
    void searchTextCanBeListedInAnotherOrder() {
        ApiApp.Session author = API.signUp("sort");
        String w = word();
        long first = post(author, "zzz " + w, "x", true, null);
        long second = post(author, "aaa", "x " + w, true, null);
        assertThat(ids(list("q=" + enc(w) + "&sort=oldest"))).containsExactly(first, second);
        assertThat(ids(list("q=" + enc(w) + "&sort=title"))).containsExactly(second, first);
    }

    @Test
    void sortRelevanceWithoutSearchTextIs422OnSort() {
        assertFields(assertProblem(HTTP.get("/api/posts?sort=relevance").send(), 422), "sort");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "NEWEST", "created_at", "p.id; DROP TABLE posts", ""})
    void anUnknownSortIs422OnSort(String sort) {
        assertFields(assertProblem(HTTP.get("/api/posts?sort=" + enc(sort)).send(), 422), "sort");
    }

    // --- offset pages

    @Test
    void pageAndPerPageSliceTheList() {
        ApiApp.Session author = API.signUp("page");
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, published(author, "p" + i));
        }
        JsonNode page = list("author_id=" + author.id() + "&page=2&per_page=2");
        assertThat(ids(page)).containsExactly(newestFirst.get(2), newestFirst.get(3));
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("pages").asLong()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("per_page").asInt()).isEqualTo(2);
        assertThat(ids(list("author_id=" + author.id() + "&page=3&per_page=2"))).containsExactly(newestFirst.get(4));
    }

    @Test
    void aPageBeyondTheLastIsEmptyButCounted() {
        ApiApp.Session author = API.signUp("page");
        published(author, "only");
        JsonNode page = list("author_id=" + author.id() + "&page=5");
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void perPageOf100IsAllowed() {
        assertThat(list("per_page=100").get("per_page").asInt()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource({"per_page=101, per_page", "per_page=0, per_page", "per_page=-5, per_page", "page=0, page",
            "page=-1, page", "page=10001, page"})
    void pagingOutOfBoundsIs422NamingTheParameter(String query, String field) {
        assertFields(assertProblem(HTTP.get("/api/posts?" + query).send(), 422), field);
    }

    // --- keyset cursors

    /** Seven posts of one author with repeated titles and equal ranks, so that only ids break ties. */
    private static String sevenPostsWithTies(String w) {
        ApiApp.Session author = API.signUp("walk");
        String[] titles = {"same", "same", w + " first", "same", "other", w + " second", "other"};
        for (String title : titles) {
            post(author, title, "body with " + w, true, null);
        }
        return "author_id=" + author.id();
    }

    private static String sortQuery(String sort, String w) {
        return "&sort=" + sort + (sort.equals("relevance") ? "&q=" + enc(w) : "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"newest", "oldest", "title", "relevance"})
    void walkingByNextCursorVisitsEveryMatchExactlyOnceInOrder(String sort) {
        String w = word();
        String query = sevenPostsWithTies(w) + sortQuery(sort, w);
        List<Long> expected = ids(list(query + "&per_page=100"));
        assertThat(expected).hasSize(7);

        JsonNode page = list(query + "&per_page=3");
        List<Long> walked = new ArrayList<>(ids(page));
        int pages = 1;
        while (!page.get("next_cursor").isNull()) {
            page = list(query + "&per_page=3&cursor=" + enc(page.get("next_cursor").asText()));
            assertThat(page.get("page").isNull()).as("a cursor page has no number").isTrue();
            assertThat(page.get("total").asLong()).isEqualTo(7);
            walked.addAll(ids(page));
            assertThat(++pages).as("pages walked").isLessThanOrEqualTo(3);
        }
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"newest", "oldest", "title", "relevance"})
    void walkingByTheLinkHeaderVisitsEveryMatchExactlyOnceInOrder(String sort) {
        String w = word();
        String query = sevenPostsWithTies(w) + sortQuery(sort, w);
        List<Long> expected = ids(list(query + "&per_page=100"));

        List<Long> walked = new ArrayList<>();
        String next = "/api/posts?" + query + "&per_page=2";
        for (int pages = 1; next != null; pages++) {
            assertThat(pages).as("pages walked").isLessThanOrEqualTo(4);
            try (Response r = HTTP.get(next).send()) {
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
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void walkingByCursorAsTheAuthorIncludesTheirDraftsOnce() {
        ApiApp.Session author = API.signUp("walk");
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            all.add(post(author, "p" + i, "x", i % 2 == 0, null));
        }
        List<Long> walked = new ArrayList<>();
        JsonNode page = list("author_id=" + author.id() + "&per_page=2", author);
        walked.addAll(ids(page));
        while (!page.get("next_cursor").isNull()) {
            page = list("author_id=" + author.id() + "&per_page=2&cursor=" + enc(page.get("next_cursor").asText()), author);
            walked.addAll(ids(page));
        }
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void theLastPageHasNoNextCursorAndNoLink() {
        ApiApp.Session author = API.signUp("last");
        published(author, "one");
        published(author, "two");
        try (Response r = HTTP.get("/api/posts?author_id=" + author.id() + "&per_page=2").send()) {
            assertThat(json(r).get("next_cursor").isNull()).isTrue();
            assertThat(r.getLink("next")).isNull();
        }
        try (Response r = HTTP.get("/api/posts?author_id=" + author.id() + "&per_page=1").send()) {
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
        assertFields(assertProblem(HTTP.get("/api/posts?cursor=" + enc(cursor)).send(), 422), "cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1|newest|1|not-a-time", "2|newest|1|2020-01-01T00:00Z", "1|bogus|1|x", "1|newest|abc|2020-01-01T00:00Z",
            "1|newest|99999999999999999999|2020-01-01T00:00Z", "1|relevance|1|not-a-number", "1|newest", ""})
    void aForgedCursorIs422OnCursor(String raw) {
        String sort = raw.contains("relevance") ? "&q=word&sort=relevance" : "";
        assertFields(assertProblem(HTTP.get("/api/posts?cursor=" + b64(raw) + sort).send(), 422), "cursor");
    }

    @Test
    void aCursorTogetherWithPageIs422OnCursor() {
        ApiApp.Session author = API.signUp("both");
        published(author, "one");
        published(author, "two");
        String cursor = list("author_id=" + author.id() + "&per_page=1").get("next_cursor").asText();
        assertFields(assertProblem(HTTP.get("/api/posts?author_id=" + author.id() + "&per_page=1&page=1&cursor=" + enc(cursor)).send(), 422),
                "cursor");
    }

    @Test
    void aCursorOfAnotherSortIs422OnCursor() {
        ApiApp.Session author = API.signUp("mixed");
        published(author, "one");
        published(author, "two");
        String cursor = list("author_id=" + author.id() + "&per_page=1").get("next_cursor").asText();
        assertFields(assertProblem(HTTP.get("/api/posts?author_id=" + author.id() + "&per_page=1&sort=title&cursor=" + enc(cursor)).send(), 422),
                "cursor");
    }
}
