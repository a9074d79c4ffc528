package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.inkwell.persistence.post.PostSearchFixture.query;
import static dev.inkwell.persistence.post.PostSearchFixture.titles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which posts a search of the database holds: drafts only for their author and admins, the
 * category, tag, author and published filters alone and combined, a tag's LIKE wildcards taken
 * literally, and full-text search (stems, title matches first, web search syntax) of text that
 * is only ever text. Pages and cursors: {@link PostSearchPagingIT}; the ranking of many matches
 * in blocks: {@link PostSearchRankingIT}.
 */
class PostSearchMatchesIT {
    @RegisterExtension
    final PostSearchFixture blog = new PostSearchFixture();

    @Test
    void anonymousReadersSeeOnlyPublishedPostsNewestFirst() {
        blog.post(blog.ann, blog.cooking, "first", "x", true);
        blog.post(blog.ann, blog.cooking, "draft", "x", false);
        blog.post(blog.ben, blog.travel, "second", "x", true);
        Page<Post> page = blog.search(PostQuery.all(Visibility.PUBLIC));
        assertThat(titles(page)).containsExactly("second", "first");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void authorsAlsoSeeTheirOwnDraftsAndAdminsSeeAll() {
        blog.post(blog.ann, blog.cooking, "ann draft", "x", false);
        blog.post(blog.ben, blog.cooking, "ben draft", "x", false);
        blog.post(blog.ben, blog.cooking, "public", "x", true);
        assertThat(titles(blog.search(PostQuery.all(Visibility.ownedBy(blog.ann.id()))))).containsExactlyInAnyOrder("ann draft", "public");
        assertThat(titles(blog.search(PostQuery.all(Visibility.ALL)))).containsExactlyInAnyOrder("ann draft", "ben draft", "public");
    }

    @Test
    void filtersCombine() {
        blog.post(blog.ann, blog.cooking, "ann cooking soup", "x", true, "soup");
        blog.post(blog.ann, blog.travel, "ann travel", "x", true, "soup");
        blog.post(blog.ben, blog.cooking, "ben cooking soup", "x", true, "Soup");
        blog.post(blog.ben, blog.cooking, "ben cooking bread", "x", true, "bread");
        assertThat(titles(blog.search(query(null, blog.cooking.id(), null, null, null, null, Visibility.PUBLIC))))
                .containsExactlyInAnyOrder("ann cooking soup", "ben cooking soup", "ben cooking bread");
        assertThat(titles(blog.search(query(null, blog.cooking.id(), "SOUP", blog.ben.id(), null, null, Visibility.PUBLIC))))
                .containsExactly("ben cooking soup");
        assertThat(blog.search(query(null, null, "soup", null, null, null, Visibility.PUBLIC)).total()).isEqualTo(3);
    }

    @Test
    void publishedFilterForAdmins() {
        blog.post(blog.ann, null, "pub", "x", true);
        blog.post(blog.ann, null, "unpub", "x", false);
        assertThat(titles(blog.search(query(null, null, null, null, false, null, Visibility.ALL)))).containsExactly("unpub");
        assertThat(titles(blog.search(query(null, null, null, null, true, null, Visibility.ALL)))).containsExactly("pub");
    }

    @Test
    void fullTextSearchRanksTitleMatchesFirstAndStems() {
        blog.post(blog.ann, null, "Weekend notes", "we went hiking in the mountains", true);
        blog.post(blog.ann, null, "Hiking boots", "a review", true);
        blog.post(blog.ann, null, "Bread", "flour and water", true);
        Page<Post> page = blog.search(query("hike", null, null, null, null, null, Visibility.PUBLIC));
        assertThat(titles(page)).containsExactly("Hiking boots", "Weekend notes");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void fullTextSearchUnderstandsWebSearchSyntax() {
        blog.post(blog.ann, null, "ripe apples and pears", "fruit", true);
        blog.post(blog.ann, null, "apples ripe", "fruit", true);
        assertThat(titles(blog.search(query("apples -pears", null, null, null, null, null, Visibility.PUBLIC)))).containsExactly("apples ripe");
        assertThat(titles(blog.search(query("\"ripe apples\"", null, null, null, null, null, Visibility.PUBLIC)))).containsExactly("ripe apples and pears");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'; DROP TABLE posts; --", "a & | ! (", ":*", "\\", "%_%", "\"unclosed"})
    void hostileSearchTextIsJustText(String q) {
        blog.post(blog.ann, null, "safe", "content", true);
        assertThat(blog.search(query(q, null, null, null, null, null, Visibility.PUBLIC)).total()).isZero();
        assertThat(blog.search(PostQuery.all(Visibility.PUBLIC)).total()).isEqualTo(1);
    }

    @Test
    void searchTextWithNulCharacterIsInvalidInput() {
        assertThatThrownBy(() -> blog.search(query("nul\u0000byte", null, null, null, null, null, Visibility.PUBLIC)))
                .isInstanceOf(InvalidException.class);
    }

    @Test
    void tagFilterTreatsLikeWildcardsLiterally() {
        blog.post(blog.ann, null, "underscore", "x", true, "c_d");
        blog.post(blog.ann, null, "other", "x", true, "cxd");
        assertThat(titles(blog.search(query(null, null, "c_d", null, null, null, Visibility.PUBLIC)))).containsExactly("underscore");
        assertThat(titles(blog.search(query(null, null, "c%", null, null, null, Visibility.PUBLIC)))).isEmpty();
    }
}
