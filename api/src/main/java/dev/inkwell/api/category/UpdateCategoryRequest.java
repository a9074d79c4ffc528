package dev.inkwell.api.category;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * {@code PATCH /api/categories/{id}}: any subset. {@code "parent_id": null} moves the category
 * to the root and {@code "description": null} clears the description; leaving a field out
 * keeps it. {@code name} and {@code slug} cannot be null (422). A class with setters rather
 * than a record because only setters can tell "null" from "absent".
 */
public final class UpdateCategoryRequest {
    private String name;
    private String slug;
    private String description;
    private boolean descriptionGiven;
    private Long parentId;
    private boolean parentIdGiven;

    public String getName() {
        return name;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
        this.descriptionGiven = true;
    }

    public Long getParentId() {
        return parentId;
    }

    public void setParentId(Long parentId) {
        this.parentId = parentId;
        this.parentIdGiven = true;
    }

    boolean descriptionGiven() {
        return descriptionGiven;
    }

    boolean parentIdGiven() {
        return parentIdGiven;
    }
}
