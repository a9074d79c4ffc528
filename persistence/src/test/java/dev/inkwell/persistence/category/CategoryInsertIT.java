package dev.inkwell.persistence.category;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.inkwell.persistence.category.CategoryFixture.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What {@link CategoryDao#insert} stores, at the root or under a parent, and the inserts it
 * refuses with nothing stored: a name taken regardless of case, a slug taken, an unknown parent, a
 * slug that bypassed the domain's rules. Reads: {@link CategoryReadsIT}.
 */
class CategoryInsertIT {
    @RegisterExtension
    final CategoryFixture db = new CategoryFixture();

    @Test
    void insertReturnsTheStoredCategory() {
        Category root = db.categories().insert(NewCategory.of("Café Culture", null, "Coffee and more", null));
        assertThat(root.id()).isPositive();
        assertThat(root.name()).isEqualTo("Café Culture");
        assertThat(root.slug()).isEqualTo("cafe-culture");
        assertThat(root.description()).isEqualTo("Coffee and more");
        assertThat(root.parentId()).isNull();
        assertThat(db.categories().findById(root.id())).contains(root);
    }

    @Test
    void insertUnderAParentKeepsTheParent() {
        Category parent = db.insert("Programming");
        Category child = db.insertUnder("Java", parent);
        assertThat(child.parentId()).isEqualTo(parent.id());
        assertThat(db.categories().findById(child.id())).contains(child);
    }

    @Test
    void duplicateNameIgnoringCaseIsConflictOnName() {
        db.insert("Java");
        assertThatThrownBy(() -> db.categories().insert(NewCategory.of("JAVA", "java-again", null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThat(db.categories().count()).isEqualTo(1);
    }

    @Test
    void duplicateSlugIsConflictOnSlug() {
        db.insert("Java");
        assertThatThrownBy(() -> db.categories().insert(NewCategory.of("Java!", null, null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("slug"));
        assertThat(db.categories().count()).isEqualTo(1);
    }

    @Test
    void unknownParentIsInvalidParentId() {
        Throwable thrown = catchThrowable(
                () -> db.categories().insert(NewCategory.of("Java", null, null, 12345L)));
        assertInvalidField(thrown, "parent_id");
        assertThat(db.categories().count()).isZero();
    }

    @Test
    void badSlugBypassingTheDomainRulesIsInvalidSlug() {
        Throwable thrown = catchThrowable(
                () -> db.categories().insert(new NewCategory("X", "Bad Slug", null, null)));
        assertInvalidField(thrown, "slug");
        assertThat(db.categories().count()).isZero();
    }
}
