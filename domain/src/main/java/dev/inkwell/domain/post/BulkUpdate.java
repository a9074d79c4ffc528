package dev.inkwell.domain.post;

import dev.inkwell.domain.Text;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.tag.TagName;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A bulk update of posts as asked: its target (a list of post ids, or a filter) and the change,
 * which can only set the allow-listed fields. {@code id} is also the id of its job.
 */
public record BulkUpdate(UUID id, long ownerId, String requestId, List<Long> postIds, Filter filter, Change change) {

    public static final int MAX_IDS = 100_000;
    public static final int MAX_REQUEST_ID = 100;

    /** Which posts, when no ids are given: every post that matches all the set fields. */
    public record Filter(Long categoryId, String tag, Long authorId, Boolean published,
                         OffsetDateTime createdBefore, OffsetDateTime createdAfter) {
    }

    /**
     * What to set: {@code published}, the category ({@code categoryChanged}; {@code categoryId}
     * null removes it), tags added and removed (names, created on first use).
     */
    public record Change(Boolean published, boolean categoryChanged, Long categoryId,
                         List<String> addTags, List<String> removeTags) {
    }

    /** Checks every rule at once; ids are de-duplicated, tag names normalized. */
    public static BulkUpdate of(UUID id, long ownerId, String requestId, List<Long> postIds, Filter filter, Change change) {
        Violations v = new Violations();
        if (requestId != null) {
            v.check(!requestId.isBlank() && requestId.length() <= MAX_REQUEST_ID, "request_id",
                    "must be 1 to " + MAX_REQUEST_ID + " characters long");
            v.collect(() -> Text.plain("request_id", requestId));
        }
        v.check((postIds == null) != (filter == null), "ids", "give either ids or filter, not both and not neither");
        List<Long> ids = null;
        if (postIds != null) {
            v.check(!postIds.isEmpty() && postIds.size() <= MAX_IDS, "ids", "must name 1 to " + MAX_IDS + " posts");
            v.check(postIds.stream().allMatch(i -> i != null && i > 0), "ids", "must be positive post ids");
            ids = postIds.stream().filter(i -> i != null).distinct().toList();
        }
        if (filter != null && filter.createdBefore() != null && filter.createdAfter() != null) {
            v.check(filter.createdAfter().isBefore(filter.createdBefore()), "filter.created_after", "must be before created_before");
        }
        Filter where = filter;
        if (filter != null && filter.tag() != null) {
            String raw = filter.tag();
            String tag = v.collect(() -> TagName.normalize("filter.tag", raw));
            where = new Filter(filter.categoryId(), tag, filter.authorId(), filter.published(), filter.createdBefore(), filter.createdAfter());
        }
        Change normalized = null;
        if (change == null) {
            v.add("set", "is required");
        } else {
            List<String> add = change.addTags() == null ? List.of() : v.collect(() -> TagName.normalizeAll("set.add_tags", change.addTags()));
            List<String> remove = change.removeTags() == null ? List.of() : v.collect(() -> TagName.normalizeAll("set.remove_tags", change.removeTags()));
            if (add != null && remove != null) {
                Set<String> both = lower(add);
                both.retainAll(lower(remove));
                v.check(both.isEmpty(), "set.remove_tags", "must not repeat a tag of add_tags: " + String.join(", ", both));
                v.check(change.published() != null || change.categoryChanged() || !add.isEmpty() || !remove.isEmpty(),
                        "set", "must change at least one of published, category_id, add_tags, remove_tags");
                normalized = new Change(change.published(), change.categoryChanged(), change.categoryId(), add, remove);
            }
        }
        v.throwIfAny();
        return new BulkUpdate(id, ownerId, requestId, ids, where, normalized);
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
