package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * What the API token tests ({@link ApiTokenLookupIT}, {@link ApiTokenUseIT}, {@link ApiTokenIssueIT},
 * {@link ApiTokenDeletionIT}) share: a freshly migrated database of the test's own with its user DAO
 * (the {@link UserFixture} it extends) and its token DAO, users made by name, a lifetime of an hour,
 * a token expired behind the DAO's back, and counts (a token's hash: {@code TokenHash}). Each test gets its own, and the database is gone after it:
 * {@code @RegisterExtension final ApiTokenFixture db = new ApiTokenFixture();}
 */
final class ApiTokenFixture extends UserFixture {
    ApiTokenDao tokens() {
        return dao(ApiTokenDao.class);
    }

    User user(String name) {
        return users().insert(NewUser.of(name, name + "@example.com", null, null));
    }

    static OffsetDateTime inOneHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
    }

    long count(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static String hex(byte[] hash) {
        return "'\\x" + HexFormat.of().formatHex(hash) + "'::bytea";
    }

    /**
     * Marks the user's row inactive behind {@link UserDao}'s back: its deactivation also deletes the
     * user's tokens, which leaves a lookup nothing to refuse.
     */
    void deactivateRow(long userId) {
        jdbi().useHandle(h -> h.execute("UPDATE users SET is_active = false WHERE id = ?", userId));
    }

    /** Moves a token's lifetime into the past: created two hours ago, expired one hour ago. */
    void expire(byte[] hash) {
        database().execute("UPDATE api_tokens SET created_at = now() - interval '2 hours',"
                + " expires_at = now() - interval '1 hour' WHERE token_hash = " + hex(hash));
    }
}
