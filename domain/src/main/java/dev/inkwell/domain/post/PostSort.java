package dev.inkwell.domain.post;

import dev.inkwell.domain.InvalidException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The orders a post list can have; each is total (ties broken by id) so pages are stable. */
public enum PostSort {
    /** Newest first by creation time. The default without a search text. */
    NEWEST,
    /** Oldest first by creation time. */
    OLDEST,
    /** Alphabetical by title. */
    TITLE,
    /** Best full-text match first; only with a search text, and its default. */
    RELEVANCE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PostSort fromCode(String code) {
        for (PostSort sort : values()) {
            if (sort.code().equals(code)) {
                return sort;
            }
        }
        throw new InvalidException("sort", "must be one of "
                + Arrays.stream(values()).map(PostSort::code).collect(Collectors.joining(", ")));
    }
}
