package dev.inkwell.api.post;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code POST /api/posts/bulk-update}: the target ({@code ids} or {@code filter}) and what to
 * {@code set}. Any other field, here or inside {@code set}, is refused (422).
 */
public record BulkUpdateRequest(String requestId, List<Long> ids, Filter filter, Set set) {

    /** Posts matching every given field. */
    public record Filter(Long categoryId, String tag, Long authorId, Boolean published,
                         OffsetDateTime createdBefore, OffsetDateTime createdAfter) {
    }

    /** The allow-listed fields; {@code "category_id": null} removes the category, leaving it out keeps it. */
    public static final class Set {
        private Boolean published;
        private Long categoryId;
        private boolean categoryIdGiven;
        private List<String> addTags;
        private List<String> removeTags;

        public Boolean getPublished() {
            return published;
        }

        public void setPublished(Boolean published) {
            this.published = published;
        }

        public Long getCategoryId() {
            return categoryId;
        }

        public void setCategoryId(Long categoryId) {
            this.categoryId = categoryId;
            this.categoryIdGiven = true;
        }

        public List<String> getAddTags() {
            return addTags;
        }

        public void setAddTags(List<String> addTags) {
            this.addTags = addTags;
        }

        public List<String> getRemoveTags() {
            return removeTags;
        }

        public void setRemoveTags(List<String> removeTags) {
            this.removeTags = removeTags;
        }

        boolean categoryIdGiven() {
            return categoryIdGiven;
        }
    }
}
