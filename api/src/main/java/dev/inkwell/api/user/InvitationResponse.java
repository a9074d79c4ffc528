package dev.inkwell.api.user;

import dev.inkwell.api.auth.Invitations;

import java.time.OffsetDateTime;

/** A new invitation or reset: the token is shown only this once. */
public record InvitationResponse(long userId, String kind, String token, OffsetDateTime expiresAt) {

    static InvitationResponse of(long userId, Invitations.Issued issued) {
        return new InvitationResponse(userId, issued.kind().code(), issued.token(), issued.expiresAt());
    }
}
