package dev.inkwell.domain.user;

import java.util.Locale;

/**
 * Why a one-time token to set a password was issued: an invitation for a user who has no
 * password yet (made by bulk creation), a reset for one who has. Both set the password the same
 * way; the kind says which the admin issued.
 */
public enum InvitationKind {
    INVITATION, RESET;

    /** The kind a user needs: {@code hasPassword} or not. */
    public static InvitationKind forUser(boolean hasPassword) {
        return hasPassword ? RESET : INVITATION;
    }

    /** The value stored in {@code invitations.kind} and shown on the wire. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
