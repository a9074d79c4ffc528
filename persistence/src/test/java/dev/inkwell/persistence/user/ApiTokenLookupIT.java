package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.persistence.user.ApiTokenFixture.inOneHour;
import static dev.inkwell.persistence.testing.TokenHash.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whom a token finds ({@link ApiTokenDao#findUser}): its own user, and no one for an unknown hash,
 * an expired token or an inactive user. The use it records: {@link ApiTokenUseIT}.
 */
class ApiTokenLookupIT {
    @RegisterExtension
    final ApiTokenFixture db = new ApiTokenFixture();

    @Test
    void insertedTokenFindsItsUser() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        assertThat(hash).hasSize(32);
        db.tokens().insert(alice.id(), hash, inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-1"))).contains(alice);
    }

    @Test
    void tokenFindsOnlyItsOwnUser() {
        User alice = db.user("alice");
        User bob = db.user("bob");
        db.tokens().insert(alice.id(), sha256("alice-token"), inOneHour());
        db.tokens().insert(bob.id(), sha256("bob-token"), inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("bob-token"))).contains(bob);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("alice-token"))).contains(alice);
    }

    @Test
    void unknownHashFindsNoOne() {
        User alice = db.user("alice");
        db.tokens().insert(alice.id(), sha256("token-1"), inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-2"))).isEmpty();
    }

    @Test
    void expiredTokenFindsNoOne() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        db.tokens().insert(alice.id(), hash, inOneHour());
        db.expire(hash);
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }

    @Test
    void tokenOfAnInactiveUserFindsNoOne() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        db.tokens().insert(alice.id(), hash, inOneHour());
        db.deactivateRow(alice.id());
        assertThat(db.count("SELECT count(*) FROM api_tokens")).as("the token, still there").isEqualTo(1);
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }
}
