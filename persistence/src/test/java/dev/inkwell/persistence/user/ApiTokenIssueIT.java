package dev.inkwell.persistence.user;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.testing.Race;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import static dev.inkwell.persistence.user.ApiTokenFixture.inOneHour;
import static dev.inkwell.persistence.testing.TokenHash.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tokens issued: refused when they expire before they are made, name no user or have a hash of
 * the wrong length; a sign-in's token only for the password hash it verified of a user still
 * active, and none left when the sign-in races a password change or a deactivation.
 */
class ApiTokenIssueIT {
    @RegisterExtension
    final ApiTokenFixture db = new ApiTokenFixture();

    @Test
    void tokenThatExpiresBeforeItIsCreatedIsRefused() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        assertThatThrownBy(() -> db.tokens().insert(alice.id(), hash, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)))
                .isInstanceOf(InvalidException.class);
        assertThat(db.count("SELECT count(*) FROM api_tokens")).isZero();
    }

    @Test
    void tokenForAMissingUserIsInvalidUserId() {
        assertThatThrownBy(() -> db.tokens().insert(12345, sha256("token-1"), inOneHour()))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("user_id"));
    }

    @Test
    void hashOfTheWrongLengthIsInvalid() {
        User alice = db.user("alice");
        byte[] tooShort = new byte[16];
        assertThatThrownBy(() -> db.tokens().insert(alice.id(), tooShort, inOneHour()))
                .isInstanceOf(InvalidException.class);
        byte[] tooLong = new byte[33];
        assertThatThrownBy(() -> db.tokens().insert(alice.id(), tooLong, inOneHour()))
                .isInstanceOf(InvalidException.class);
        assertThat(db.count("SELECT count(*) FROM api_tokens")).isZero();
    }

    @Test
    void aTokenIsIssuedOnlyForTheVerifiedHashOfAnActiveUser() {
        User alice = db.users().insert(NewUser.of("alice", "alice@example.com", "hash-1", null));
        assertThat(db.tokens().insertIfStill(alice.id(), "hash-0", sha256("stale"), inOneHour())).isFalse();
        assertThat(db.tokens().insertIfStill(alice.id(), "hash-1", sha256("fresh"), inOneHour())).isTrue();
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("fresh"))).contains(alice);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("stale"))).isEmpty();
        db.users().update(alice.id(), new UserChanges(null, null, null, false, null), null);
        assertThat(db.tokens().insertIfStill(alice.id(), "hash-1", sha256("inactive"), inOneHour())).isFalse();
        assertThat(db.count("SELECT count(*) FROM api_tokens WHERE user_id = " + alice.id())).isZero();
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
            User user = db.users().insert(NewUser.of(name, name + "@example.com", "old-hash", null));
            UserChanges change = deactivate ? new UserChanges(null, null, null, false, null) : new UserChanges(null, null, "new-hash", null, null);
            byte[] token = sha256("racing-" + name);
            Race.transactions(db.jdbi(), List.<Function<Handle, Object>>of(
                    h -> h.attach(UserDao.class).update(user.id(), change, null),
                    h -> h.attach(ApiTokenDao.class).insertIfStill(user.id(), "old-hash", token, inOneHour())));
            assertThat(db.count("SELECT count(*) FROM api_tokens WHERE user_id = " + user.id())).as("tokens of %s", name).isZero();
        }
    }
}
