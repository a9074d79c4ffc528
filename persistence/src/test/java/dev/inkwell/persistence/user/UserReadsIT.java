package dev.inkwell.persistence.user;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.persistence.user.UserFixture.alice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How stored users are read: by username regardless of case, their credentials (which carry the
 * password hash that a {@link dev.inkwell.domain.user.User} never does), and pages in id order with
 * their total.
 */
class UserReadsIT {
    @RegisterExtension
    final UserFixture db = new UserFixture();

    @Test
    void findByUsernameIgnoresCase() {
        User user = db.users().insert(alice());
        assertThat(db.users().findByUsername("AliCE")).contains(user);
        assertThat(db.users().findByUsername("nobody")).isEmpty();
    }

    @Test
    void credentialsCarryTheHashButUsersNever() {
        User user = db.users().insert(alice());
        assertThat(db.users().findCredentials("ALICE")).hasValueSatisfying(c -> {
            assertThat(c.userId()).isEqualTo(user.id());
            assertThat(c.passwordHash()).isEqualTo("$argon2id$hash");
            assertThat(c.active()).isTrue();
        });
        assertThat(User.class.getRecordComponents()).noneMatch(rc -> rc.getName().toLowerCase().contains("password"));
    }

    @Test
    void pagesAreInIdOrderWithTotal() {
        // Names sort against the ids, so that a page in name order is told apart.
        for (int i = 0; i < 5; i++) {
            db.users().insert(NewUser.of("user" + (4 - i), "u" + i + "@example.com", null, null));
        }
        Page<User> second = new UserPages(db.jdbi()).page(new PageRequest(2, 2));
        assertThat(second.items()).extracting(User::username).containsExactly("user2", "user1");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(new UserPages(db.jdbi()).page(new PageRequest(4, 2)).items()).isEmpty();
    }
}
