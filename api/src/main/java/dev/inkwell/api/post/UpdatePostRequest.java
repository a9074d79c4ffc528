package dev.inkwell.api.post;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code PATCH /api/posts/{id}}: any subset; {@code tags} replaces the set; {@code
 * "category_id": null} removes the category while leaving it out keeps it, and {@code
 * "publish_at": null} cancels a schedule. Null for any other field is refused (422): none of
 * them can be cleared. A class with setters rather than a
 * record because only setters can tell "null" from "absent".
 */
public final class UpdatePostRequest {
    private String title;
    private String content;
    private Long categoryId;
    private boolean categoryIdGiven;
    private List<String> tags;
    private Boolean published;
    private String slug;
    private OffsetDateTime publishAt;
    private boolean publishAtGiven;

    public String getTitle() {
        return title;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setTitle(String title) {
        this.title = title;
    }

    public String getContent() {
        return content;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setContent(String content) {
        this.content = content;
    }

    public Long getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(Long categoryId) {
        this.categoryId = categoryId;
        this.categoryIdGiven = true;
    }

    public List<String> getTags() {
        return tags;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Boolean getPublished() {
        return published;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setPublished(Boolean published) {
        this.published = published;
    }

    boolean categoryIdGiven() {
        return categoryIdGiven;
    }

    public String getSlug() {
        return slug;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setSlug(String slug) {
        this.slug = slug;
    }

    public OffsetDateTime getPublishAt() {
        return publishAt;
    }

    public void setPublishAt(OffsetDateTime publishAt) {
        this.publishAt = publishAt;
        this.publishAtGiven = true;
    }

    boolean publishAtGiven() {
        return publishAtGiven;
    }
}
