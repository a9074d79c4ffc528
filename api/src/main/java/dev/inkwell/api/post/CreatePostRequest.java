package dev.inkwell.api.post;

import java.util.List;

/** {@code POST /api/posts}: the author is the caller; tags are names, created on first use. */
public record CreatePostRequest(String title, String content, Long categoryId, List<String> tags, Boolean published) {
}
