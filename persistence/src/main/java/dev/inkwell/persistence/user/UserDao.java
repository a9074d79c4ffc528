package dev.inkwell.persistence.user;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.user.Credentials;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.ChangesCachedReads;
import dev.inkwell.persistence.Updated;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users: accounts, their credentials, and the all-or-nothing bulk insert. */
@RegisterConstructorMapper(User.class)
@RegisterConstructorMapper(Credentials.class)
public interface UserDao extends SqlObject {

    @ChangesCachedReads
    @SqlQuery("""
            INSERT INTO users (username, email, password_hash, role)
            VALUES (:username, :email, :passwordHash, :role)
            RETURNING id, username, email, role, is_active AS active, created_at, updated_at
            """)
    User insert(@BindMethods NewUser user);

    @SqlQuery("""
            SELECT id, username, email, role, is_active AS active, created_at, updated_at
              FROM users WHERE id = :id
            """)
    Optional<User> findById(long id);

    @SqlQuery("""
            SELECT id, username, email, role, is_active AS active, created_at, updated_at
              FROM users WHERE lower(username) = lower(:username)
            """)
    Optional<User> findByUsername(String username);

    @SqlQuery("""
            SELECT id AS user_id, password_hash, is_active AS active
              FROM users WHERE lower(username) = lower(:username)
            """)
    Optional<Credentials> findCredentials(String username);

    @SqlQuery("SELECT id AS user_id, password_hash, is_active AS active FROM users WHERE id = :id")
    Optional<Credentials> findCredentialsById(long id);

    @SqlQuery("SELECT count(*) FROM users")
    long count();

    /**
     * Applies the non-null fields of {@code changes} in one transaction and returns the user
     * before and after; empty when no such user. A change that alters nothing writes nothing
     * ({@code updated_at} stays). Sessions end with it: deactivation (or any change of an
     * inactive user's activity) deletes every token of the user, a new password every token but
     * {@code keptToken} (the SHA-256 of the caller's own token when they changed their own
     * password; null keeps none). Either also ends the user's pending invitation or reset
     * ({@link InvitationDao}): it was issued for the password or the account as they were. The
     * last active admin cannot be deactivated or demoted ({@link ConflictException}).
     */
    @ChangesCachedReads
    @Transaction
    default Optional<Updated<User>> update(long id, UserChanges changes, byte[] keptToken) {
        if (Boolean.FALSE.equals(changes.active()) || changes.role() == Role.USER) {
            requireAnotherActiveAdmin(id, changes.role() == Role.USER ? "role" : "is_active");
        }
        Optional<User> locked = lock(id);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        User before = locked.get();
        User after = updateRow(id, changes).orElse(before);
        ApiTokenDao tokens = getHandle().attach(ApiTokenDao.class);
        boolean activityChanged = changes.active() != null && !(before.active() && after.active());
        if (activityChanged) {
            tokens.deleteAllOfExcept(id, null);
        } else if (changes.passwordHash() != null) {
            tokens.deleteAllOfExcept(id, keptToken);
        }
        if (activityChanged || changes.passwordHash() != null) {
            getHandle().attach(InvitationDao.class).deletePending(id);
        }
        return Optional.of(new Updated<>(before, after));
    }

    /**
     * Deletes a user with their profile and tokens; refused (conflict) while they have posts,
     * and for the last active admin.
     */
    @ChangesCachedReads
    @Transaction
    default boolean delete(long id) {
        requireAnotherActiveAdmin(id, null);
        return deleteRow(id);
    }

    /**
     * Throws unless an active admin other than {@code id} remains. The active admins are locked
     * (in id order, so that two such transactions never deadlock) until the end of the
     * transaction: two admins demoting each other at once are decided one after the other, and
     * the second finds the first gone (READ COMMITTED re-checks a locked row against the WHERE).
     */
    private void requireAnotherActiveAdmin(long id, String field) {
        List<Long> admins = lockActiveAdmins();
        if (admins.size() == 1 && admins.get(0) == id) {
            String why = "the last active admin cannot be deleted, deactivated or demoted; make another user an admin first";
            throw new ConflictException(why, field == null ? List.of() : List.of(new FieldError(field, why)));
        }
    }

    @SqlQuery("SELECT id FROM users WHERE role = 'admin' AND is_active ORDER BY id FOR NO KEY UPDATE")
    List<Long> lockActiveAdmins();

    /**
     * NO KEY UPDATE, as every lock taken before an update of a row (posts, categories, tags):
     * the key never changes, and FOR UPDATE would also make every foreign-key check on the row
     * wait (a post or token insert of this user) until the transaction ends.
     */
    @SqlQuery("""
            SELECT id, username, email, role, is_active AS active, created_at, updated_at
              FROM users WHERE id = :id FOR NO KEY UPDATE
            """)
    Optional<User> lock(long id);

