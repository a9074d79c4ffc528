package dev.inkwell.persistence.post;

/**
 * Where the statements that link a post to its tags find the tags it names: {@link #FROM} gives
 * the row {@code t (id, name)} of each existing tag whose lower-cased name is in the array
 * {@code :lowerNames} (distinct names: {@code TagName.normalizeAll} keeps one per lower-cased name).
 * These statements are prepared, and after five runs PostgreSQL plans them once for every array;
 * written as {@code lower(t.name) = ANY(:lowerNames)} that generic plan assumed ten names and, with
 * a few hundred tags, chose to read the whole table and lower every name, on every new post. One
 * index probe per name, written so (a lateral look-up of at most one row, which the unique index
 * on {@code lower(name)} answers), is the plan whatever the number of tags.
 */
final class TaggedNames {
    static final String FROM = " unnest(CAST(:lowerNames AS text[])) AS named(name)"
            + " CROSS JOIN LATERAL (SELECT tags.id, tags.name FROM tags WHERE lower(tags.name) = named.name LIMIT 1) t ";

    private TaggedNames() {
    }
}
