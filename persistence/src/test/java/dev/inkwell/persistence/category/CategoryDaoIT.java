package dev.inkwell.persistence.category;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.Category;
import dev.inkwell.persistence.category.CategoryPages.CategoryTree;
import dev.inkwell.domain.category.CategoryChanges;
import dev.inkwell.persistence.Updated;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class CategoryDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private CategoryDao categories() {
        return db.dao(CategoryDao.class);
    }

    private CategoryPages pages() {
        return new CategoryPages(db.jdbi());
    }

    private Category insert(String name) {
        return categories().insert(NewCategory.of(name, null, null, null));
    }

    private Category insertUnder(String name, Category parent) {
        return categories().insert(NewCategory.of(name, null, null, parent.id()));
    }

    private static CategoryChanges moveTo(Long parentId) {
        return CategoryChanges.of(null, null, false, null, true, parentId);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Number of categories that are their own ancestor (0 in a tree). */
    private long categoriesInACycle() {
        return count("""
                WITH RECURSIVE walk(start_id, id, depth) AS (
                    SELECT c.id, c.parent_id, 1 FROM categories c WHERE c.parent_id IS NOT NULL
                    UNION ALL
                    SELECT w.start_id, c.parent_id, w.depth + 1
                      FROM walk w JOIN categories c ON c.id = w.id
                     WHERE c.parent_id IS NOT NULL AND w.id <> w.start_id AND w.depth < 1000)
                SELECT count(DISTINCT start_id) FROM walk WHERE id = start_id
                """);
    }

    private static void assertInvalidField(Throwable e, String field) {
        assertThat(e).isInstanceOfSatisfying(InvalidException.class,
                ie -> assertThat(ie.errors()).extracting(FieldError::field).containsExactly(field));
    }

    @Test
    void insertReturnsTheStoredCategory() {
        Category root = categories().insert(NewCategory.of("Café Culture", null, "Coffee and more", null));
        assertThat(root.id()).isPositive();
        assertThat(root.name()).isEqualTo("Café Culture");
        assertThat(root.slug()).isEqualTo("cafe-culture");
        assertThat(root.description()).isEqualTo("Coffee and more");
        assertThat(root.parentId()).isNull();
        assertThat(categories().findById(root.id())).contains(root);
    }

    @Test
    void insertUnderAParentKeepsTheParent() {
        Category parent = insert("Programming");
        Category child = insertUnder("Java", parent);
        assertThat(child.parentId()).isEqualTo(parent.id());
        assertThat(categories().findById(child.id())).contains(child);
    }

    @Test
    void findByIdOfMissingCategoryIsEmpty() {
        assertThat(categories().findById(12345)).isEmpty();
    }

    @Test
    void childrenAreTheDirectChildrenInNameOrder() {
        Category parent = insert("Programming");
        Category other = insert("Cooking");
        Category rust = insertUnder("rust", parent);
        Category java = insertUnder("Java", parent);
        Category go = insertUnder("Go", parent);
        insertUnder("Generics", java);
        insertUnder("Baking", other);

        assertThat(categories().children(parent.id())).containsExactly(go, java, rust);
        assertThat(categories().children(rust.id())).isEmpty();
    }

    @Test
    void pagesAreInNameOrderIgnoringCaseWithTotal() {
        for (String name : List.of("delta", "Alpha", "echo", "Charlie", "bravo")) {
            insert(name);
        }
        Page<CategoryTree> second = pages().page(new PageRequest(2, 2));
        assertThat(second.items()).extracting(t -> t.category().name()).containsExactly("Charlie", "delta");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(pages().page(new PageRequest(3, 2)).items()).extracting(t -> t.category().name()).containsExactly("echo");
        assertThat(pages().page(new PageRequest(4, 2)).items()).isEmpty();
    }

    @Test
    void updateChangesOnlyGivenFields() {
        Category parent = insert("Programming");
        Category java = categories().insert(NewCategory.of("Java", null, "The JVM language", parent.id()));

        Category renamed = categories().update(java.id(), CategoryChanges.of("Java SE", null, false, null, false, null)).orElseThrow().after();

        assertThat(renamed).isEqualTo(new Category(java.id(), "Java SE", "java", "The JVM language", parent.id()));
        assertThat(categories().findById(java.id())).contains(renamed);
    }

    @Test
    void updateChangesSlugAndDescription() {
        Category java = categories().insert(NewCategory.of("Java", null, "old", null));
        Category changed = categories().update(java.id(), CategoryChanges.of(null, "java-se", true, "new", false, null)).orElseThrow().after();
        assertThat(changed).isEqualTo(new Category(java.id(), "Java", "java-se", "new", null));
    }

    @Test
    void parentIdIsIgnoredUnlessParentChanged() {
        Category parent = insert("Programming");
        Category other = insert("Cooking");
        Category java = insertUnder("Java", parent);
        Category unchanged = categories().update(java.id(), CategoryChanges.of(null, null, false, null, false, other.id())).orElseThrow().after();
        assertThat(unchanged.parentId()).isEqualTo(parent.id());
    }

    @Test
    void updateMovesUnderAnotherParent() {
        Category parent = insert("Programming");
        Category other = insert("Languages");
        Category java = insertUnder("Java", parent);
        Category moved = categories().update(java.id(), moveTo(other.id())).orElseThrow().after();
        assertThat(moved.parentId()).isEqualTo(other.id());
        assertThat(categories().children(parent.id())).isEmpty();
        assertThat(categories().children(other.id())).containsExactly(moved);
    }

    @Test
    void parentChangedWithNullParentMovesToTheRoot() {
        Category parent = insert("Programming");
        Category java = insertUnder("Java", parent);
        Category moved = categories().update(java.id(), moveTo(null)).orElseThrow().after();
        assertThat(moved.parentId()).isNull();
        assertThat(moved.name()).isEqualTo("Java");
        assertThat(categories().findById(java.id()).orElseThrow().parentId()).isNull();
        assertThat(categories().children(parent.id())).isEmpty();
    }

    @Test
    void updateClearsTheDescriptionWhenItChangedToNull() {
        Category java = categories().insert(NewCategory.of("Java", null, "old", null));
        Category cleared = categories().update(java.id(), CategoryChanges.of(null, null, true, null, false, null)).orElseThrow().after();
        assertThat(cleared.description()).isNull();
    }

    @Test
    void updateThatChangesNothingWritesNothing() {
        Category parent = insert("Programming");
        Category java = categories().insert(NewCategory.of("Java", null, "The JVM language", parent.id()));
        String before = updatedAt(java.id());
        Updated<Category> same = categories().update(java.id(),
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
        assertThat(categories().update(12345, CategoryChanges.of("Nothing", null, false, null, false, null))).isEmpty();
    }

    @Test
    void deleteRemovesTheCategory() {
        Category java = insert("Java");
        assertThat(categories().delete(java.id())).isPresent();
        assertThat(categories().findById(java.id())).isEmpty();
        assertThat(categories().delete(java.id())).isEmpty();
    }

    @Test
    void duplicateNameIgnoringCaseIsConflictOnName() {
        insert("Java");
        assertThatThrownBy(() -> categories().insert(NewCategory.of("JAVA", "java-again", null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThat(categories().count()).isEqualTo(1);
    }

    @Test
    void renamingToAnExistingNameIsConflictOnName() {
        insert("Java");
        Category kotlin = insert("Kotlin");
        assertThatThrownBy(() -> categories().update(kotlin.id(), CategoryChanges.of("java", null, false, null, false, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThat(categories().findById(kotlin.id())).contains(kotlin);
    }

    @Test
    void duplicateSlugIsConflictOnSlug() {
        insert("Java");
        assertThatThrownBy(() -> categories().insert(NewCategory.of("Java!", null, null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("slug"));
        assertThat(categories().count()).isEqualTo(1);
    }

    @Test
    void unknownParentIsInvalidParentId() {
        Throwable thrown = catchThrowable(
                () -> categories().insert(NewCategory.of("Java", null, null, 12345L)));
        assertInvalidField(thrown, "parent_id");
        assertThat(categories().count()).isZero();
    }

    @Test
    void movingUnderAnUnknownParentIsInvalidParentId() {
        Category java = insert("Java");
        Throwable thrown = catchThrowable(
                () -> categories().update(java.id(), moveTo(12345L)));
        assertInvalidField(thrown, "parent_id");
        assertThat(categories().findById(java.id())).contains(java);
    }

    @Test
    void categoryCannotBeItsOwnParent() {
        Category java = insert("Java");
        Throwable thrown = catchThrowable(
                () -> categories().update(java.id(), moveTo(java.id())));
        assertInvalidField(thrown, "parent_id");
        assertThat(categories().findById(java.id()).orElseThrow().parentId()).isNull();
    }

    @Test
    void movingAnAncestorUnderItsDescendantIsInvalidParentId() {
        Category a = insert("A");
        Category b = insertUnder("B", a);
        Category c = insertUnder("C", b);
        Throwable thrown = catchThrowable(
                () -> categories().update(a.id(), moveTo(c.id())));
        assertInvalidField(thrown, "parent_id");
        assertThat(categories().findById(a.id()).orElseThrow().parentId()).isNull();
        assertThat(categoriesInACycle()).isZero();
    }

    @Test
    void movingUnderTheDirectChildIsInvalidParentId() {
        Category a = insert("A");
        Category b = insertUnder("B", a);
        Throwable thrown = catchThrowable(
                () -> categories().update(a.id(), moveTo(b.id())));
        assertInvalidField(thrown, "parent_id");
        assertThat(categoriesInACycle()).isZero();
    }

    @Test
    void deletingCategoryWithChildrenIsConflict() {
        Category parent = insert("Programming");
        Category child = insertUnder("Java", parent);
        assertThatThrownBy(() -> categories().delete(parent.id())).isInstanceOf(ConflictException.class);
        assertThat(categories().findById(parent.id())).contains(parent);
        assertThat(categories().findById(child.id())).contains(child);
    }

    @Test
    void deletingCategoryWithPostsLeavesThePostsUncategorized() {
        User author = db.dao(UserDao.class).insert(NewUser.of("alice", "alice@example.com", null, null));
        Category java = insert("Java");
        Category other = insert("Cooking");
        PostDao posts = db.dao(PostDao.class);
        Post first = posts.create(NewPost.of(author.id(), java.id(), "Records", "About records", true, List.of("java")));
        Post second = posts.create(NewPost.of(author.id(), java.id(), "Streams", "About streams", false, List.of()));
        Post elsewhere = posts.create(NewPost.of(author.id(), other.id(), "Bread", "About bread", false, List.of()));

        assertThat(categories().delete(java.id())).isPresent();

        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM posts WHERE id IN (" + first.id() + ", " + second.id()
                + ") AND category_id IS NULL")).isEqualTo(2);
        assertThat(posts.findById(first.id()).orElseThrow().category()).isNull();
        assertThat(posts.findById(elsewhere.id()).orElseThrow().category()).isEqualTo(new Post.CategoryRef(other.id(), "Cooking"));
    }

    @Test
    void badSlugBypassingTheDomainRulesIsInvalidSlug() {
        Throwable thrown = catchThrowable(
                () -> categories().insert(new NewCategory("X", "Bad Slug", null, null)));
        assertInvalidField(thrown, "slug");
        assertThat(categories().count()).isZero();
    }

    @Test
    void concurrentOppositeMovesNeverBuildACycle() throws Exception {
        int successes = 0;
        for (int round = 0; round < 10; round++) {
            Category a = insert("A" + round);
            Category b = insert("B" + round);
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
