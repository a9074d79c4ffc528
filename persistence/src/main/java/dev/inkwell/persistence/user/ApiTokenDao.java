package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.StatementNames;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.Optional;

/** Bearer tokens, stored as the SHA-256 of the token (a stolen table grants nothing). */
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

    /** {@link #findUser}'s statement. */
    String FIND_USER = """
            WITH found AS (
                SELECT u.id, u.username, u.email, u.role, u.is_active AS active, u.created_at, u.updated_at
                  FROM api_tokens t
                  JOIN users u ON u.id = t.user_id
                 WHERE t.token_hash = :tokenHash AND t.expires_at > now() AND u.is_active
            ), touched AS (
                UPDATE api_tokens SET last_used_at = now()
                 WHERE token_hash = :tokenHash AND EXISTS (SELECT FROM found)
                   AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            )
            SELECT * FROM found
            """;

    /**
     * The active user holding this unexpired token, and the token's use recorded (at most once a
     * minute, so authentication does not write on every request): one statement, one round trip
     * per authenticated request, on Jdbi's core API (a SqlObject call attaches a new extension
     * each time, a visible share of a small request's CPU). The touch runs only when the token is found;
     * two requests touching at once wait for each other's row lock and the second, re-checking,
     * writes nothing.
     */
    static Optional<User> findUser(Jdbi jdbi, byte[] tokenHash) {
        return StatementNames.use(jdbi, ApiTokenDao.class, "findUser", handle -> handle.createQuery(FIND_USER)
                .bind("tokenHash", tokenHash)
                .map((rs, ctx) -> new User(rs.getLong("id"), rs.getString("username"), rs.getString("email"),
                        Role.fromCode(rs.getString("role")), rs.getBoolean("active"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class)))
                .findOne());
    }

    @SqlUpdate("DELETE FROM api_tokens WHERE token_hash = :tokenHash")
    boolean delete(byte[] tokenHash);

    /** Ends every token of the user but {@code kept} (a token's SHA-256; null keeps none). */
    @SqlUpdate("DELETE FROM api_tokens WHERE user_id = :userId AND token_hash IS DISTINCT FROM CAST(:kept AS bytea)")
    int deleteAllOfExcept(long userId, byte[] kept);

    @SqlUpdate("DELETE FROM api_tokens WHERE expires_at <= now()")
    int deleteExpired();
}
