package dev.inkwell.api.auth;

import dev.inkwell.domain.user.InvitationKind;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.user.InvitationDao;
import dev.inkwell.persistence.user.UserWrites;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Invitations and password resets: one-time tokens made and hashed as bearer tokens are
 * ({@link Tokens}), with a prefix of their own ("iwi_") so that neither passes for the other.
 * The token is shown once, to the admin who issued it; the database keeps its SHA-256.
 */
public final class Invitations {
    static final String PREFIX = "iwi_";
    /** Longer is no token of ours: refused without hashing or a database lookup. */
    private static final int MAX_LENGTH = 100;

    private final InvitationDao dao;
    private final UserWrites writes;
    private final Duration ttl;

    public Invitations(Jdbi jdbi, UserWrites writes, Duration ttl) {
        this.dao = jdbi.onDemand(InvitationDao.class);
        this.writes = writes;
        this.ttl = ttl;
    }

    /**
     * A new invitation of {@code userId} (a reset if they have a password), replacing their pending
     * one; empty when there is no such user. See {@link InvitationDao#issue}.
     */
    public Optional<Issued> issue(long userId, long issuedBy) {
        Tokens.Issued fresh = Tokens.fresh(PREFIX, ttl);
        return dao.issue(userId, issuedBy, Tokens.sha256(fresh.token()), fresh.expiresAt())
                .map(kind -> new Issued(kind, fresh.token(), fresh.expiresAt()));
    }

    /**
     * Whether {@code token} may still set a password: one indexed lookup, checked before the
     * password is hashed, so that unknown tokens cost no Argon2id. {@link #accept} checks again.
     */
    public boolean isPending(String token) {
        return wellFormed(token) && dao.pendingUser(Tokens.sha256(token)).isPresent();
    }

    /** Sets the password of {@code token}'s user and uses the token up; empty when it cannot be used. */
    public Optional<User> accept(String token, String passwordHash) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        return writes.acceptInvitation(Tokens.sha256(token), passwordHash).map(Updated::after);
    }

    private static boolean wellFormed(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() <= MAX_LENGTH;
    }

    /** A freshly issued invitation: its token is shown only this once. */
    public record Issued(InvitationKind kind, String token, OffsetDateTime expiresAt) {
    }
}
