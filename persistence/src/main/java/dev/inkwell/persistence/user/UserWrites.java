package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserChanges;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.post.PostCache;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * Every write of users, each followed, once it committed, by the invalidation of what it made
 * stale: the kept user pages and the cached posts that embed the author's username. Callers
 * never invalidate themselves. Profiles and tokens are not shown in either, so they are written
 * through their own DAOs.
 */
public final class UserWrites {
    private final UserDao users;
    private final InvitationDao invitations;
    private final PostCache postCache;
    private final KeptTablePages kept;

    public UserWrites(Jdbi jdbi, PostCache postCache, KeptTablePages kept) {
        this.users = jdbi.onDemand(UserDao.class);
        this.invitations = jdbi.onDemand(InvitationDao.class);
        this.postCache = postCache;
        this.kept = kept;
    }

    /** {@link UserDao#insert}; then no kept page lacks the user. */
    public User create(NewUser user) {
        User created = users.insert(user);
        kept.invalidate(Table.USERS);
        return created;
    }

    /** {@link UserDao#insertAll}: all or nothing; then no kept page lacks them. */
    public int createAll(List<NewUser> all) {
        int created = users.insertAll(all);
        kept.invalidate(Table.USERS);
        return created;
    }

    /**
     * {@link UserDao#update}; empty when there is no such user. A change drops the kept pages; a
     * new username also every cached post of the user (they embed it).
     */
    public Optional<Updated<User>> update(long id, UserChanges changes, byte[] keptToken) {
        return invalidated(users.update(id, changes, keptToken));
    }

    /**
     * {@link InvitationDao#accept}: the password of the invitation's user set; empty when the
     * invitation cannot be used (nothing written). The kept pages go (the user's updated_at changed).
     */
    public Optional<Updated<User>> acceptInvitation(byte[] tokenHash, String passwordHash) {
        return invalidated(invitations.accept(tokenHash, passwordHash));
    }

    /** Drops what {@code updated} made stale: the kept pages on any change, the user's posts on a new username. */
    private Optional<Updated<User>> invalidated(Optional<Updated<User>> updated) {
        updated.ifPresent(u -> {
            if (u.changed()) {
                kept.invalidate(Table.USERS);
            }
            if (u.changed(User::username)) {
                postCache.invalidateByAuthor(u.after().id());
            }
        });
        return updated;
    }

    /** {@link UserDao#delete}; false when there was no such user. The kept pages go when one was deleted. */
    public boolean delete(long id) {
        boolean deleted = users.delete(id);
        if (deleted) {
            kept.invalidate(Table.USERS);
        }
        return deleted;
    }
}
