package dev.inkwell.persistence.category;

import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.CategoryChanges;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.Updated;
import dev.inkwell.persistence.post.PostCache;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * Every write of categories, each followed, once it committed, by the invalidation of what it
 * made stale: the kept category pages (a category shows there, and among its parent's children)
 * and the cached posts that embed its name. Callers never invalidate themselves.
 */
public final class CategoryWrites {
    private final CategoryDao categories;
    private final PostCache postCache;
    private final KeptTablePages kept;

    public CategoryWrites(Jdbi jdbi, PostCache postCache, KeptTablePages kept) {
        this.categories = jdbi.onDemand(CategoryDao.class);
        this.postCache = postCache;
        this.kept = kept;
    }

    /** {@link CategoryDao#insert}; then no kept page lacks it. */
    public Category create(NewCategory category) {
        Category created = categories.insert(category);
        kept.invalidate(Table.CATEGORIES);
        return created;
    }

    /**
     * {@link CategoryDao#update}; empty when there is no such category. A change drops the kept
     * pages; a new name also the cached posts of the category (they embed it).
     */
    public Optional<Updated<Category>> update(long id, CategoryChanges changes) {
        Optional<Updated<Category>> updated = categories.update(id, changes);
        updated.ifPresent(u -> {
            if (u.changed()) {
                kept.invalidate(Table.CATEGORIES);
            }
            if (u.changed(Category::name)) {
                postCache.invalidateByCategory(id);
            }
        });
        return updated;
    }

    /** {@link CategoryDao#delete}; false when there was no such category. Its posts' cached copies and the kept pages go. */
    public boolean delete(long id) {
        Optional<List<Long>> uncategorized = categories.delete(id);
        if (uncategorized.isEmpty()) {
            return false;
        }
        postCache.invalidate(uncategorized.get());
        kept.invalidate(Table.CATEGORIES);
        return true;
    }
}
