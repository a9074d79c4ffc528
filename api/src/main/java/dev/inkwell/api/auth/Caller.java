package dev.inkwell.api.auth;

import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.User;

import java.security.Principal;

/** The signed-in user making a request. */
public record Caller(User user) implements Principal {

    @Override
    public String getName() {
        return user.username();
    }

    public long id() {
        return user.id();
    }

    public boolean isAdmin() {
        return user.isAdmin();
    }

    /** May this caller change things owned by {@code ownerId}? Owners and admins may. */
    public boolean mayChange(long ownerId) {
        return isAdmin() || user.id() == ownerId;
    }

    /** Which unpublished posts the caller may read. */
    public Visibility visibility() {
        return isAdmin() ? Visibility.ALL : Visibility.ownedBy(user.id());
    }
}
