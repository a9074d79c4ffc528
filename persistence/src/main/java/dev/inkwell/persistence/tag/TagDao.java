package dev.inkwell.persistence.tag;

import dev.inkwell.domain.tag.Tag;
import dev.inkwell.persistence.ChangesCachedReads;
import dev.inkwell.persistence.ReferencedByPostsDao;
import dev.inkwell.persistence.Updated;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.List;
import java.util.Optional;

/** Tags; names are unique regardless of case. Tags of posts are set through PostDao. */
@RegisterConstructorMapper(Tag.class)
public interface TagDao extends ReferencedByPostsDao {

    @ChangesCachedReads
    @SqlQuery("INSERT INTO tags (name) VALUES (:name) RETURNING id, name")
    Tag insert(String name);

    @SqlQuery("SELECT id, name FROM tags WHERE id = :id")
    Optional<Tag> findById(long id);

    @SqlQuery("SELECT count(*) FROM tags")
    long count();

    /**
     * Renames a tag and returns it before and after; empty when there is no such tag. A rename
     * to the name it has writes nothing (and its posts' cached copies stay good).
     */
    @ChangesCachedReads
    @Transaction
    default Optional<Updated<Tag>> rename(long id, String name) {
        return lock(id).map(before -> new Updated<>(before, renameRow(id, name).orElse(before)));
    }

    @SqlQuery("SELECT id, name FROM tags WHERE id = :id FOR NO KEY UPDATE")
    Optional<Tag> lock(long id);

    @ChangesCachedReads
    @SqlQuery("UPDATE tags SET name = :name WHERE id = :id AND name IS DISTINCT FROM :name RETURNING id, name")
    Optional<Tag> renameRow(long id, String name);

    // delete(id) is ReferencedByPostsDao's: the tag goes from every post (post_tags cascades).

    @Override
    @SqlQuery("SELECT id FROM tags WHERE id = :id FOR UPDATE")
    Optional<Long> lockForDelete(long id);

    @Override
    @SqlQuery("SELECT post_id FROM post_tags WHERE tag_id = :tagId")
    List<Long> postIds(long tagId);

    @Override
    @ChangesCachedReads
    @SqlUpdate("DELETE FROM tags WHERE id = :id")
    boolean deleteRow(long id);
}
