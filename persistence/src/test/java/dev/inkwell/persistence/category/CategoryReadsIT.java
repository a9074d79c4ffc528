package dev.inkwell.persistence.category;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.Category;
import dev.inkwell.persistence.category.CategoryPages.CategoryTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads of categories: none for a missing id, a category's direct children in name order, and
 * pages of {@link CategoryPages} in name order regardless of case, with their total.
 */
class CategoryReadsIT {
    @RegisterExtension
    final CategoryFixture db = new CategoryFixture();

    private CategoryPages pages() {
        return new CategoryPages(db.jdbi());
    }

    @Test
    void findByIdOfMissingCategoryIsEmpty() {
        assertThat(db.categories().findById(12345)).isEmpty();
    }

    @Test
    void childrenAreTheDirectChildrenInNameOrder() {
        Category parent = db.insert("Programming");
        Category other = db.insert("Cooking");
        Category rust = db.insertUnder("rust", parent);
        Category java = db.insertUnder("Java", parent);
        Category go = db.insertUnder("Go", parent);
        db.insertUnder("Generics", java);
        db.insertUnder("Baking", other);

        assertThat(db.categories().children(parent.id())).containsExactly(go, java, rust);
        assertThat(db.categories().children(rust.id())).isEmpty();
    }

    @Test
    void pagesAreInNameOrderIgnoringCaseWithTotal() {
        for (String name : List.of("delta", "Alpha", "echo", "Charlie", "bravo")) {
            db.insert(name);
        }
        Page<CategoryTree> second = pages().page(new PageRequest(2, 2));
        assertThat(second.items()).extracting(t -> t.category().name()).containsExactly("Charlie", "delta");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(pages().page(new PageRequest(3, 2)).items()).extracting(t -> t.category().name()).containsExactly("echo");
        assertThat(pages().page(new PageRequest(4, 2)).items()).isEmpty();
    }
}