    /** Writes the non-null fields of {@code changes}; empty when they change nothing (nothing written). */
    @ChangesCachedReads
    @SqlQuery("""
            UPDATE users
               SET username      = COALESCE(:c.username, username),
                   email         = COALESCE(:c.email, email),
                   password_hash = COALESCE(:c.passwordHash, password_hash),
                   is_active     = COALESCE(:c.active, is_active),
                   role          = COALESCE(:c.role, role),
                   updated_at    = now()
             WHERE id = :id
               AND (username, email, password_hash, is_active, role) IS DISTINCT FROM
                   (COALESCE(:c.username, username), COALESCE(:c.email, email),
                    COALESCE(:c.passwordHash, password_hash), COALESCE(:c.active, is_active), COALESCE(:c.role, role))
            RETURNING id, username, email, role, is_active AS active, created_at, updated_at
            """)
    Optional<User> updateRow(long id, @BindMethods("c") UserChanges changes);

    @ChangesCachedReads
    @SqlUpdate("DELETE FROM users WHERE id = :id")
    boolean deleteRow(long id);

    @ChangesCachedReads
    @SqlUpdate("""
            INSERT INTO users (username, email, password_hash, role)
            SELECT * FROM unnest(:usernames::text[], :emails::text[], :passwordHashes::text[], :roles::text[])
            """)
    int insertRows(String[] usernames, String[] emails, String[] passwordHashes, String[] roles);

    @SqlQuery("""
            SELECT lower(username) FROM users WHERE lower(username) = ANY(:lowerUsernames::text[])
            """)
    Set<String> takenUsernames(String[] lowerUsernames);

    @SqlQuery("SELECT email FROM users WHERE email = ANY(:emails::text[])")
    Set<String> takenEmails(String[] emails);

    /**
     * Inserts all users in one statement (one round trip, all or nothing) and returns how
     * many were inserted. When any username or e-mail repeats within the list or is already
     * taken, nothing is inserted and the {@link ConflictException} names each offending item
     * as {@code [index].field}. Must not run inside a caller's transaction: the offenders are
     * looked up after the failed insert.
     */
    @ChangesCachedReads
    default int insertAll(List<NewUser> users) {
        List<FieldError> offenders = duplicatesWithin(users);
        if (!offenders.isEmpty()) {
            throw new ConflictException("some users repeat a username or e-mail of the same request", offenders);
        }
        int n = users.size();
        String[] usernames = new String[n];
        String[] lowerUsernames = new String[n];
        String[] emails = new String[n];
        String[] hashes = new String[n];
        String[] roles = new String[n];
        for (int i = 0; i < n; i++) {
            NewUser user = users.get(i);
            usernames[i] = user.username();
            lowerUsernames[i] = user.username().toLowerCase(Locale.ROOT);
            emails[i] = user.email();
            hashes[i] = user.passwordHash();
            roles[i] = user.role().code();
        }
        try {
            return insertRows(usernames, emails, hashes, roles);
        } catch (ConflictException e) {
            Set<String> takenNames = takenUsernames(lowerUsernames);
            Set<String> takenEmails = takenEmails(emails);
            List<FieldError> taken = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (takenNames.contains(lowerUsernames[i])) {
                    taken.add(new FieldError("[" + i + "].username", "is already taken"));
                }
                if (takenEmails.contains(emails[i])) {
                    taken.add(new FieldError("[" + i + "].email", "is already registered"));
                }
            }
            // Empty when the clashing row was deleted meanwhile: the original error still stands.
            throw taken.isEmpty() ? e : new ConflictException("some users already exist", taken);
        }
    }

    private static List<FieldError> duplicatesWithin(List<NewUser> users) {
        // Sized for every user at once: 10,000 of them otherwise rehash each map a dozen times.
        Map<String, Integer> firstByName = new HashMap<>(users.size() * 4 / 3 + 1);
        Map<String, Integer> firstByEmail = new HashMap<>(users.size() * 4 / 3 + 1);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Integer name = firstByName.putIfAbsent(users.get(i).username().toLowerCase(Locale.ROOT), i);
            if (name != null) {
                errors.add(new FieldError("[" + i + "].username", "repeats item [" + name + "]"));
            }
            Integer email = firstByEmail.putIfAbsent(users.get(i).email(), i);
            if (email != null) {
                errors.add(new FieldError("[" + i + "].email", "repeats item [" + email + "]"));
            }
        }
        return errors;
    }
}
