package dev.inkwell.api.user;

/** {@code POST /api/invitations/accept}: the invitation's token and the password to set. */
public record AcceptInvitationRequest(String token, String password) {
}
