package dev.inkwell.domain.user;

import dev.inkwell.domain.Violations;

/**
 * A user to create, already validated and normalized. {@code passwordHash} is null for users
 * created in bulk, who cannot sign in until a password is set.
 */
public record NewUser(String username, String email, String passwordHash, Role role) {

    /** Validates every field at once and normalizes the e-mail address. */
    public static NewUser of(String username, String email, String passwordHash, Role role) {
        Violations v = new Violations();
        String name = v.collect(() -> Username.validate(username));
        String mail = v.collect(() -> Email.normalize(email));
        v.throwIfAny();
        return new NewUser(name, mail, passwordHash, role == null ? Role.USER : role);
    }
}
