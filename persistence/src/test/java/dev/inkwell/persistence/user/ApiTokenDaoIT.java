package dev.inkwell.persistence.user;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokenDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private ApiTokenDao tokens() {
        return db.dao(ApiTokenDao.class);
    }

    private UserDao users() {
        return db.dao(UserDao.class);
    }

    private User user(String name) {
        return users().insert(NewUser.of(name, name + "@example.com", null, null));
    }

    /** What the database keeps of a token (also for {@link InvitationDaoIT}). */
    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime inOneHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String hex(byte[] hash) {
        return "'\\x" + HexFormat.of().formatHex(hash) + "'::bytea";
    }

    /** Moves a token's lifetime into the past: created two hours ago, expired one hour ago. */
    private void expire(byte[] hash) {
        db.database().execute("UPDATE api_tokens SET created_at = now() - interval '2 hours',"
                + " expires_at = now() - interval '1 hour' WHERE token_hash = " + hex(hash));
    }

    @Test
    void insertedTokenFindsItsUser() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        assertThat(hash).hasSize(32);
        tokens().insert(alice.id(), hash, inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-1"))).contains(alice);
    }

    @Test
    void tokenFindsOnlyItsOwnUser() {
        User alice = user("alice");
        User bob = user("bob");
        tokens().insert(alice.id(), sha256("alice-token"), inOneHour());
        tokens().insert(bob.id(), sha256("bob-token"), inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("bob-token"))).contains(bob);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-token"))).contains(alice);
    }

    @Test
    void unknownHashFindsNoOne() {
        User alice = user("alice");
        tokens().insert(alice.id(), sha256("token-1"), inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-2"))).isEmpty();
    }

    @Test
    void expiredTokenFindsNoOne() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        tokens().insert(alice.id(), hash, inOneHour());
        expire(hash);
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }

    @Test
    void tokenOfAnInactiveUserFindsNoOne() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        tokens().insert(alice.id(), hash, inOneHour());
        users().update(alice.id(), UserChanges.of(null, null, null, false, null), null).orElseThrow();
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }

    @Test
    void tokenThatExpiresBeforeItIsCreatedIsRefused() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        assertThatThrownBy(() -> tokens().insert(alice.id(), hash, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)))
                .isInstanceOf(InvalidException.class);
        assertThat(count("SELECT count(*) FROM api_tokens")).isZero();
    }

    @Test
    void tokenForAMissingUserIsInvalidUserId() {
        assertThatThrownBy(() -> tokens().insert(12345, sha256("token-1"), inOneHour()))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("user_id"));
    }

    @Test
    void hashOfTheWrongLengthIsInvalid() {
        User alice = user("alice");
        byte[] tooShort = new byte[16];
        assertThatThrownBy(() -> tokens().insert(alice.id(), tooShort, inOneHour()))
                .isInstanceOf(InvalidException.class);
        byte[] tooLong = new byte[33];
        assertThatThrownBy(() -> tokens().insert(alice.id(), tooLong, inOneHour()))
                .isInstanceOf(InvalidException.class);
        assertThat(count("SELECT count(*) FROM api_tokens")).isZero();
    }

    @Test
    void touchRecordsUseAtMostOnceAMinute() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        tokens().insert(alice.id(), hash, inOneHour());
        String lastUsed = "SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL";
        assertThat(count(lastUsed)).isZero();

        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(count(lastUsed)).isEqualTo(1);
        OffsetDateTime first = lastUsedAt(hash);

        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(lastUsedAt(hash)).isEqualTo(first);
    }

    @Test
    void touchRecordsUseAgainOnceAMinuteHasPassed() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        tokens().insert(alice.id(), hash, inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        db.database().execute("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds'");
        OffsetDateTime backdated = lastUsedAt(hash);

        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(lastUsedAt(hash)).isAfter(backdated.plus(1, ChronoUnit.MINUTES));
    }

    @Test
    void touchOfAnUnknownHashChangesNothing() {
        User alice = user("alice");
        tokens().insert(alice.id(), sha256("token-1"), inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-2"))).isEmpty();
        assertThat(count("SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL")).isZero();
    }

    @Test
    void aTokenThatFindsNoOneIsNotTouched() {
        User alice = user("alice");
        byte[] expired = sha256("token-1");
        byte[] inactive = sha256("token-2");
        tokens().insert(alice.id(), expired, inOneHour());
        expire(expired);
        User bob = user("bob");
        tokens().insert(bob.id(), inactive, inOneHour());
        users().update(bob.id(), UserChanges.of(null, null, null, false, null), null).orElseThrow();

        assertThat(ApiTokenDao.findUser(db.jdbi(), expired)).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), inactive)).isEmpty();
        assertThat(count("SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL")).isZero();
    }

    /** The lookup the API authenticates with records use, and finds no one for an unknown or expired token. */
    @Test
    void aLookupRecordsUseAndFindsNoOneForAnUnknownOrExpiredToken() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        tokens().insert(alice.id(), hash, inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(count("SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL")).isEqualTo(1);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-2"))).isEmpty();
        expire(hash);
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }

    private OffsetDateTime lastUsedAt(byte[] hash) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT last_used_at FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", hash).mapTo(OffsetDateTime.class).one());
    }

    @Test
    void deleteRemovesOnlyThatToken() {
        User alice = user("alice");
        byte[] first = sha256("token-1");
        byte[] second = sha256("token-2");
        tokens().insert(alice.id(), first, inOneHour());
        tokens().insert(alice.id(), second, inOneHour());

        assertThat(tokens().delete(first)).isTrue();

        assertThat(ApiTokenDao.findUser(db.jdbi(), first)).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), second)).contains(alice);
        assertThat(tokens().delete(first)).isFalse();
    }

    @Test
    void deleteAllOfRemovesEveryTokenOfTheUserOnly() {
        User alice = user("alice");
        User bob = user("bob");
        tokens().insert(alice.id(), sha256("alice-1"), inOneHour());
        tokens().insert(alice.id(), sha256("alice-2"), inOneHour());
        tokens().insert(bob.id(), sha256("bob-1"), inOneHour());

        assertThat(tokens().deleteAllOfExcept(alice.id(), null)).isEqualTo(2);

        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-1"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-2"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("bob-1"))).contains(bob);
        assertThat(tokens().deleteAllOfExcept(alice.id(), null)).isZero();
    }

    @Test
    void deleteAllOfExceptKeepsOnlyTheKeptToken() {
        User alice = user("alice");
        tokens().insert(alice.id(), sha256("alice-1"), inOneHour());
        tokens().insert(alice.id(), sha256("alice-2"), inOneHour());

        assertThat(tokens().deleteAllOfExcept(alice.id(), sha256("alice-2"))).isEqualTo(1);

        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-1"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-2"))).contains(alice);
    }

    @Test
    void deactivationEndsTheTokensSoReactivationDoesNotReviveThem() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        tokens().insert(alice.id(), hash, inOneHour());
        users().update(alice.id(), UserChanges.of(null, null, null, false, null), null).orElseThrow();
        users().update(alice.id(), UserChanges.of(null, null, null, true, null), null).orElseThrow();
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
        assertThat(count("SELECT count(*) FROM api_tokens")).isZero();
    }

    @Test
    void reactivationEndsTokensLeftFromBeforeDeactivationEndedThem() {
        User alice = user("alice");
        byte[] hash = sha256("token-1");
        tokens().insert(alice.id(), hash, inOneHour());
        db.jdbi().useHandle(h -> h.execute("UPDATE users SET is_active = false WHERE id = ?", alice.id()));
        users().update(alice.id(), UserChanges.of(null, null, null, true, null), null).orElseThrow();
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }

    @Test
    void deleteExpiredRemovesOnlyExpiredTokens() {
        User alice = user("alice");
        byte[] expired = sha256("old");
        byte[] valid = sha256("new");
        tokens().insert(alice.id(), expired, inOneHour());
        tokens().insert(alice.id(), valid, inOneHour());
        expire(expired);

        assertThat(tokens().deleteExpired()).isEqualTo(1);

        assertThat(count("SELECT count(*) FROM api_tokens")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM api_tokens WHERE token_hash = " + hex(expired))).isZero();
        assertThat(ApiTokenDao.findUser(db.jdbi(), valid)).contains(alice);
        assertThat(tokens().deleteExpired()).isZero();
    }

    @Test
    void userWithTokensCanBeDeletedAndTheTokensGoWithThem() {
        User alice = user("alice");
        User bob = user("bob");
        tokens().insert(alice.id(), sha256("alice-1"), inOneHour());
        tokens().insert(alice.id(), sha256("alice-2"), inOneHour());
        tokens().insert(bob.id(), sha256("bob-1"), inOneHour());

        assertThat(users().delete(alice.id())).isTrue();

        assertThat(count("SELECT count(*) FROM api_tokens WHERE user_id = " + alice.id())).isZero();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-1"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("bob-1"))).contains(bob);
    }

    @Test
    void aTokenIsIssuedOnlyForTheVerifiedHashOfAnActiveUser() {
        User alice = users().insert(NewUser.of("alice", "alice@example.com", "hash-1", null));
        assertThat(tokens().insertIfStill(alice.id(), "hash-0", sha256("stale"), inOneHour())).isFalse();
        assertThat(tokens().insertIfStill(alice.id(), "hash-1", sha256("fresh"), inOneHour())).isTrue();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("fresh"))).contains(alice);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("stale"))).isEmpty();
        users().update(alice.id(), new UserChanges(null, null, null, false, null), null);
        assertThat(tokens().insertIfStill(alice.id(), "hash-1", sha256("inactive"), inOneHour())).isFalse();
        assertThat(count("SELECT count(*) FROM api_tokens WHERE user_id = " + alice.id())).isZero();
    }

    /**
     * A sign-in that verified the old password, racing the change of it (or a deactivation):
     * whichever goes first, no token of the user is left (the change deletes it, or the sign-in
     * sees the new row and issues none).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSignInRacingAPasswordChangeOrADeactivationLeavesNoToken(boolean deactivate) throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "racer" + round + deactivate;
            User user = users().insert(NewUser.of(name, name + "@example.com", "old-hash", null));
            UserChanges change = deactivate ? new UserChanges(null, null, null, false, null) : new UserChanges(null, null, "new-hash", null, null);
            byte[] token = sha256("racing-" + name);
            Race.transactions(db.jdbi(), List.<Function<Handle, Object>>of(
                    h -> h.attach(UserDao.class).update(user.id(), change, null),
                    h -> h.attach(ApiTokenDao.class).insertIfStill(user.id(), "old-hash", token, inOneHour())));
            assertThat(count("SELECT count(*) FROM api_tokens WHERE user_id = " + user.id())).as("tokens of %s", name).isZero();
        }
    }
}
