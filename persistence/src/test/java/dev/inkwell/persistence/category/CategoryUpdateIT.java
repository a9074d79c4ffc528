package dev.inkwell.persistence.category;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.CategoryChanges;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.persistence.Updated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link CategoryDao#update} changes in place: only the given fields (a parent only when
 * told it changed), a description cleared, nothing written when nothing changes, nothing for a
 * missing category, a name taken refused. Moves in the tree: {@link CategoryMovesIT}.
 */
class CategoryUpdateIT {
    @RegisterExtension
    final CategoryFixture db = new CategoryFixture();

    @Test
    void updateChangesOnlyGivenFields() {
        Category parent = db.insert("Programming");
        Category java = db.categories().insert(NewCategory.of("Java", null, "The JVM language", parent.id()));

        Category renamed = db.categories().update(java.id(), CategoryChanges.of("Java SE", null, false, null, false, null)).orElseThrow().after();

        assertThat(renamed).isEqualTo(new Category(java.id(), "Java SE", "java", "The JVM language", parent.id()));
        assertThat(db.categories().findById(java.id())).contains(renamed);
    }

    @Test
    void updateChangesSlugAndDescription() {
        Category java = db.categories().insert(NewCategory.of("Java", null, "old", null));
        Category changed = db.categories().update(java.id(), CategoryChanges.of(null, "java-se", true, "new", false, null)).orElseThrow().after();
        assertThat(changed).isEqualTo(new Category(java.id(), "Java", "java-se", "new", null));
        assertThat(db.categories().findById(java.id())).as("read back").contains(changed);
    }

    @Test
    void parentIdIsIgnoredUnlessParentChanged() {
        Category parent = db.insert("Programming");
        Category other = db.insert("Cooking");
        Category java = db.insertUnder("Java", parent);
        Category unchanged = db.categories().update(java.id(), CategoryChanges.of(null, null, false, null, false, other.id())).orElseThrow().after();
        assertThat(unchanged.parentId()).isEqualTo(parent.id());
        assertThat(db.categories().findById(java.id()).orElseThrow().parentId()).as("read back").isEqualTo(parent.id());
    }

    @Test
    void updateClearsTheDescriptionWhenItChangedToNull() {
        Category java = db.categories().insert(NewCategory.of("Java", null, "old", null));
        Category cleared = db.categories().update(java.id(), CategoryChanges.of(null, null, true, null, false, null)).orElseThrow().after();
        assertThat(cleared.description()).isNull();
        assertThat(db.categories().findById(java.id()).orElseThrow().description()).as("read back").isNull();
    }

    @Test
    void updateThatChangesNothingWritesNothing() {
        Category parent = db.insert("Programming");
        Category java = db.categories().insert(NewCategory.of("Java", null, "The JVM language", parent.id()));
        String before = updatedAt(java.id());
        Updated<Category> same = db.categories().update(java.id(),
                CategoryChanges.of("Java", "java", true, "The JVM language", true, parent.id())).orElseThrow();
        assertThat(same.changed()).isFalse();
        assertThat(same.after()).isEqualTo(java);
        assertThat(updatedAt(java.id())).isEqualTo(before);
    }

    private String updatedAt(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT updated_at::text FROM categories WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void updateOfMissingCategoryIsEmpty() {
        assertThat(db.categories().update(12345, CategoryChanges.of("Nothing", null, false, null, false, null))).isEmpty();
    }

    @Test
    void renamingToAnExistingNameIsConflictOnName() {
        db.insert("Java");
        Category kotlin = db.insert("Kotlin");
        assertThatThrownBy(() -> db.categories().update(kotlin.id(), CategoryChanges.of("java", null, false, null, false, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThat(db.categories().findById(kotlin.id())).contains(kotlin);
    }
}
