package dev.inkwell.persistence.user;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.persistence.user.UserFixture.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an insert of a user stores and refuses ({@link UserDao#insert}, {@link UserDao#insertAll}):
 * the stored user; usernames unique regardless of case and e-mail addresses unique, also when two
 * inserts race; names and addresses that bypassed the domain's rules refused by the database; a bulk
 * insert in one go, or of nothing when one user is taken or repeats another. Reads:
 * {@link UserReadsIT}.
 */
class UserInsertIT {
    @RegisterExtension
    final UserFixture db = new UserFixture();

    @Test
    void insertReturnsTheStoredUser() {
        User user = db.users().insert(alice());
        assertThat(user.id()).isPositive();
        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.email()).isEqualTo("alice@example.com");
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.active()).isTrue();
        assertThat(user.createdAt()).isNotNull().isEqualTo(user.updatedAt());
        assertThat(db.users().findById(user.id())).contains(user);
    }

    @Test
    void usernameIsUniqueRegardlessOfCase() {
        db.users().insert(alice());
        assertThatThrownBy(() -> db.users().insert(NewUser.of("ALICE", "other@example.com", null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("username", "is already taken")));
    }

    @Test
    void emailIsUnique() {
        db.users().insert(alice());
        assertThatThrownBy(() -> db.users().insert(NewUser.of("alice2", "ALICE@example.com", null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("email"));
    }

    @Test
    void databaseRejectsUsernamesThatBypassTheDomainRules() {
        assertThatThrownBy(() -> db.users().insert(new NewUser("a b", "x@example.com", null, Role.USER)))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("username"));
    }

    @Test
    void databaseRejectsUpperCaseEmail() {
        assertThatThrownBy(() -> db.users().insert(new NewUser("bob", "Bob@example.com", null, Role.USER)))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("email"));
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
        assertThat(db.users().count()).isEqualTo(10);
    }

    @Test
    void bulkInsertAddsEveryUserInOneGo() {
        List<NewUser> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(NewUser.of("bulk" + i, "bulk" + i + "@example.com", i % 2 == 0 ? null : "$argon2id$hash" + i,
                    i % 3 == 0 ? Role.ADMIN : Role.USER));
        }
        // In one go: with the last user refused by the database alone, none of the others is stored.
        List<NewUser> lastRefused = new ArrayList<>(many);
        lastRefused.set(1_999, new NewUser("bulk 1999", "bulk1999@example.com", null, Role.USER));
        assertThatThrownBy(() -> db.users().insertAll(lastRefused))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("username"));
        assertThat(db.users().count()).isZero();

        assertThat(db.users().insertAll(many)).isEqualTo(2_000);
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT concat_ws('|', username, email, coalesce(password_hash, '-'), role, is_active::text) FROM users")
                .mapTo(String.class).list());
        assertThat(stored).containsExactlyInAnyOrderElementsOf(many.stream()
                .map(u -> String.join("|", u.username(), u.email(), u.passwordHash() == null ? "-" : u.passwordHash(),
                        u.role().code(), "true"))
                .toList());
    }

    @Test
    void bulkInsertWithAnExistingUserInsertsNothingAndNamesIt() {
        db.users().insert(alice());
        List<NewUser> batch = List.of(
                NewUser.of("carol", "carol@example.com", null, null),
                NewUser.of("Alice", "new@example.com", null, null),
                NewUser.of("dave", "alice@example.com", null, null));
        assertThatThrownBy(() -> db.users().insertAll(batch))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("[1].username", "is already taken"),
                        new FieldError("[2].email", "is already registered")));
        assertThat(db.users().count()).isEqualTo(1);
    }

    @Test
    void bulkInsertWithRepeatsInsideTheRequestInsertsNothing() {
        List<NewUser> batch = List.of(
                NewUser.of("erin", "erin@example.com", null, null),
                NewUser.of("ERIN", "erin2@example.com", null, null));
        assertThatThrownBy(() -> db.users().insertAll(batch))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("[1].username", "repeats item [0]")));
        assertThat(db.users().count()).isZero();
    }
}
