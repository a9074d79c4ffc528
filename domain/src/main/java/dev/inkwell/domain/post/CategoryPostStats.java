package dev.inkwell.domain.post;

/** Published posts in one category and their average content length in characters. */
public record CategoryPostStats(long categoryId, String category, long postCount, double avgContentLength) {
}
