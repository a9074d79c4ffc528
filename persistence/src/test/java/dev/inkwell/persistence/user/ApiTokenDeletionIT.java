package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.persistence.user.ApiTokenFixture.hex;
import static dev.inkwell.persistence.user.ApiTokenFixture.inOneHour;
import static dev.inkwell.persistence.testing.TokenHash.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens ended: one by its hash, all of a user's but the kept one, the expired ones, all of a user
 * deactivated (a reactivation revives none, and ends any a deactivation left) or deleted.
 */
class ApiTokenDeletionIT {
    @RegisterExtension
    final ApiTokenFixture db = new ApiTokenFixture();

    @Test
    void deleteRemovesOnlyThatToken() {
        User alice = db.user("alice");
        byte[] first = sha256("token-1");
        byte[] second = sha256("token-2");
        db.tokens().insert(alice.id(), first, inOneHour());
        db.tokens().insert(alice.id(), second, inOneHour());

        assertThat(db.tokens().delete(first)).isTrue();

        assertThat(ApiTokenDao.findUser(db.jdbi(), first)).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), second)).contains(alice);
        assertThat(db.tokens().delete(first)).isFalse();
    }

    @Test
    void deleteAllOfRemovesEveryTokenOfTheUserOnly() {
        User alice = db.user("alice");
        User bob = db.user("bob");
        db.tokens().insert(alice.id(), sha256("alice-1"), inOneHour());
        db.tokens().insert(alice.id(), sha256("alice-2"), inOneHour());
        db.tokens().insert(bob.id(), sha256("bob-1"), inOneHour());

        assertThat(db.tokens().deleteAllOfExcept(alice.id(), null)).isEqualTo(2);

        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-1"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-2"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("bob-1"))).contains(bob);
        assertThat(db.tokens().deleteAllOfExcept(alice.id(), null)).isZero();
    }

    @Test
    void deleteAllOfExceptKeepsOnlyTheKeptToken() {
        User alice = db.user("alice");
        db.tokens().insert(alice.id(), sha256("alice-1"), inOneHour());
        db.tokens().insert(alice.id(), sha256("alice-2"), inOneHour());

        assertThat(db.tokens().deleteAllOfExcept(alice.id(), sha256("alice-2"))).isEqualTo(1);

        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-1"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-2"))).contains(alice);
    }

    @Test
    void deactivationEndsTheTokensSoReactivationDoesNotReviveThem() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        db.tokens().insert(alice.id(), hash, inOneHour());
        db.users().update(alice.id(), UserChanges.of(null, null, null, false, null), null).orElseThrow();
        db.users().update(alice.id(), UserChanges.of(null, null, null, true, null), null).orElseThrow();
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
        assertThat(db.count("SELECT count(*) FROM api_tokens")).isZero();
    }

    @Test
    void reactivationEndsTokensLeftFromBeforeDeactivationEndedThem() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        db.tokens().insert(alice.id(), hash, inOneHour());
        db.deactivateRow(alice.id());
        db.users().update(alice.id(), UserChanges.of(null, null, null, true, null), null).orElseThrow();
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }

    @Test
    void deleteExpiredRemovesOnlyExpiredTokens() {
        User alice = db.user("alice");
        byte[] expired = sha256("old");
        byte[] valid = sha256("new");
        db.tokens().insert(alice.id(), expired, inOneHour());
        db.tokens().insert(alice.id(), valid, inOneHour());
        db.expire(expired);

        assertThat(db.tokens().deleteExpired()).isEqualTo(1);

        assertThat(db.count("SELECT count(*) FROM api_tokens")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM api_tokens WHERE token_hash = " + hex(expired))).isZero();
        assertThat(ApiTokenDao.findUser(db.jdbi(), valid)).contains(alice);
        assertThat(db.tokens().deleteExpired()).isZero();
    }

    @Test
    void userWithTokensCanBeDeletedAndTheTokensGoWithThem() {
        User alice = db.user("alice");
        User bob = db.user("bob");
        db.tokens().insert(alice.id(), sha256("alice-1"), inOneHour());
        db.tokens().insert(alice.id(), sha256("alice-2"), inOneHour());
        db.tokens().insert(bob.id(), sha256("bob-1"), inOneHour());

        assertThat(db.users().delete(alice.id())).isTrue();

        assertThat(db.count("SELECT count(*) FROM api_tokens WHERE user_id = " + alice.id())).isZero();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-1"))).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("bob-1"))).contains(bob);
    }
}
