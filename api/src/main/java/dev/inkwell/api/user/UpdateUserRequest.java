package dev.inkwell.api.user;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * {@code PATCH /api/users/{id}}: any subset; {@code is_active} and {@code role} are for admins.
 * Changing one's own {@code password} needs {@code current_password}. Leaving a field out keeps
 * it; null is refused (422), none of these can be cleared. A class with setters rather than a
 * record because Jackson only tells "null" from "absent" through setters.
 */
public final class UpdateUserRequest {
    private String username;
    private String email;
    private String password;
    private String currentPassword;
    private Boolean isActive;
    private String role;

    public String username() {
        return username;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setUsername(String username) {
        this.username = username;
    }

    public String email() {
        return email;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setEmail(String email) {
        this.email = email;
    }

    public String password() {
        return password;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setPassword(String password) {
        this.password = password;
    }

    public String currentPassword() {
        return currentPassword;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public Boolean isActive() {
        return isActive;
    }

    @JsonSetter(value = "is_active", nulls = Nulls.FAIL)
    public void setIsActive(Boolean isActive) {
        this.isActive = isActive;
    }

    public String role() {
        return role;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setRole(String role) {
        this.role = role;
    }
}
