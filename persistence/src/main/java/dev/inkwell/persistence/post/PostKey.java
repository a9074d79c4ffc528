package dev.inkwell.persistence.post;

import java.time.OffsetDateTime;

/**
 * A post on a list or search page, as the page's statement found it: its id and version (a
 * cached copy of another version is not used), and what the page's cursor is made of (the
 * creation time, the title, the full-text rank, 0 without a search text).
 */
public record PostKey(long id, long version, OffsetDateTime createdAt, String title, float rank) {
}
