package dev.inkwell.persistence.user;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private UserDao users() {
        return db.dao(UserDao.class);
    }

    private static NewUser alice() {
        return NewUser.of("alice", "alice@example.com", "$argon2id$hash", Role.USER);
    }

    @Test
    void insertReturnsTheStoredUser() {
        User user = users().insert(alice());
        assertThat(user.id()).isPositive();
        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.email()).isEqualTo("alice@example.com");
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.active()).isTrue();
        assertThat(user.createdAt()).isNotNull().isEqualTo(user.updatedAt());
        assertThat(users().findById(user.id())).contains(user);
    }

    @Test
    void usernameIsUniqueRegardlessOfCase() {
        users().insert(alice());
        assertThatThrownBy(() -> users().insert(NewUser.of("ALICE", "other@example.com", null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("username", "is already taken")));
    }

    @Test
    void emailIsUnique() {
        users().insert(alice());
        assertThatThrownBy(() -> users().insert(NewUser.of("alice2", "ALICE@example.com", null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("email"));
    }

    @Test
    void databaseRejectsUsernamesThatBypassTheDomainRules() {
        assertThatThrownBy(() -> users().insert(new NewUser("a b", "x@example.com", null, Role.USER)))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("username"));
    }

    @Test
    void databaseRejectsUpperCaseEmail() {
        assertThatThrownBy(() -> users().insert(new NewUser("bob", "Bob@example.com", null, Role.USER)))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("email"));
    }

    @Test
    void findByUsernameIgnoresCase() {
        User user = users().insert(alice());
        assertThat(users().findByUsername("AliCE")).contains(user);
        assertThat(users().findByUsername("nobody")).isEmpty();
    }

    @Test
    void credentialsCarryTheHashButUsersNever() {
        User user = users().insert(alice());
        assertThat(users().findCredentials("ALICE")).hasValueSatisfying(c -> {
            assertThat(c.userId()).isEqualTo(user.id());
            assertThat(c.passwordHash()).isEqualTo("$argon2id$hash");
            assertThat(c.active()).isTrue();
        });
        assertThat(User.class.getRecordComponents()).noneMatch(rc -> rc.getName().toLowerCase().contains("password"));
    }

    @Test
    void pagesAreInIdOrderWithTotal() {
        for (int i = 0; i < 5; i++) {
            users().insert(NewUser.of("user" + i, "u" + i + "@example.com", null, null));
        }
        Page<User> second = new UserPages(db.jdbi()).page(new PageRequest(2, 2));
        assertThat(second.items()).extracting(User::username).containsExactly("user2", "user3");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(new UserPages(db.jdbi()).page(new PageRequest(4, 2)).items()).isEmpty();
    }

    @Test
    void updateChangesOnlyGivenFields() {
        User user = users().insert(alice());
        User changed = users().update(user.id(), UserChanges.of(null, "NEW@example.com", null, false, Role.ADMIN), null).orElseThrow().after();
        assertThat(changed.username()).isEqualTo("alice");
        assertThat(changed.email()).isEqualTo("new@example.com");
        assertThat(changed.active()).isFalse();
        assertThat(changed.role()).isEqualTo(Role.ADMIN);
        assertThat(changed.updatedAt()).isAfterOrEqualTo(user.updatedAt());
        assertThat(users().findCredentials("alice").orElseThrow().passwordHash()).isEqualTo("$argon2id$hash");
    }

    @Test
    void updateOfMissingUserIsEmpty() {
        assertThat(users().update(999, UserChanges.of("zed", null, null, null, null), null)).isEmpty();
    }

    @Test
    void updateToTakenUsernameIsConflict() {
        users().insert(alice());
        User bob = users().insert(NewUser.of("bob", "bob@example.com", null, null));
        assertThatThrownBy(() -> users().update(bob.id(), UserChanges.of("Alice", null, null, null, null), null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void updateThatChangesNothingWritesNothing() {
        User user = users().insert(alice());
        Updated<User> same = users().update(user.id(), UserChanges.of("alice", "ALICE@example.com", null, true, Role.USER), null).orElseThrow();
        assertThat(same.changed()).isFalse();
        assertThat(same.after()).isEqualTo(user);
        assertThat(users().findById(user.id())).contains(user);
    }

    @Test
    void updateReportsTheUserBeforeAndAfter() {
        User user = users().insert(alice());
        Updated<User> renamed = users().update(user.id(), UserChanges.of("Alice2", null, null, null, null), null).orElseThrow();
        assertThat(renamed.before()).isEqualTo(user);
        assertThat(renamed.after().username()).isEqualTo("Alice2");
        assertThat(renamed.changed(User::username)).isTrue();
        assertThat(renamed.changed(User::email)).isFalse();
    }

    @Test
    void theLastActiveAdminCannotBeDemotedDeactivatedOrDeleted() {
        User admin = users().insert(NewUser.of("root", "root@example.com", null, Role.ADMIN));
        users().insert(NewUser.of("former", "former@example.com", null, Role.ADMIN));
        users().update(users().findByUsername("former").orElseThrow().id(), UserChanges.of(null, null, null, false, null), null);

        assertThatThrownBy(() -> users().update(admin.id(), UserChanges.of(null, null, null, null, Role.USER), null))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("role"));
        assertThatThrownBy(() -> users().update(admin.id(), UserChanges.of(null, null, null, false, null), null))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("is_active"));
        assertThatThrownBy(() -> users().delete(admin.id())).isInstanceOf(ConflictException.class);
        assertThat(users().findById(admin.id())).contains(admin);
    }

    @Test
    void anAdminMayStepDownWhileAnotherActiveAdminRemains() {
        User first = users().insert(NewUser.of("root", "root@example.com", null, Role.ADMIN));
        users().insert(NewUser.of("root2", "root2@example.com", null, Role.ADMIN));
        assertThat(users().update(first.id(), UserChanges.of(null, null, null, null, Role.USER), null).orElseThrow().after().role())
                .isEqualTo(Role.USER);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        for (int round = 0; round < 5; round++) {
            User a = users().insert(NewUser.of("ada" + round, "ada" + round + "@example.com", null, Role.ADMIN));
            User b = users().insert(NewUser.of("bob" + round, "bob" + round + "@example.com", null, Role.ADMIN));
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
        User a = users().insert(NewUser.of("ada", "ada@example.com", null, Role.ADMIN));
        User b = users().insert(NewUser.of("bob", "bob@example.com", null, Role.ADMIN));
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

    @Test
    void deleteRemovesTheUser() {
        User user = users().insert(alice());
        assertThat(users().delete(user.id())).isTrue();
        assertThat(users().findById(user.id())).isEmpty();
        assertThat(users().delete(user.id())).isFalse();
    }

    @Test
    void bulkInsertAddsEveryUserInOneGo() {
        List<NewUser> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(NewUser.of("bulk" + i, "bulk" + i + "@example.com", null, null));
        }
        assertThat(users().insertAll(many)).isEqualTo(2_000);
        assertThat(users().count()).isEqualTo(2_000);
        assertThat(users().findByUsername("bulk1999")).isPresent();
    }

    @Test
    void bulkInsertWithAnExistingUserInsertsNothingAndNamesIt() {
        users().insert(alice());
        List<NewUser> batch = List.of(
                NewUser.of("carol", "carol@example.com", null, null),
                NewUser.of("Alice", "new@example.com", null, null),
                NewUser.of("dave", "alice@example.com", null, null));
        assertThatThrownBy(() -> users().insertAll(batch))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("[1].username", "is already taken"),
                        new FieldError("[2].email", "is already registered")));
        assertThat(users().count()).isEqualTo(1);
    }

    @Test
    void bulkInsertWithRepeatsInsideTheRequestInsertsNothing() {
        List<NewUser> batch = List.of(
                NewUser.of("erin", "erin@example.com", null, null),
                NewUser.of("ERIN", "erin2@example.com", null, null));
        assertThatThrownBy(() -> users().insertAll(batch))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("[1].username", "repeats item [0]")));
        assertThat(users().count()).isZero();
    }

    @Test
    void twoTransactionsInsertingTheSameUsernameOneWinsOneConflicts() throws Exception {
        for (int round = 0; round < 10; round++) {
            String name = "racer" + round;
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(UserDao.class).insert(NewUser.of(name, name + "-0@example.com", null, null)),
                    h -> h.attach(UserDao.class).insert(NewUser.of(name, name + "-1@example.com", null, null))));
            assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(1)
                    .allSatisfy(e -> assertThat(((ConflictException) e).errors())
                            .containsExactly(new FieldError("username", "is already taken")));
        }
        assertThat(users().count()).isEqualTo(10);
    }
}
