package dev.inkwell.domain;

import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostSort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table cursors: opaque, decoded only by the list they were issued for, never as a post's cursor or the other way round. */
class TableCursorTest {

    @Test
    void aCursorDecodesToItselfForItsOwnList() {
        TableCursor tags = new TableCursor("tags", 42, "c++ | c# straße");
        assertThat(tags.encode()).matches("[A-Za-z0-9_-]+");
        assertThat(TableCursor.decode(tags.encode(), "tags")).isEqualTo(tags);
        TableCursor users = new TableCursor("users", Long.MAX_VALUE, null);
        assertThat(TableCursor.decode(users.encode(), "users")).isEqualTo(users);
    }

    @Test
    void anotherListsCursorIsRefusedNamingCursor() {
        String tags = new TableCursor("tags", 1, "java").encode();
        assertThatThrownBy(() -> TableCursor.decode(tags, "categories")).isInstanceOf(InvalidException.class)
                .satisfies(e -> assertThat(((InvalidException) e).errors()).extracting(FieldError::field).containsExactly("cursor"));
    }

    @Test
    void postAndTableCursorsNeverDecodeAsEachOther() {
        String post = new PostCursor(PostSort.TITLE, 1, "tags").encode();
        assertThatThrownBy(() -> TableCursor.decode(post, "tags")).isInstanceOf(InvalidException.class);
        String table = new TableCursor("tags", 1, "java").encode();
        assertThatThrownBy(() -> PostCursor.decode(table)).isInstanceOf(InvalidException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage!", "dDF8dGFncw", "dDF8dGFnc3x4fGE", "dDJ8dGFnc3wxfGE", "===="})
    void whatTheServerDidNotIssueIsRefused(String cursor) {
        assertThatThrownBy(() -> TableCursor.decode(cursor, "tags")).isInstanceOf(InvalidException.class);
    }
}
