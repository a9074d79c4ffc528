package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.persistence.Estimates.Total;

import java.util.List;
import java.util.function.Function;

/**
 * A page of post keys from the rows a statement returned: each page statement asks for one row
 * more than the page holds, and that row, if it came, says a next page exists, whose cursor
 * follows the page's last row. One home for that rule, for every sort ({@link PostSearch},
 * {@link PostRanking}).
 */
final class PostPages {
    private PostPages() {
    }

    /**
     * The first {@code perPage} of {@code rows} (each {@code R} carrying a {@link PostKey}), with a
     * next cursor ({@code cursorAfter} of the last row shown) when there were more.
     */
    static <R> Page<PostKey> of(List<R> rows, Function<R, PostKey> key, Total total, Integer page, int perPage,
                                Function<R, PostCursor> cursorAfter) {
        boolean more = rows.size() > perPage;
        List<R> shown = more ? rows.subList(0, perPage) : rows;
        String next = more ? cursorAfter.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(key).toList(), total.rows(), total.exact(), page, perPage, next);
    }
}
