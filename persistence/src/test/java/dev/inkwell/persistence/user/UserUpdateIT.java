package dev.inkwell.persistence.user;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.Updated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.persistence.user.UserFixture.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an update of a user writes ({@link UserDao#update}): only the given fields, nothing when
 * nothing changes, the user before and after; nothing for a missing user; a username taken
 * refused. The guard on admins: {@link UserRemovalIT}.
 */
class UserUpdateIT {
    @RegisterExtension
    final UserFixture db = new UserFixture();

    @Test
    void updateChangesOnlyGivenFields() {
        User user = db.users().insert(alice());
        User changed = db.users().update(user.id(), UserChanges.of(null, "NEW@example.com", null, false, Role.ADMIN), null).orElseThrow().after();
        assertThat(changed.username()).isEqualTo("alice");
        assertThat(changed.email()).isEqualTo("new@example.com");
        assertThat(changed.active()).isFalse();
        assertThat(changed.role()).isEqualTo(Role.ADMIN);
        assertThat(changed.updatedAt()).isAfterOrEqualTo(user.updatedAt());
        assertThat(db.users().findCredentials("alice").orElseThrow().passwordHash()).isEqualTo("$argon2id$hash");
        assertThat(db.users().findById(user.id())).as("read back").contains(changed);
    }

    @Test
    void updateOfMissingUserIsEmpty() {
        assertThat(db.users().update(999, UserChanges.of("zed", null, null, null, null), null)).isEmpty();
    }

    @Test
    void updateToTakenUsernameIsConflict() {
        db.users().insert(alice());
        User bob = db.users().insert(NewUser.of("bob", "bob@example.com", null, null));
        assertThatThrownBy(() -> db.users().update(bob.id(), UserChanges.of("Alice", null, null, null, null), null))
                .isInstanceOf(ConflictException.class);
        assertThat(db.users().findById(bob.id())).as("nothing written").contains(bob);
    }

    @Test
    void updateThatChangesNothingWritesNothing() {
        User user = db.users().insert(alice());
        Updated<User> same = db.users().update(user.id(), UserChanges.of("alice", "ALICE@example.com", null, true, Role.USER), null).orElseThrow();
        assertThat(same.changed()).isFalse();
        assertThat(same.after()).isEqualTo(user);
        assertThat(db.users().findById(user.id())).contains(user);
    }

    @Test
    void updateReportsTheUserBeforeAndAfter() {
        User user = db.users().insert(alice());
        Updated<User> renamed = db.users().update(user.id(), UserChanges.of("Alice2", null, null, null, null), null).orElseThrow();
        assertThat(renamed.before()).isEqualTo(user);
        assertThat(renamed.after().username()).isEqualTo("Alice2");
        assertThat(renamed.changed(User::username)).isTrue();
        assertThat(renamed.changed(User::email)).isFalse();
    }
}
