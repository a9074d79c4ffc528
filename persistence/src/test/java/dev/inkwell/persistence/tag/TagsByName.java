package dev.inkwell.persistence.tag;

import dev.inkwell.domain.tag.Tag;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.Optional;

/**
 * {@link TagDao} with a look-up by name that only tests need (the application finds tags by name
 * inside PostDao's statements): kept out of the production DAO.
 */
@RegisterConstructorMapper(Tag.class)
public interface TagsByName extends TagDao {

    @SqlQuery("SELECT id, name FROM tags WHERE lower(name) = lower(:name)")
    Optional<Tag> findByName(String name);
}
