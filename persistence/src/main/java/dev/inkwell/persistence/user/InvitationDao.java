package dev.inkwell.persistence.user;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.user.Credentials;
import dev.inkwell.domain.user.InvitationKind;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.ChangesCachedReads;
import dev.inkwell.persistence.Updated;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One-time tokens that set a user's password (invitations and resets), stored as the SHA-256 of
 * the token as bearer tokens are ({@link ApiTokenDao}). Both writes lock the user's row first, as
 * every change of a user does ({@link UserDao#update}), so they are decided one after the other
 * with a deactivation, a password change or each other, and never deadlock with them.
 */
@RegisterConstructorMapper(Credentials.class)
public interface InvitationDao extends SqlObject {

    /**
     * A new invitation of {@code userId}: a reset when the user has a password, an invitation when
     * not. It replaces the user's pending one (at most one is pending, a constraint keeps it so).
     * Empty when there is no such user; a {@link ConflictException} when the user is deactivated
     * (reactivate them first: a token that sets a password must not revive an account by itself).
     */
    @Transaction
    default Optional<InvitationKind> issue(long userId, long issuedBy, byte[] tokenHash, OffsetDateTime expiresAt) {
        Optional<Credentials> user = lockCredentials(userId);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (!user.get().active()) {
            String why = "a deactivated user cannot be invited nor have their password reset; reactivate them first";
            throw new ConflictException(why, List.of(new FieldError("is_active", why)));
        }
        InvitationKind kind = InvitationKind.forUser(user.get().passwordHash() != null);
        deletePending(userId);
        insert(userId, kind.code(), tokenHash, issuedBy, expiresAt);
        return Optional.of(kind);
    }

    /**
     * Uses the invitation {@code tokenHash} to set its user's password to {@code passwordHash}, in
     * one transaction: the invitation is marked used, and like any new password this ends every
     * token of the user ({@link UserDao#update}). Empty (nothing written) unless the invitation is
     * pending and unexpired and its user active. Two uses of one token at once: the second waits
     * for the first's lock of the user, then (READ COMMITTED re-checks the row) finds it used.
     */
    @ChangesCachedReads
    @Transaction
    default Optional<Updated<User>> accept(byte[] tokenHash, String passwordHash) {
        Optional<Long> userId = pendingUser(tokenHash);
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        UserDao users = getHandle().attach(UserDao.class);
        if (!users.lock(userId.get()).map(User::active).orElse(false) || !markUsed(tokenHash)) {
            return Optional.empty();
        }
        return users.update(userId.get(), new UserChanges(null, null, passwordHash, null, null), null);
    }

    /** The user of the pending, unexpired invitation {@code tokenHash}: an index lookup, no lock, nothing written. */
    @SqlQuery("SELECT user_id FROM invitations WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()")
    Optional<Long> pendingUser(byte[] tokenHash);

    /** NO KEY UPDATE, as {@link UserDao#lock}: the same lock, taken in the same order. */
    @SqlQuery("SELECT id AS user_id, password_hash, is_active AS active FROM users WHERE id = :id FOR NO KEY UPDATE")
    Optional<Credentials> lockCredentials(long id);

    @SqlUpdate("""
            INSERT INTO invitations (user_id, kind, token_hash, issued_by, expires_at)
            VALUES (:userId, :kind, :tokenHash, :issuedBy, :expiresAt)
            """)
    void insert(long userId, String kind, byte[] tokenHash, long issuedBy, OffsetDateTime expiresAt);

    /** False when the invitation is not (or no longer) pending and unexpired. */
    @SqlUpdate("""
            UPDATE invitations SET used_at = now()
             WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()
            """)
    boolean markUsed(byte[] tokenHash);

    /** Ends the user's pending invitation, if any (replaced, or the password or the user's activity changed). */
    @SqlUpdate("DELETE FROM invitations WHERE user_id = :userId AND used_at IS NULL")
    int deletePending(long userId);

    /** What the recurring purge deletes: used and expired invitations (neither can set a password any more). */
    @SqlUpdate("DELETE FROM invitations WHERE used_at IS NOT NULL OR expires_at <= now()")
    int deleteFinished();
}
