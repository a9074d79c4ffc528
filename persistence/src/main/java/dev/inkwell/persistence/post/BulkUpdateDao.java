package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.BulkUpdate;
import dev.inkwell.domain.post.BulkUpdateStatus;
import dev.inkwell.domain.tag.TagName;
import dev.inkwell.persistence.ChangesCachedReads;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk updates of posts: what was asked, the plan (keyset chunks of the target), and applying
 * one chunk. Applying is idempotent: a chunk's row is locked while it is applied and marked
 * done in the same transaction, so a chunk run twice (JobRunr runs a job at least once) changes
 * posts once. The target and the change are read from the bulk update's own row in SQL, by the
 * statements of {@link BulkUpdateChunkSql}.
 */
@RegisterConstructorMapper(BulkUpdateStatus.class)
public interface BulkUpdateDao extends BulkUpdateChunkSql, SqlObject {

    /** What one chunk did: the posts it covers (their cached copies go), how many changed, whether it had been done before. */
    record ChunkResult(List<Long> postIds, int changed, boolean alreadyDone) {
    }

    /**
     * Stores the bulk update; with a {@code requestId} the owner has used before, stores nothing
     * and returns the id of that earlier one.
     */
    @Transaction
    default UUID insertOnce(BulkUpdate u) {
        Optional<UUID> inserted = getHandle().createQuery("""
                INSERT INTO bulk_updates (id, owner_id, request_id, post_ids, filter_category_id, filter_tag,
                                          filter_author_id, filter_published, filter_created_before, filter_created_after,
                                          set_published, set_category, set_category_id, add_tags, remove_tags)
                VALUES (:id, :ownerId, :requestId, :postIds, :categoryId, :tag, :authorId, :published, :createdBefore,
                        :createdAfter, :setPublished, :setCategory, :setCategoryId, :addTags, :removeTags)
                ON CONFLICT (owner_id, request_id) DO NOTHING
                RETURNING id
                """)
                .bind("id", u.id())
                .bind("ownerId", u.ownerId())
                .bind("requestId", u.requestId())
                .bind("postIds", u.postIds() == null ? null : u.postIds().stream().mapToLong(Long::longValue).toArray())
                .bind("categoryId", u.filter() == null ? null : u.filter().categoryId())
                .bind("tag", u.filter() == null ? null : u.filter().tag())
                .bind("authorId", u.filter() == null ? null : u.filter().authorId())
                .bind("published", u.filter() == null ? null : u.filter().published())
                .bind("createdBefore", u.filter() == null ? null : u.filter().createdBefore())
                .bind("createdAfter", u.filter() == null ? null : u.filter().createdAfter())
                .bind("setPublished", u.change().published())
                .bind("setCategory", u.change().categoryChanged())
                .bind("setCategoryId", u.change().categoryId())
                .bind("addTags", u.change().addTags().toArray(String[]::new))
                .bind("removeTags", u.change().removeTags().toArray(String[]::new))
                .mapTo(UUID.class)
                .findOne();
        return inserted.orElseGet(() -> idOfRequest(u.ownerId(), u.requestId()).orElseThrow());
    }

    /**
     * Tells idle workers now that a job was enqueued (call it after the enqueue committed), so that
     * a bulk update starts at once rather than at a worker's next poll of the job storage (5 s
     * apart at least). Only a hint: a worker that misses it finds the job at its next poll.
     */
    @SqlUpdate("NOTIFY " + dev.inkwell.persistence.job.JobWakeUps.CHANNEL)
    void wakeWorkers();

    @SqlQuery("SELECT id FROM bulk_updates WHERE owner_id = :ownerId AND request_id = :requestId")
    Optional<UUID> idOfRequest(long ownerId, String requestId);

    /**
     * Splits the target into chunks of at most {@code size} posts (keyset ranges of ids), once:
     * planning again returns the first plan. Returns the number of chunks.
     */
    @Transaction
    default int plan(UUID id, int size) {
        Optional<Integer> planned = lockForPlanning(id);
        if (planned.isEmpty()) {
            return 0; // deleted with its owner meanwhile: nothing to do
        }
        if (planned.get() >= 0) {
            return planned.get();
        }
        insertChunks(id, size);
        return recordPlan(id);
    }

    /** Locks the bulk update; its chunk count, -1 while unplanned, empty when it does not exist. */
    @SqlQuery("SELECT COALESCE(chunk_count, -1) FROM bulk_updates WHERE id = :id FOR UPDATE")
    Optional<Integer> lockForPlanning(UUID id);

