package dev.inkwell.api.comment;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * {@code PATCH /api/posts/{id}/comments/{commentId}}: a new {@code body} (its author, within the
 * edit window) and/or {@code hidden} (the post's author or an admin). Null for either is refused
 * (422). A class with setters rather than a record because only setters tell "null" from "absent".
 */
public final class UpdateCommentRequest {
    private String body;
    private Boolean hidden;

    public String body() {
        return body;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setBody(String body) {
        this.body = body;
    }

    public Boolean hidden() {
        return hidden;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setHidden(Boolean hidden) {
        this.hidden = hidden;
    }
}
