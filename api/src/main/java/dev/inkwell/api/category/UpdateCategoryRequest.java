package dev.inkwell.api.category;

/**
 * {@code PATCH /api/categories/{id}}: any subset. {@code "parent_id": null} moves the category
 * to the root; leaving {@code parent_id} out keeps its parent. A class with setters rather than
 * a record because only setters can tell "null" from "absent".
 */
public final class UpdateCategoryRequest {
    private String name;
    private String slug;
    private String description;
    private Long parentId;
    private boolean parentIdGiven;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Long getParentId() {
        return parentId;
    }

    public void setParentId(Long parentId) {
        this.parentId = parentId;
        this.parentIdGiven = true;
    }

    boolean parentIdGiven() {
        return parentIdGiven;
    }
}
