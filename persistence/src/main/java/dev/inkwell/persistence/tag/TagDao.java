package dev.inkwell.persistence.tag;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.tag.Tag;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Tags; names are unique regardless of case. Tags of posts are set through PostDao. */
@RegisterConstructorMapper(Tag.class)
public interface TagDao {

    @SqlQuery("INSERT INTO tags (name) VALUES (:name) RETURNING id, name")
    Tag insert(String name);

    @SqlQuery("SELECT id, name FROM tags WHERE id = :id")
    Optional<Tag> findById(long id);

    @SqlQuery("SELECT id, name FROM tags WHERE lower(name) = lower(:name)")
    Optional<Tag> findByName(String name);

    @SqlQuery("SELECT id, name FROM tags ORDER BY lower(name), id LIMIT :limit OFFSET :offset")
    List<Tag> list(int limit, long offset);

    @SqlQuery("SELECT count(*) FROM tags")
    long count();

    /** A page of tags in name order, with the total. */
    default Page<Tag> page(PageRequest request) {
        return new Page<>(list(request.perPage(), request.offset()), count(), request.page(), request.perPage(), null);
    }

    @SqlQuery("UPDATE tags SET name = :name WHERE id = :id RETURNING id, name")
    Optional<Tag> rename(long id, String name);

    /** Deletes a tag and removes it from every post. */
    @SqlUpdate("DELETE FROM tags WHERE id = :id")
    boolean delete(long id);
}
