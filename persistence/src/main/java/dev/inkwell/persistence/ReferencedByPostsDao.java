package dev.inkwell.persistence;

import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.List;
import java.util.Optional;

/**
 * The delete of a row that posts refer to (a category, a tag), for the DAO of its table to
 * extend with the three statements in its own SQL. The row lock makes the list of the posts that
 * lost the row complete: a post cannot take the row up (its foreign-key check waits for the lock)
 * between the list and the delete.
 */
public interface ReferencedByPostsDao {

    /**
     * Deletes row {@code id} and returns the ids of the posts that referred to it (their cached
     * copies are stale), or empty when there was no such row. Refusals of the database (a category
     * that has children) are the delete's.
     */
    @ChangesCachedReads
    @Transaction
    default Optional<List<Long>> delete(long id) {
        if (lockForDelete(id).isEmpty()) {
            return Optional.empty();
        }
        List<Long> posts = postIds(id);
        deleteRow(id);
        return Optional.of(posts);
    }

    /** Locks row {@code id} FOR UPDATE; empty when there is none. */
    Optional<Long> lockForDelete(long id);

    /** The posts that refer to row {@code id}. */
    List<Long> postIds(long id);

    @ChangesCachedReads
    boolean deleteRow(long id);
}
