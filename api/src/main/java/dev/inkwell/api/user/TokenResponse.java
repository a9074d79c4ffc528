package dev.inkwell.api.user;

import java.time.OffsetDateTime;

/** A new bearer token, shown only this once. */
public record TokenResponse(String token, OffsetDateTime expiresAt) {
}
