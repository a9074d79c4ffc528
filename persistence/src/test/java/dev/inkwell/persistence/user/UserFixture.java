package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.persistence.testing.PostgresExtension;

/**
 * What the user tests ({@link UserInsertIT}, {@link UserReadsIT}, {@link UserUpdateIT},
 * {@link UserRemovalIT}) and the API token tests (through {@link ApiTokenFixture}) share: a freshly
 * migrated database of the test's own (the {@link PostgresExtension} it extends) with its
 * {@link UserDao}, and alice, the user most of them insert. Each test gets its own, and the
 * database is gone after it: {@code @RegisterExtension final UserFixture db = new UserFixture();}
 */
class UserFixture extends PostgresExtension {
    UserDao users() {
        return dao(UserDao.class);
    }

    static NewUser alice() {
        return NewUser.of("alice", "alice@example.com", "$argon2id$hash", Role.USER);
    }
}
