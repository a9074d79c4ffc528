package dev.inkwell.api.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.user.User;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A user on the wire. Never a password or hash; the e-mail address only for the user themself
 * and admins.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserResponse(long id, String username, String email, String role, boolean isActive,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static UserResponse of(User user, Optional<Caller> viewer) {
        boolean private_ = viewer.map(c -> c.mayChange(user.id())).orElse(false);
        return new UserResponse(user.id(), user.username(), private_ ? user.email() : null, user.role().code(),
                user.active(), user.createdAt(), user.updatedAt());
    }
}
