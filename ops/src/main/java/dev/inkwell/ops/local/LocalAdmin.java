package dev.inkwell.ops.local;

import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.auth.Tokens;
import dev.inkwell.api.cli.RunningApiCache;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.persistence.user.UserWrites;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Local mode's user "admin": created with a random password on a database without admins, or
 * given a new one with {@code local --reset-admin-password}; the password is printed once, with a
 * token. Local mode calls it only once its servers listen, so a run that fails to start leaves
 * no admin whose password nobody saw; the write goes through the {@link RunningApiCache running
 * api's cache}, so kept pages of the user list that the api holds are dropped.
 */
final class LocalAdmin {
    static final String USERNAME = "admin";

    private final DatabaseUrl database;
    private final CacheFactory cache;

    LocalAdmin(DatabaseUrl database, CacheFactory cache) {
        this.database = database;
        this.cache = cache;
    }

    /** What to print about the admin: a new account, a new password, or nothing (empty). */
    Optional<String> prepare(boolean resetPassword) {
        try (DatabaseFactory.Database db = DatabaseFactory.of(database).openOutsideServer("local-admin");
             RunningApiCache api = RunningApiCache.open(cache, db.jdbi())) {
            return prepare(db.jdbi(), api.userWrites(), resetPassword);
        }
    }

    private static Optional<String> prepare(Jdbi jdbi, UserWrites writes, boolean resetPassword) {
        if (!resetPassword && hasAdmin(jdbi)) {
            return Optional.empty();
        }
        String password = randomSecret();
        String hash = PasswordHasher.owaspDefaults().hash(password);
        UserDao users = jdbi.onDemand(UserDao.class);
        Optional<User> named = users.findByUsername(USERNAME);
        User admin;
        if (named.isEmpty()) {
            // First run, or --reset-admin-password after 'admin' was deleted: a new one either way.
            admin = writes.create(new NewUser(USERNAME, "admin@localhost.localdomain", hash, Role.ADMIN));
        } else if (named.get().isAdmin()) {
            // Active again too: the point is an admin who can sign in.
            admin = writes.update(named.get().id(), new UserChanges(null, null, hash, true, null), null).orElseThrow().after();
        } else {
            throw new LocalModeException("the user '" + USERNAME
                    + "' of this database is not an admin; have another admin make it one (PATCH /api/users/"
                    + named.get().id() + " {\"role\": \"admin\"})");
        }
        Tokens.Issued token = new Tokens(jdbi, Duration.ofDays(30)).issue(admin.id());
        return Optional.of("  Admin:      username " + USERNAME + ", password " + password
                + " (shown once; lost it? start with: local --reset-admin-password)\n"
                + "  Token:      Authorization: Bearer " + token.token() + "  (until " + token.expiresAt() + ")");
    }

    private static boolean hasAdmin(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')")
                .mapTo(Boolean.class).one());
    }

    static String randomSecret() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
