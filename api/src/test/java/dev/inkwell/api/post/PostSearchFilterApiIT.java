package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.inkwell.api.JsonHttp.enc;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.post.PostSearchFixture.ids;
import static dev.inkwell.api.post.PostSearchFixture.word;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/posts end to end, which posts a list holds: drafts only for their author and admins,
 * full-text search (ranking, several words, or, minus, phrases, English word forms), the
 * category, tag and author filters alone and combined, and what each item embeds. Each test
 * isolates its posts by a fresh author, a fresh tag or made-up words, since the database is
 * shared by the class. Sorts and pages: {@link PostSearchPagingApiIT}, {@link PostSearchCursorApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostSearchFilterApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final PostSearchFixture POSTS = new PostSearchFixture(API);

    private static long category() {
        return API.category("Cat").get("id").asLong();
    }

    // --- visibility

    /** A draft is listed to its author and to admins only; anyone else lists the published post alone. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"an anonymous reader, false", "the author, true", "another user, false", "an admin, true"})
    void draftsAreListedOnlyToTheirAuthorAndToAdmins(String viewer, boolean listsTheDraft) {
        ApiApp.Session author = API.signUp("vis");
        long shown = POSTS.published(author, "shown");
        long draft = POSTS.post(author, "hidden", "draft", false, null);
        ApiApp.Session as = switch (viewer) {
            case "an anonymous reader" -> null;
            case "the author" -> author;
            case "another user" -> POSTS.reader();
            case "an admin" -> API.sharedAdmin();
            default -> throw new IllegalArgumentException(viewer);
        };
        JsonNode page = POSTS.list("author_id=" + author.id(), as);
        assertThat(ids(page)).containsExactlyElementsOf(listsTheDraft ? List.of(draft, shown) : List.of(shown));
        assertThat(page.get("total").asLong()).isEqualTo(listsTheDraft ? 2 : 1);
    }

    @Test
    void publishedFalseListsOnlyTheDraftsTheCallerMaySee() {
        String tag = ApiApp.unique("drafts");
        ApiApp.Session ann = API.signUp("ann");
        ApiApp.Session ben = API.signUp("ben");
        long annsDraft = POSTS.post(ann, "a", "draft", false, null, tag);
        long bensDraft = POSTS.post(ben, "b", "draft", false, null, tag);
        POSTS.published(ann, "public", tag);

        assertThat(ids(POSTS.list("published=false&tag=" + enc(tag), ann))).containsExactly(annsDraft);
        assertThat(ids(POSTS.list("published=false&tag=" + enc(tag), API.sharedAdmin()))).containsExactly(bensDraft, annsDraft);
        assertThat(ids(POSTS.list("published=false&tag=" + enc(tag)))).isEmpty();
    }

    @Test
    void publishedTrueLeavesOutTheCallersOwnDrafts() {
        ApiApp.Session author = API.signUp("vis");
        long shown = POSTS.published(author, "shown");
        POSTS.post(author, "mine", "draft", false, null);
        assertThat(ids(POSTS.list("published=true&author_id=" + author.id(), author))).containsExactly(shown);
    }

    @Test
    void publishedThatIsNeitherTrueNorFalseIs400() {
        assertProblem(POSTS.http.get("/api/posts?published=maybe").send(), 400);
    }

    // --- full text

    @Test
    void searchRanksTitleMatchesAboveContentMatches() {
        ApiApp.Session author = API.signUp("fts");
        String w = word();
        long inTitle = POSTS.post(author, "about " + w, "nothing else here", true, null);
        long inContent = POSTS.post(author, "something", "a text that mentions " + w + " once", true, null);
        POSTS.post(author, "unrelated", "no match at all", true, null);

        JsonNode page = POSTS.list("q=" + enc(w));
        assertThat(ids(page)).containsExactly(inTitle, inContent);
        assertThat(page.get("total").asLong()).isEqualTo(2);
    }

    /**
     * The search text's operators: a query and the contents of a fresh author's posts, with A and B
     * standing for two made-up words; the posts marked * are the ones listed.
     */
    static Stream<Arguments> searchOperators() {
        return Stream.of(
                Arguments.of("two words need both", "A B", List.of("A and B*", "only A", "only B")),
                Arguments.of("or", "A or B", List.of("only A*", "only B*", "neither")),
                Arguments.of("minus excludes", "A -B", List.of("only A*", "A with B")),
                Arguments.of("quotes make a phrase", "\"A B\"", List.of("here A B together*", "B before A")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchOperators")
    void searchUnderstandsItsOperators(String operator, String query, List<String> contents) {
        ApiApp.Session author = API.signUp("fts");
        String a = word();
        String b = word();
        List<Long> listed = new ArrayList<>();
        for (String content : contents) {
            long id = POSTS.post(author, "t", content.replace("*", "").replace("A", a).replace("B", b), true, null);
            if (content.endsWith("*")) {
                listed.add(id);
            }
        }
        assertThat(ids(POSTS.list("q=" + enc(query.replace("A", a).replace("B", b))))).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void searchMatchesOtherFormsOfAnEnglishWord() {
        ApiApp.Session author = API.signUp("fts");
        String w = word();
        long post = POSTS.post(author, w, "she was gardening all day", true, null);
        assertThat(ids(POSTS.list("q=" + enc(w + " gardens")))).containsExactly(post);
    }

    @Test
    void searchDoesNotShowOtherPeoplesDrafts() {
        ApiApp.Session author = API.signUp("fts");
        String w = word();
        long shown = POSTS.post(author, w, "x", true, null);
        POSTS.post(author, w, "x", false, null);
        assertThat(ids(POSTS.list("q=" + enc(w), POSTS.reader()))).containsExactly(shown);
    }

    // --- filters

    @Test
    void categoryIdListsOnlyThatCategory() {
        ApiApp.Session author = API.signUp("cat");
        long category = category();
        long inside = POSTS.post(author, "in", "x", true, category);
        POSTS.post(author, "out", "x", true, category());
        POSTS.post(author, "none", "x", true, null);
        assertThat(ids(POSTS.list("category_id=" + category))).containsExactly(inside);
    }

    @Test
    void tagMatchesIgnoringCase() {
        ApiApp.Session author = API.signUp("tag");
        String tag = ApiApp.unique("Machine Learning");
        long tagged = POSTS.published(author, "tagged", tag);
        POSTS.published(author, "untagged", ApiApp.unique("other"));
        assertThat(ids(POSTS.list("tag=" + enc(tag.toUpperCase())))).containsExactly(tagged);
        assertThat(ids(POSTS.list("tag=" + enc("  " + tag.toLowerCase() + " ")))).containsExactly(tagged);
    }

    @Test
    void tagTreatsLikeWildcardsAsPlainCharacters() {
        ApiApp.Session author = API.signUp("tag");
        String stem = ApiApp.unique("under");
        long exact = POSTS.published(author, "exact", stem + "_x");
        POSTS.published(author, "lookalike", stem + "ax");
        assertThat(ids(POSTS.list("tag=" + enc(stem + "_x")))).containsExactly(exact);
    }

    @Test
    void authorIdListsOnlyThatAuthorsPosts() {
        String tag = ApiApp.unique("shared");
        ApiApp.Session ann = API.signUp("ann");
        ApiApp.Session ben = API.signUp("ben");
        long annsPost = POSTS.published(ann, "ann's", tag);
        POSTS.published(ben, "ben's", tag);
        assertThat(ids(POSTS.list("tag=" + enc(tag) + "&author_id=" + ann.id()))).containsExactly(annsPost);
    }

    @Test
    void filtersCombine() {
        ApiApp.Session author = API.signUp("combo");
        String w = word();
        String tag = ApiApp.unique("combo");
        long category = category();
        long match = POSTS.post(author, w, "x", true, category, tag);
        POSTS.post(author, w, "x", true, category);               // no tag
        POSTS.post(author, w, "x", true, null, tag);              // no category
        POSTS.post(author, "other words", "x", true, category, tag); // no match for q
        POSTS.post(API.signUp("else"), w, "x", true, category, tag); // another author
        assertThat(ids(POSTS.list("q=" + enc(w) + "&category_id=" + category + "&tag=" + enc(tag) + "&author_id=" + author.id())))
                .containsExactly(match);
    }

    @Test
    void itemsEmbedAuthorCategoryAndTags() {
        ApiApp.Session author = API.signUp("embed");
        long category = category();
        String tag = ApiApp.unique("embedded");
        long id = POSTS.post(author, "full", "x", true, category, tag, "second-" + tag);
        JsonNode item = POSTS.list("author_id=" + author.id()).get("items").get(0);
        assertThat(item.get("id").asLong()).isEqualTo(id);
        assertThat(item.get("author").get("id").asLong()).isEqualTo(author.id());
        assertThat(item.get("author").get("username").asText()).isEqualTo(author.username());
        assertThat(item.get("category").get("id").asLong()).isEqualTo(category);
        assertThat(item.get("tags")).hasSize(2);
        assertThat(item).isEqualTo(POSTS.http.get("/api/posts/" + id).expect(200));
    }
}
