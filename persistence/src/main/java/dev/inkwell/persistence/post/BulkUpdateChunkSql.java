package dev.inkwell.persistence.post;

import dev.inkwell.persistence.ChangesCachedReads;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements a bulk update's target and one chunk's change are made of, each a single SQL
 * statement that reads what to do from the bulk update's row. {@link BulkUpdateDao} extends it
 * and runs them: planning in {@code plan}, a chunk in {@code applyChunk}'s one transaction.
 */
public interface BulkUpdateChunkSql {

    /** The posts a bulk update targets ({@code :id} is the bulk update); add conditions after it. */
    String TARGETS = """
              FROM posts p
              JOIN bulk_updates b ON b.id = :id
             WHERE (b.post_ids IS NULL OR p.id = ANY(b.post_ids))
               AND (b.filter_category_id IS NULL OR p.category_id = b.filter_category_id)
               AND (b.filter_author_id IS NULL OR p.author_id = b.filter_author_id)
               AND (b.filter_published IS NULL OR p.published = b.filter_published)
               AND (b.filter_created_before IS NULL OR p.created_at < b.filter_created_before)
               AND (b.filter_created_after IS NULL OR p.created_at >= b.filter_created_after)
               AND (b.filter_tag IS NULL OR EXISTS (
                       SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                        WHERE pt.post_id = p.id AND lower(t.name) = lower(b.filter_tag)))
            """;

    /** A locked chunk: whether it is done, and whether its bulk update adds or removes any tag. */
    record ChunkLock(boolean done, boolean addsTags, boolean removesTags) {
    }

    /** Locks the chunk's row; empty when there is no such chunk. */
    @SqlQuery("""
            SELECT c.done_at IS NOT NULL AS done,
                   COALESCE(cardinality(b.add_tags), 0) > 0 AS adds_tags,
                   COALESCE(cardinality(b.remove_tags), 0) > 0 AS removes_tags
              FROM bulk_update_chunks c
              JOIN bulk_updates b ON b.id = c.bulk_update_id
             WHERE c.bulk_update_id = :id AND c.chunk = :chunk
               FOR UPDATE OF c
            """)
    @RegisterConstructorMapper(ChunkLock.class)
    Optional<ChunkLock> lockChunk(UUID id, int chunk);

    @SqlQuery("SELECT p.id" + TARGETS + """
               AND p.id BETWEEN (SELECT first_id FROM bulk_update_chunks WHERE bulk_update_id = :id AND chunk = :chunk)
                            AND (SELECT last_id FROM bulk_update_chunks WHERE bulk_update_id = :id AND chunk = :chunk)
             ORDER BY p.id
               FOR UPDATE OF p
            """)
    List<Long> targetsOfChunk(UUID id, int chunk);

    /**
     * Sets published and the category where they differ; returns the posts that changed. Setting
     * published (either way) decides now, as a PATCH of it does: it cancels a scheduled publishing
     * ({@code publish_at}), so a scheduled draft set to false stays a draft.
     */
    @ChangesCachedReads
    @SqlQuery("""
            UPDATE posts p
               SET published    = COALESCE(b.set_published, p.published),
                   published_at = CASE WHEN b.set_published IS NULL THEN p.published_at
                                       WHEN NOT b.set_published THEN NULL
                                       ELSE COALESCE(p.published_at, now()) END,
                   publish_at   = CASE WHEN b.set_published IS NULL THEN p.publish_at END,
                   category_id  = CASE WHEN b.set_category THEN b.set_category_id ELSE p.category_id END,
                   version      = p.version + 1,
                   updated_at   = now()
              FROM bulk_updates b
             WHERE b.id = :id AND p.id = ANY(:ids)
               AND ((b.set_published IS NOT NULL AND (p.published IS DISTINCT FROM b.set_published OR p.publish_at IS NOT NULL))
                 OR (b.set_category AND p.category_id IS DISTINCT FROM b.set_category_id))
            RETURNING p.id
            """)
    List<Long> setFields(UUID id, long[] ids);

    /** Tags are created on first use, in one order (lower-cased) so that concurrent writers lock alike. */
    @ChangesCachedReads
    @SqlUpdate("""
            INSERT INTO tags (name)
            SELECT x FROM bulk_updates b, unnest(b.add_tags) x WHERE b.id = :id ORDER BY lower(x)
            ON CONFLICT (lower(name)) DO NOTHING
            """)
    void insertMissingTags(UUID id);

    @ChangesCachedReads
    @SqlQuery("""
            INSERT INTO post_tags (post_id, tag_id)
            SELECT p.id, t.id
              FROM unnest(:ids) AS p(id), bulk_updates b, tags t
             WHERE b.id = :id AND lower(t.name) IN (SELECT lower(x) FROM unnest(b.add_tags) x)
            ON CONFLICT DO NOTHING
            RETURNING post_id
            """)
    List<Long> addTags(UUID id, long[] ids);

    /** The posts of {@code ids} that the bulk update's added tags (those they lack) would give more than {@code max} tags. */
    @SqlQuery("""
            SELECT p.id
              FROM unnest(:ids) AS p(id), bulk_updates b
             WHERE b.id = :id AND cardinality(b.add_tags) > 0
               AND (SELECT count(*) FROM post_tags pt WHERE pt.post_id = p.id)
                 + (SELECT count(*) FROM tags t
                     WHERE lower(t.name) IN (SELECT lower(x) FROM unnest(b.add_tags) x)
                       AND NOT EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = t.id)) > :max
            """)
    List<Long> overTagLimit(UUID id, long[] ids, int max);

    @ChangesCachedReads
    @SqlQuery("""
            DELETE FROM post_tags pt USING tags t, bulk_updates b
             WHERE b.id = :id AND pt.post_id = ANY(:ids) AND t.id = pt.tag_id
               AND lower(t.name) IN (SELECT lower(x) FROM unnest(b.remove_tags) x)
            RETURNING pt.post_id
            """)
    List<Long> removeTags(UUID id, long[] ids);

    @ChangesCachedReads
    @SqlUpdate("UPDATE posts SET version = version + 1, updated_at = now() WHERE id = ANY(:ids)")
    void bumpVersions(long[] ids);

    @SqlUpdate("""
            UPDATE bulk_update_chunks SET matched = :matched, changed = :changed, tag_limited = :tagLimited,
                   done_at = now(), last_error = NULL
             WHERE bulk_update_id = :id AND chunk = :chunk
            """)
    void markDone(UUID id, int chunk, int matched, int changed, int tagLimited);
}
