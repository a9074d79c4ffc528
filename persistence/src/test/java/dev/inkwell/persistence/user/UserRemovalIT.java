package dev.inkwell.persistence.user;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.inkwell.persistence.user.UserFixture.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A user deleted, and the last active admin never removed: not demoted, deactivated or deleted,
 * also when two admins demote each other or one deletes themself at once; an admin may step down
 * while another active admin remains.
 */
class UserRemovalIT {
    @RegisterExtension
    final UserFixture db = new UserFixture();

    @Test
    void deleteRemovesTheUser() {
        User user = db.users().insert(alice());
        assertThat(db.users().delete(user.id())).isTrue();
        assertThat(db.users().findById(user.id())).isEmpty();
        assertThat(db.users().delete(user.id())).isFalse();
    }

    @Test
    void theLastActiveAdminCannotBeDemotedDeactivatedOrDeleted() {
        User admin = db.users().insert(NewUser.of("root", "root@example.com", null, Role.ADMIN));
        db.users().insert(NewUser.of("former", "former@example.com", null, Role.ADMIN));
        db.users().update(db.users().findByUsername("former").orElseThrow().id(), UserChanges.of(null, null, null, false, null), null);

        assertThatThrownBy(() -> db.users().update(admin.id(), UserChanges.of(null, null, null, null, Role.USER), null))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("role"));
        assertThatThrownBy(() -> db.users().update(admin.id(), UserChanges.of(null, null, null, false, null), null))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("is_active"));
        assertThatThrownBy(() -> db.users().delete(admin.id())).isInstanceOf(ConflictException.class);
        assertThat(db.users().findById(admin.id())).contains(admin);
    }

    @Test
    void anAdminMayStepDownWhileAnotherActiveAdminRemains() {
        User first = db.users().insert(NewUser.of("root", "root@example.com", null, Role.ADMIN));
        db.users().insert(NewUser.of("root2", "root2@example.com", null, Role.ADMIN));
        assertThat(db.users().update(first.id(), UserChanges.of(null, null, null, null, Role.USER), null).orElseThrow().after().role())
                .isEqualTo(Role.USER);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        for (int round = 0; round < 5; round++) {
            User a = db.users().insert(NewUser.of("ada" + round, "ada" + round + "@example.com", null, Role.ADMIN));
            User b = db.users().insert(NewUser.of("bob" + round, "bob" + round + "@example.com", null, Role.ADMIN));
            UserChanges demote = UserChanges.of(null, null, null, null, Role.USER);
            UserChanges ofA = round % 2 == 0 ? demote : UserChanges.of(null, null, null, false, null);
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(UserDao.class).update(a.id(), ofA, null),
                    h -> h.attach(UserDao.class).update(b.id(), demote, null)));
            assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(1);
            assertThat(activeAdmins()).isEqualTo(1);
            // Leave none for the next round: demote the survivor behind the guard's back.
            db.jdbi().useHandle(h -> h.execute("UPDATE users SET role = 'user'"));
        }
    }

    @Test
    void anAdminDeletingThemselfWhileTheOtherAdminIsDemotedLeavesOneAdmin() throws Exception {
        User a = db.users().insert(NewUser.of("ada", "ada@example.com", null, Role.ADMIN));
        User b = db.users().insert(NewUser.of("bob", "bob@example.com", null, Role.ADMIN));
        List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                h -> h.attach(UserDao.class).delete(a.id()),
                h -> h.attach(UserDao.class).update(b.id(), UserChanges.of(null, null, null, null, Role.USER), null)));
        assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(1);
        assertThat(activeAdmins()).isEqualTo(1);
    }

    private long activeAdmins() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE role = 'admin' AND is_active")
                .mapTo(Long.class).one());
    }
}
