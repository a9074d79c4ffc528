package dev.inkwell.persistence.category;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.CategoryChanges;
import dev.inkwell.persistence.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.inkwell.persistence.category.CategoryFixture.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Categories moved in the tree: under another parent or to the root, and never into a cycle
 * (under an unknown parent, itself, its child or a descendant refused, with nothing moved; two
 * opposite moves at once serialized). Other changes: {@link CategoryUpdateIT}.
 */
class CategoryMovesIT {
    @RegisterExtension
    final CategoryFixture db = new CategoryFixture();

    private static CategoryChanges moveTo(Long parentId) {
        return CategoryChanges.of(null, null, false, null, true, parentId);
    }

    /** Number of categories that are their own ancestor (0 in a tree). */
    private long categoriesInACycle() {
        return db.count("""
                WITH RECURSIVE walk(start_id, id, depth) AS (
                    SELECT c.id, c.parent_id, 1 FROM categories c WHERE c.parent_id IS NOT NULL
                    UNION ALL
                    SELECT w.start_id, c.parent_id, w.depth + 1
                      FROM walk w JOIN categories c ON c.id = w.id
                     WHERE c.parent_id IS NOT NULL AND w.id <> w.start_id AND w.depth < 1000)
                SELECT count(DISTINCT start_id) FROM walk WHERE id = start_id
                """);
    }

    @Test
    void updateMovesUnderAnotherParent() {
        Category parent = db.insert("Programming");
        Category other = db.insert("Languages");
        Category java = db.insertUnder("Java", parent);
        Category moved = db.categories().update(java.id(), moveTo(other.id())).orElseThrow().after();
        assertThat(moved.parentId()).isEqualTo(other.id());
        assertThat(db.categories().children(parent.id())).isEmpty();
        assertThat(db.categories().children(other.id())).containsExactly(moved);
    }

    @Test
    void parentChangedWithNullParentMovesToTheRoot() {
        Category parent = db.insert("Programming");
        Category java = db.insertUnder("Java", parent);
        Category moved = db.categories().update(java.id(), moveTo(null)).orElseThrow().after();
        assertThat(moved.parentId()).isNull();
        assertThat(moved.name()).isEqualTo("Java");
        assertThat(db.categories().findById(java.id()).orElseThrow().parentId()).isNull();
        assertThat(db.categories().children(parent.id())).isEmpty();
    }

    @Test
    void movingUnderAnUnknownParentIsInvalidParentId() {
        Category java = db.insert("Java");
        Throwable thrown = catchThrowable(
                () -> db.categories().update(java.id(), moveTo(12345L)));
        assertInvalidField(thrown, "parent_id");
        assertThat(db.categories().findById(java.id())).contains(java);
    }

    @Test
    void categoryCannotBeItsOwnParent() {
        Category java = db.insert("Java");
        Throwable thrown = catchThrowable(
                () -> db.categories().update(java.id(), moveTo(java.id())));
        assertInvalidField(thrown, "parent_id");
        assertThat(db.categories().findById(java.id()).orElseThrow().parentId()).isNull();
    }

    @Test
    void movingAnAncestorUnderItsDescendantIsInvalidParentId() {
        Category a = db.insert("A");
        Category b = db.insertUnder("B", a);
        Category c = db.insertUnder("C", b);
        Throwable thrown = catchThrowable(
                () -> db.categories().update(a.id(), moveTo(c.id())));
        assertInvalidField(thrown, "parent_id");
        assertThat(db.categories().findById(a.id()).orElseThrow().parentId()).isNull();
        assertThat(categoriesInACycle()).isZero();
    }

    @Test
    void movingUnderTheDirectChildIsInvalidParentId() {
        Category a = db.insert("A");
        Category b = db.insertUnder("B", a);
        Throwable thrown = catchThrowable(
                () -> db.categories().update(a.id(), moveTo(b.id())));
        assertInvalidField(thrown, "parent_id");
        assertThat(categoriesInACycle()).isZero();
    }

    @Test
    void concurrentOppositeMovesNeverBuildACycle() throws Exception {
        int successes = 0;
        for (int round = 0; round < 10; round++) {
            Category a = db.insert("A" + round);
            Category b = db.insert("B" + round);
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(CategoryDao.class).update(a.id(), moveTo(b.id())).orElseThrow().after(),
                    h -> h.attach(CategoryDao.class).update(b.id(), moveTo(a.id())).orElseThrow().after()));
            assertThat(outcomes).filteredOn(Category.class::isInstance).hasSizeLessThanOrEqualTo(1);
            assertThat(outcomes).filteredOn(o -> !(o instanceof Category)).allSatisfy(o -> assertThat(o)
                    .isInstanceOfAny(InvalidException.class, ConflictException.class));
            assertThat(categoriesInACycle()).as("categories in a cycle after round %d", round).isZero();
            successes += (int) outcomes.stream().filter(Category.class::isInstance).count();
        }
        // The moves are serialized: the first wins and the second sees the cycle it would close.
        assertThat(successes).isEqualTo(10);
    }
}
