package dev.inkwell.persistence.category;

import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.CategoryChanges;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.persistence.ChangesCachedReads;
import dev.inkwell.persistence.ReferencedByPostsDao;
import dev.inkwell.persistence.Updated;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.List;
import java.util.Optional;

/** Categories, a tree: the database refuses cycles and deleting a category that has children (see {@link #delete}). */
@RegisterConstructorMapper(Category.class)
public interface CategoryDao extends ReferencedByPostsDao {

    @ChangesCachedReads
    @SqlQuery("""
            INSERT INTO categories (name, slug, description, parent_id)
            VALUES (:name, :slug, :description, :parentId)
            RETURNING id, name, slug, description, parent_id
            """)
    Category insert(@BindMethods NewCategory category);

    @SqlQuery("SELECT id, name, slug, description, parent_id FROM categories WHERE id = :id")
    Optional<Category> findById(long id);

    @SqlQuery("""
            SELECT id, name, slug, description, parent_id FROM categories
             WHERE parent_id = :parentId ORDER BY lower(name), id
            """)
    List<Category> children(long parentId);

    @SqlQuery("SELECT count(*) FROM categories")
    long count();

    /**
     * Applies {@code changes} and returns the category before and after; empty when there is no
     * such category. Changes that leave it as it is write nothing ({@code updated_at} stays).
     */
    @ChangesCachedReads
    @Transaction
    default Optional<Updated<Category>> update(long id, CategoryChanges changes) {
        return lock(id).map(before -> new Updated<>(before, updateRow(id, changes).orElse(before)));
    }

    @SqlQuery("SELECT id, name, slug, description, parent_id FROM categories WHERE id = :id FOR NO KEY UPDATE")
    Optional<Category> lock(long id);

    /** Writes {@code changes}; empty when they change nothing (nothing written). */
    @ChangesCachedReads
    @SqlQuery("""
            UPDATE categories
               SET name        = COALESCE(:c.name, name),
                   slug        = COALESCE(:c.slug, slug),
                   description = CASE WHEN :c.descriptionChanged THEN :c.description ELSE description END,
                   parent_id   = CASE WHEN :c.parentChanged THEN :c.parentId ELSE parent_id END,
                   updated_at  = now()
             WHERE id = :id
               AND ((name, slug) IS DISTINCT FROM (COALESCE(:c.name, name), COALESCE(:c.slug, slug))
                    OR (:c.descriptionChanged AND description IS DISTINCT FROM CAST(:c.description AS text))
                    OR (:c.parentChanged AND parent_id IS DISTINCT FROM CAST(:c.parentId AS bigint)))
            RETURNING id, name, slug, description, parent_id
            """)
    Optional<Category> updateRow(long id, @BindMethods("c") CategoryChanges changes);

    // delete(id) is ReferencedByPostsDao's: its posts become uncategorized; refused while it has children.

    @Override
    @SqlQuery("SELECT id FROM categories WHERE id = :id FOR UPDATE")
    Optional<Long> lockForDelete(long id);

    @Override
    @SqlQuery("SELECT id FROM posts WHERE category_id = :categoryId")
    List<Long> postIds(long categoryId);

    @Override
    @ChangesCachedReads
    @SqlUpdate("DELETE FROM categories WHERE id = :id")
    boolean deleteRow(long id);
}
