package dev.inkwell.domain.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Text;

/**
 * A list or search of posts: every filter is optional (null = any). {@code q} is full-text
 * input in web-search syntax ("a b", "a or b", "-a", quoted phrases).
 */
public record PostQuery(String q, Long categoryId, String tag, Long authorId, Boolean published,
                        PostSort sort, Visibility visibility) {
    public static final int Q_MAX = 200;

    public PostQuery {
        if (q != null && q.isBlank()) {
            q = null;
        }
        if (q != null && q.length() > Q_MAX) {
            throw new InvalidException("q", "must be at most " + Q_MAX + " characters long");
        }
        if (q != null) {
            Text.plain("q", q);
        }
        if (sort == null) {
            sort = q == null ? PostSort.NEWEST : PostSort.RELEVANCE;
        }
        if (sort == PostSort.RELEVANCE && q == null) {
            throw new InvalidException("sort", "relevance needs a search text (q)");
        }
        if (visibility == null) {
            visibility = Visibility.PUBLIC;
        }
    }

    public static PostQuery all(Visibility visibility) {
        return new PostQuery(null, null, null, null, null, null, visibility);
    }
}
