package dev.inkwell.persistence.user;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.user.InvitationKind;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static dev.inkwell.persistence.testing.TokenHash.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invitations and resets in the database: issued, replaced, used once, ended, purged; and their races. */
class InvitationDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private InvitationDao invitations() {
        return db.dao(InvitationDao.class);
    }

    private User user(String name, String passwordHash) {
        return db.dao(UserDao.class).insert(NewUser.of(name, name + "@example.com", passwordHash, null));
    }

    private User admin() {
        return db.dao(UserDao.class).insert(NewUser.of("boss", "boss@example.com", "$argon2id$boss", Role.ADMIN));
    }

    private static OffsetDateTime inOneDay() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private String passwordHash(long userId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", userId).mapTo(String.class).one());
    }

    private void expire(String token) {
        db.database().execute("UPDATE invitations SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'"
                + " WHERE token_hash = '\\x" + HexFormat.of().formatHex(sha256(token)) + "'::bytea");
    }

    @Test
    void aUserWithoutPasswordGetsAnInvitationAndOneWithAPasswordAReset() {
        long boss = admin().id();
        assertThat(invitations().issue(user("bulkmade", null).id(), boss, sha256("a"), inOneDay())).contains(InvitationKind.INVITATION);
        assertThat(invitations().issue(user("forgetful", "$argon2id$old").id(), boss, sha256("b"), inOneDay()))
                .contains(InvitationKind.RESET);
        assertThat(count("SELECT count(*) FROM invitations WHERE kind = 'invitation' AND used_at IS NULL AND issued_by = " + boss)).isOne();
        assertThat(count("SELECT count(*) FROM invitations WHERE kind = 'reset' AND used_at IS NULL AND issued_by = " + boss)).isOne();
    }

    @Test
    void noSuchUserGetsNoInvitation() {
        assertThat(invitations().issue(999_999, admin().id(), sha256("a"), inOneDay())).isEmpty();
        assertThat(count("SELECT count(*) FROM invitations")).isZero();
    }

    @Test
    void aDeactivatedUserCannotBeInvited() {
        User gone = user("gone", null);
        db.database().execute("UPDATE users SET is_active = false WHERE id = " + gone.id());
        assertThatThrownBy(() -> invitations().issue(gone.id(), admin().id(), sha256("a"), inOneDay()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("is_active"));
        assertThat(count("SELECT count(*) FROM invitations")).isZero();
    }

    @Test
    void aNewInvitationReplacesThePendingOne() {
        long target = user("twice", null).id();
        long boss = admin().id();
        invitations().issue(target, boss, sha256("first"), inOneDay());
        invitations().issue(target, boss, sha256("second"), inOneDay());
        assertThat(invitations().pendingUser(sha256("first"))).isEmpty();
        assertThat(invitations().pendingUser(sha256("second"))).contains(target);
        assertThat(invitations().accept(sha256("first"), "$argon2id$new")).isEmpty();
        assertThat(passwordHash(target)).isNull();
    }

    @Test
    void theDatabaseRefusesASecondPendingInvitationOfOneUser() {
        long target = user("onlyone", null).id();
        invitations().insert(target, "invitation", sha256("first"), admin().id(), inOneDay());
        assertThatThrownBy(() -> invitations().insert(target, "invitation", sha256("second"), target, inOneDay()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void acceptSetsThePasswordUsesTheInvitationAndEndsEveryTokenOfTheUser() {
        User target = user("reset", "$argon2id$old");
        db.dao(ApiTokenDao.class).insert(target.id(), sha256("session"), inOneDay());
        invitations().issue(target.id(), admin().id(), sha256("reset-token"), inOneDay());

        Optional<Updated<User>> updated = invitations().accept(sha256("reset-token"), "$argon2id$new");

        assertThat(updated).isPresent();
        assertThat(updated.get().changed()).as("updated_at moves").isTrue();
        assertThat(passwordHash(target.id())).isEqualTo("$argon2id$new");
        assertThat(count("SELECT count(*) FROM api_tokens WHERE user_id = " + target.id())).isZero();
        assertThat(count("SELECT count(*) FROM invitations WHERE used_at IS NOT NULL AND user_id = " + target.id())).isOne();
    }

    @Test
    void anInvitationUsedTwiceFailsTheSecondTime() {
        long target = user("once", null).id();
        invitations().issue(target, admin().id(), sha256("once"), inOneDay());
        assertThat(invitations().accept(sha256("once"), "$argon2id$first")).isPresent();
        assertThat(invitations().accept(sha256("once"), "$argon2id$second")).isEmpty();
        assertThat(passwordHash(target)).isEqualTo("$argon2id$first");
    }

    @Test
    void anExpiredInvitationSetsNoPassword() {
        long target = user("late", null).id();
        invitations().issue(target, admin().id(), sha256("late"), inOneDay());
        expire("late");
        assertThat(invitations().pendingUser(sha256("late"))).isEmpty();
        assertThat(invitations().accept(sha256("late"), "$argon2id$new")).isEmpty();
        assertThat(passwordHash(target)).isNull();
    }

    @Test
    void anUnknownTokenSetsNoPassword() {
        assertThat(invitations().accept(sha256("never issued"), "$argon2id$new")).isEmpty();
    }

    @Test
    void deactivationEndsThePendingInvitationAndReactivationRevivesNone() {
        long target = user("paused", null).id();
        invitations().issue(target, admin().id(), sha256("paused"), inOneDay());
        db.dao(UserDao.class).update(target, new UserChanges(null, null, null, false, null), null);
        db.dao(UserDao.class).update(target, new UserChanges(null, null, null, true, null), null);
        assertThat(invitations().accept(sha256("paused"), "$argon2id$new")).isEmpty();
        assertThat(passwordHash(target)).isNull();
    }

    @Test
    void aNewPasswordEndsThePendingReset() {
        long target = user("remembered", "$argon2id$old").id();
        invitations().issue(target, admin().id(), sha256("reset"), inOneDay());
        db.dao(UserDao.class).update(target, new UserChanges(null, null, "$argon2id$chosen", null, null), null);
        assertThat(invitations().accept(sha256("reset"), "$argon2id$new")).isEmpty();
        assertThat(passwordHash(target)).isEqualTo("$argon2id$chosen");
    }

    @Test
    void twoUsesOfOneTokenAtOnceSetOnePassword() throws Exception {
        long boss = admin().id();
        for (int round = 0; round < 5; round++) {
            long target = user("race" + round, null).id();
            byte[] token = sha256("race" + round);
            invitations().issue(target, boss, token, inOneDay());
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(InvitationDao.class).accept(token, "$argon2id$one"),
                    h -> h.attach(InvitationDao.class).accept(token, "$argon2id$two")));
            assertThat(outcomes).filteredOn(o -> ((Optional<?>) o).isPresent()).as("uses that set the password").hasSize(1);
            assertThat(passwordHash(target)).isIn("$argon2id$one", "$argon2id$two");
        }
    }

    @Test
    void aUseRacingADeactivationEndsWithAnInactiveUserAndNoDeadlock() throws Exception {
        long boss = admin().id();
        for (int round = 0; round < 5; round++) {
            long target = user("racing" + round, null).id();
            byte[] token = sha256("racing" + round);
            invitations().issue(target, boss, token, inOneDay());
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(InvitationDao.class).accept(token, "$argon2id$new"),
                    h -> h.attach(UserDao.class).update(target, new UserChanges(null, null, null, false, null), null)));
            assertThat(outcomes).noneMatch(Throwable.class::isInstance);
            assertThat(count("SELECT count(*) FROM users WHERE is_active AND id = " + target)).isZero();
            assertThat(invitations().pendingUser(token)).isEmpty();
        }
    }

    @Test
    void thePurgeDeletesUsedAndExpiredInvitationsAndKeepsPendingOnes() {
        long boss = admin().id();
        long used = user("used", null).id();
        long expired = user("expired", null).id();
        long pending = user("pending", null).id();
        invitations().issue(used, boss, sha256("used"), inOneDay());
        invitations().accept(sha256("used"), "$argon2id$new");
        invitations().issue(expired, boss, sha256("expired"), inOneDay());
        expire("expired");
        invitations().issue(pending, boss, sha256("pending"), inOneDay());

        assertThat(invitations().deleteFinished()).isEqualTo(2);
        assertThat(invitations().pendingUser(sha256("pending"))).contains(pending);
        assertThat(count("SELECT count(*) FROM invitations")).isOne();
    }

    @Test
    void deletingTheIssuingAdminKeepsTheInvitation() {
        User other = admin();
        long target = user("orphan", null).id();
        invitations().issue(target, other.id(), sha256("orphan"), inOneDay());
        db.database().execute("DELETE FROM users WHERE id = " + other.id());
        assertThat(invitations().pendingUser(sha256("orphan"))).contains(target);
    }
}
