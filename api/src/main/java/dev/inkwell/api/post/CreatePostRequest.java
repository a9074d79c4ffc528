package dev.inkwell.api.post;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code POST /api/posts}: the author is the caller; tags are names, created on first use;
 * {@code publish_at} schedules a draft's publishing.
 */
public record CreatePostRequest(String title, String content, Long categoryId, List<String> tags, Boolean published,
                                OffsetDateTime publishAt) {
}
