package dev.inkwell.persistence.category;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.persistence.testing.PostgresExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of {@link CategoryDao} ({@link CategoryInsertIT}, {@link CategoryReadsIT},
 * {@link CategoryUpdateIT}, {@link CategoryMovesIT}, {@link CategoryDeleteIT}) share: a freshly
 * migrated database of the test's own (the {@link PostgresExtension} it extends) with its DAOs, categories
 * inserted by name at the root or under a parent, counts, and the check of an invalid field. Each
 * test gets its own, and the database is gone after it:
 * {@code @RegisterExtension final CategoryFixture db = new CategoryFixture();}
 */
final class CategoryFixture extends PostgresExtension {
    CategoryDao categories() {
        return dao(CategoryDao.class);
    }

    Category insert(String name) {
        return categories().insert(NewCategory.of(name, null, null, null));
    }

    Category insertUnder(String name, Category parent) {
        return categories().insert(NewCategory.of(name, null, null, parent.id()));
    }

    long count(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static void assertInvalidField(Throwable e, String field) {
        assertThat(e).isInstanceOfSatisfying(InvalidException.class,
                ie -> assertThat(ie.errors()).extracting(FieldError::field).containsExactly(field));
    }
}
