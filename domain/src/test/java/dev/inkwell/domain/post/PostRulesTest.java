package dev.inkwell.domain.post;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostRulesTest {

    @Test
    void titleIsOneTo200Characters() {
        assertThat(NewPost.of(1, null, "t".repeat(200), "", false, null).title()).hasSize(200);
        assertThatThrownBy(() -> NewPost.of(1, null, "t".repeat(201), "", false, null)).isInstanceOf(InvalidException.class);
        assertThatThrownBy(() -> NewPost.of(1, null, "  ", "", false, null)).isInstanceOf(InvalidException.class);
        assertThatThrownBy(() -> NewPost.of(1, null, null, "", false, null)).isInstanceOf(InvalidException.class);
    }

    @Test
    void titleLengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(200);
        assertThat(NewPost.of(1, null, emoji, "", false, null).title()).isEqualTo(emoji);
    }

    @Test
    void contentIsAtMost100000Characters() {
        assertThat(NewPost.of(1, null, "t", "c".repeat(100_000), false, null).content()).hasSize(100_000);
        assertThatThrownBy(() -> NewPost.of(1, null, "t", "c".repeat(100_001), false, null))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("content"));
    }

    @Test
    void newPostNormalizesTags() {
        assertThat(NewPost.of(1, null, "t", "c", true, List.of(" Java ", "java")).tags()).containsExactly("Java");
    }

    @Test
    void changesValidateOnlyWhatIsGiven() {
        PostChanges changes = PostChanges.of(null, null, false, null, true, null);
        assertThat(changes.title()).isNull();
        assertThat(changes.published()).isTrue();
        assertThatThrownBy(() -> PostChanges.of("", null, false, null, null, null)).isInstanceOf(InvalidException.class);
    }

    @Test
    void sortDefaultsToRelevanceOnlyWithSearchText() {
        assertThat(new PostQuery(null, null, null, null, null, null, null).sort()).isEqualTo(PostSort.NEWEST);
        assertThat(new PostQuery("java", null, null, null, null, null, null).sort()).isEqualTo(PostSort.RELEVANCE);
        assertThat(new PostQuery("  ", null, null, null, null, null, null).q()).isNull();
        assertThatThrownBy(() -> new PostQuery(null, null, null, null, null, PostSort.RELEVANCE, null))
                .isInstanceOf(InvalidException.class);
    }

    @Test
    void unknownSortIsInvalid() {
        assertThatThrownBy(() -> PostSort.fromCode("id; drop table posts")).isInstanceOf(InvalidException.class);
    }

    @Test
    void cursorRoundTripsAndRejectsForgeries() {
        PostCursor cursor = new PostCursor(PostSort.TITLE, 42, "a|title|with pipes");
        assertThat(PostCursor.decode(cursor.encode())).isEqualTo(cursor);
        for (String bad : List.of("", "!!!", "bm90IGEgY3Vyc29y", new PostCursor(PostSort.NEWEST, 1, "k").encode().substring(2))) {
            assertThatThrownBy(() -> PostCursor.decode(bad)).isInstanceOf(InvalidException.class);
        }
    }

    @Test
    void pageRequestIsBounded() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(1, 20));
        assertThat(new PageRequest(3, 10).offset()).isEqualTo(20);
        assertThatThrownBy(() -> PageRequest.of(0, 101))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("page", "per_page"));
    }

    @Test
    void pagesRoundUp() {
        assertThat(new Page<>(List.of(), 41, 1, 20, null).pages()).isEqualTo(3);
        assertThat(new Page<>(List.of(), 0, 1, 20, null).pages()).isZero();
    }

    @Test
    void aTitlesSlugIsItsAsciiWordsBoundedOrPostWhenNoneAreLeft() {
        assertThat(PostRules.slugOf("Crème Brûlée: 10 Tips!")).isEqualTo("creme-brulee-10-tips");
        assertThat(PostRules.slugOf("!!! ???")).isEqualTo(PostRules.UNTITLED_SLUG);
        String longest = PostRules.slugOf("word ".repeat(60));
        assertThat(longest.length()).isLessThanOrEqualTo(PostRules.SLUG_WORDS_MAX);
        assertThat(longest).doesNotEndWith("-");
        assertThat(NewPost.of(1, null, "Hello World", "", false, null).slugWords()).isEqualTo("hello-world");
    }

    @Test
    void aNewSlugMustBeLowerCaseWordsJoinedByHyphens() {
        assertThat(PostChanges.of(null, null, false, null, null, null, "a-b-1", false, null).slug()).isEqualTo("a-b-1");
        for (String bad : List.of("", "A", "a--b", "-a", "a-", "a b", "é", "x".repeat(101))) {
            assertThatThrownBy(() -> PostChanges.of(null, null, false, null, null, null, bad, false, null))
                    .as(bad).isInstanceOf(InvalidException.class)
                    .satisfies(e -> assertThat(((InvalidException) e).errors()).extracting(FieldError::field).containsExactly("slug"));
        }
    }

    @Test
    void aScheduleIsATimeInTheFutureForADraft() {
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5);
        assertThat(NewPost.of(1, null, "t", "", null, null, soon).publishAt()).isEqualTo(soon);
        assertThat(NewPost.of(1, null, "t", "", null, null, soon).published()).isFalse();
        assertThat(PostChanges.of(null, null, false, null, false, null, null, true, soon).publishAt()).isEqualTo(soon);
        assertThat(PostChanges.of(null, null, false, null, null, null, null, true, null).publishAtChanged()).isTrue();
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        for (Runnable refused : List.<Runnable>of(
                () -> NewPost.of(1, null, "t", "", null, null, past),
                () -> NewPost.of(1, null, "t", "", true, null, soon),
                () -> PostChanges.of(null, null, false, null, null, null, null, true, past),
                () -> PostChanges.of(null, null, false, null, true, null, null, true, soon))) {
            assertThatThrownBy(refused::run).isInstanceOf(InvalidException.class)
                    .satisfies(e -> assertThat(((InvalidException) e).errors()).extracting(FieldError::field).containsExactly("publish_at"));
        }
    }
}