    @SqlUpdate("INSERT INTO bulk_update_chunks (bulk_update_id, chunk, first_id, last_id)"
            + " SELECT :id, n, min(id), max(id) FROM (SELECT p.id, (row_number() OVER (ORDER BY p.id) - 1) / :size AS n"
            + TARGETS + ") t GROUP BY n")
    void insertChunks(UUID id, int size);

    @SqlQuery("""
            UPDATE bulk_updates SET chunk_count = (SELECT count(*) FROM bulk_update_chunks WHERE bulk_update_id = :id)
             WHERE id = :id
            RETURNING chunk_count
            """)
    int recordPlan(UUID id);

    /** Applies chunk {@code chunk} of bulk update {@code id}, unless it was applied before. */
    @ChangesCachedReads
    @Transaction
    default ChunkResult applyChunk(UUID id, int chunk) {
        Optional<ChunkLock> lock = lockChunk(id, chunk);
        if (lock.isEmpty()) {
            return new ChunkResult(List.of(), 0, true);
        }
        List<Long> targets = targetsOfChunk(id, chunk);
        if (lock.get().done()) {
            return new ChunkResult(targets, 0, true);
        }
        long[] ids = targets.stream().mapToLong(Long::longValue).toArray();
        Set<Long> changed = new HashSet<>(setFields(id, ids));
        // The tag statements only when there are tags to remove or add: each reads post_tags (the
        // removal a whole scan of it at times) even when the list is empty.
        Set<Long> tagged = new HashSet<>(lock.get().removesTags() ? removeTags(id, ids) : List.of());
        Set<Long> limited = new HashSet<>();
        if (lock.get().addsTags()) {
            insertMissingTags(id);
            // Removals first, so that they make room; a post the added tags would take past the limit gets none of them.
            limited.addAll(overTagLimit(id, ids, TagName.MAX_PER_POST));
            tagged.addAll(addTags(id, limited.isEmpty() ? ids : targets.stream().filter(p -> !limited.contains(p)).mapToLong(Long::longValue).toArray()));
        }
        tagged.removeAll(changed);
        if (!tagged.isEmpty()) {
            bumpVersions(tagged.stream().mapToLong(Long::longValue).toArray());
        }
        changed.addAll(tagged);
        markDone(id, chunk, targets.size(), changed.size(), limited.size());
        return new ChunkResult(targets, changed.size(), false);
    }

    /** Records why a chunk failed (in its own transaction: the chunk's was rolled back). */
    @SqlUpdate("UPDATE bulk_update_chunks SET last_error = left(:error, 500) WHERE bulk_update_id = :id AND chunk = :chunk")
    void recordError(UUID id, int chunk, String error);

    /** The chunks not done yet, in order. */
    @SqlQuery("SELECT chunk FROM bulk_update_chunks WHERE bulk_update_id = :id AND done_at IS NULL ORDER BY chunk")
    List<Integer> chunksToDo(UUID id);

    @SqlQuery("""
            SELECT b.id, b.owner_id, b.chunk_count AS chunks, b.created_at,
                   count(c.done_at)::int AS chunks_done,
                   COALESCE(sum(c.matched), 0) AS matched, COALESCE(sum(c.changed), 0) AS changed,
                   COALESCE(sum(c.tag_limited), 0) AS tag_limited,
                   max(c.done_at) AS last_done_at,
                   (SELECT e.last_error FROM bulk_update_chunks e
                     WHERE e.bulk_update_id = b.id AND e.last_error IS NOT NULL ORDER BY e.chunk LIMIT 1) AS last_error
              FROM bulk_updates b
              LEFT JOIN bulk_update_chunks c ON c.bulk_update_id = b.id
             WHERE b.id = :id
             GROUP BY b.id
            """)
    Optional<BulkUpdateStatus> status(UUID id);

    /** How many of {@code ids} exist, and how many of those someone other than {@code ownerId} wrote. */
    @SqlQuery("""
            SELECT count(*) AS found, count(*) FILTER (WHERE author_id <> :ownerId) AS not_owned
              FROM posts WHERE id = ANY(:ids)
            """)
    @RegisterConstructorMapper(Ownership.class)
    Ownership ownership(long[] ids, long ownerId);

    /** See {@link #ownership}. */
    record Ownership(long found, long notOwned) {
    }
}
