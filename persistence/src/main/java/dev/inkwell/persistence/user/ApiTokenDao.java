package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.User;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.Optional;

/** Bearer tokens, stored as the SHA-256 of the token (a stolen table grants nothing). */
@RegisterConstructorMapper(User.class)
public interface ApiTokenDao {

    @SqlUpdate("INSERT INTO api_tokens (user_id, token_hash, expires_at) VALUES (:userId, :tokenHash, :expiresAt)")
    void insert(long userId, byte[] tokenHash, OffsetDateTime expiresAt);

    /**
     * A sign-in's token: inserted only if the user is still active with the password hash the
     * sign-in verified; false (nothing inserted) otherwise. FOR SHARE waits for a password change
     * or deactivation holding the row (UserDao.update locks it before deleting the tokens), then
     * READ COMMITTED re-checks the WHERE against the committed row; a change that comes later
     * waits for this insert and deletes its token. So no token outlives the password it was
     * issued for.
     */
    @SqlUpdate("""
            INSERT INTO api_tokens (user_id, token_hash, expires_at)
            SELECT u.id, :tokenHash, :expiresAt
              FROM (SELECT id FROM users
                     WHERE id = :userId AND is_active AND password_hash = :verifiedHash
                       FOR SHARE) u
            """)
    boolean insertIfStill(long userId, String verifiedHash, byte[] tokenHash, OffsetDateTime expiresAt);

    /** The active user holding this unexpired token. */
    @SqlQuery("""
            SELECT u.id, u.username, u.email, u.role, u.is_active AS active, u.created_at, u.updated_at
              FROM api_tokens t
              JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = :tokenHash AND t.expires_at > now() AND u.is_active
            """)
    Optional<User> findUser(byte[] tokenHash);

    /** Records use at most once a minute, so authentication does not write on every request. */
    @SqlUpdate("""
            UPDATE api_tokens SET last_used_at = now()
             WHERE token_hash = :tokenHash
               AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            """)
    boolean touch(byte[] tokenHash);

    @SqlUpdate("DELETE FROM api_tokens WHERE token_hash = :tokenHash")
    boolean delete(byte[] tokenHash);

    /** Ends every token of the user but {@code kept} (a token's SHA-256; null keeps none). */
    @SqlUpdate("DELETE FROM api_tokens WHERE user_id = :userId AND token_hash IS DISTINCT FROM CAST(:kept AS bytea)")
    int deleteAllOfExcept(long userId, byte[] kept);

    @SqlUpdate("DELETE FROM api_tokens WHERE expires_at <= now()")
    int deleteExpired();
}
