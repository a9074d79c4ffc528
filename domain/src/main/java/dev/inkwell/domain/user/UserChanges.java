package dev.inkwell.domain.user;

import dev.inkwell.domain.Violations;

/** A partial update of a user: a null field stays as it is. */
public record UserChanges(String username, String email, String passwordHash, Boolean active, Role role) {

    public static UserChanges of(String username, String email, String passwordHash, Boolean active, Role role) {
        Violations v = new Violations();
        String name = username == null ? null : v.collect(() -> Username.validate(username));
        String mail = email == null ? null : v.collect(() -> Email.normalize(email));
        v.throwIfAny();
        return new UserChanges(name, mail, passwordHash, active, role);
    }

    public boolean isEmpty() {
        return username == null && email == null && passwordHash == null && active == null && role == null;
    }
}
