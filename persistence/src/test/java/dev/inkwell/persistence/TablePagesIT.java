package dev.inkwell.persistence;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.category.CategoryPages;
import dev.inkwell.persistence.category.CategoryPages.CategoryTree;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.tag.TagPages;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.persistence.user.UserPages;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pages of users, categories and tags: one statement each, the total counted in it while the
 * table holds at most a thousand rows, estimated (and said so) beyond, and then kept a while so
 * that later pages are the one statement alone; pages after a cursor too, in the same order.
 */
class TablePagesIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private final AtomicInteger statements = new AtomicInteger();

    @BeforeEach
    void countStatements() {
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
    }

    private void insertUsers(int n) {
        List<NewUser> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(NewUser.of("many" + i, "many" + i + "@example.com", null, null));
        }
        db.dao(UserDao.class).insertAll(users);
        db.jdbi().useHandle(h -> h.execute("ANALYZE users"));
    }

    @Test
    void aSmallTableIsCountedExactlyInThePagesOwnStatement() {
        for (String name : List.of("delta", "Alpha", "echo")) {
            db.dao(TagDao.class).insert(name);
        }
        statements.set(0);

        Page<Tag> page = new TagPages(db.jdbi()).page(new PageRequest(1, 2));

        assertThat(statements.get()).as("the page with its count").isEqualTo(1);
        assertThat(page.items()).extracting(Tag::name).containsExactly("Alpha", "delta");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void anExactTotalShowsAWriteAtOnce() {
        TagPages pages = new TagPages(db.jdbi());
        db.dao(TagDao.class).insert("one");
        assertThat(pages.page(new PageRequest(1, 20)).total()).isEqualTo(1);
        db.dao(TagDao.class).insert("two");
        assertThat(pages.page(new PageRequest(1, 20)).total()).isEqualTo(2);
    }

    @Test
    void aPagePastTheLastStillHasTheTotal() {
        db.dao(TagDao.class).insert("only");
        Page<Tag> beyond = new TagPages(db.jdbi()).page(new PageRequest(5, 20));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(1);
        assertThat(beyond.totalExact()).isTrue();
    }

    @Test
    void moreThanAThousandUsersHaveAnEstimatedTotalKeptAWhile() {
        insertUsers(1_500);
        AtomicLong now = new AtomicLong();
        UserPages pages = new UserPages(db.jdbi(), new Estimates<>(Duration.ofSeconds(10), 1, now::get));
        statements.set(0);

        Page<User> first = pages.page(new PageRequest(1, 20));
        assertThat(statements.getAndSet(0)).as("the page with its capped count, then the estimate").isEqualTo(2);
        assertThat(first.totalExact()).isFalse();
        assertThat(first.total()).isGreaterThan(1_000).isBetween(750L, 3_000L);
        assertThat(first.items()).hasSize(20);

        now.addAndGet(Duration.ofSeconds(9).toNanos());
        Page<User> second = pages.page(new PageRequest(2, 20));
        assertThat(statements.getAndSet(0)).as("the estimate kept: the page alone").isEqualTo(1);
        assertThat(second.total()).isEqualTo(first.total());
        assertThat(second.totalExact()).isFalse();
        assertThat(second.items().get(0).id()).isGreaterThan(first.items().get(19).id());

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        pages.page(new PageRequest(3, 20));
        assertThat(statements.getAndSet(0)).as("after 11 s: counted and estimated again").isEqualTo(2);
    }

    private record Tree(Category lang, Category cooking, Category rust, Category go, Category baking) {
    }

    /** Languages, Cooking, rust and Go (in Languages), Baking (in Cooking). */
    private Tree languagesAndCooking() {
        CategoryDao categories = db.dao(CategoryDao.class);
        Category lang = categories.insert(NewCategory.of("Languages", null, null, null));
        Category cooking = categories.insert(NewCategory.of("Cooking", null, null, null));
        Category rust = categories.insert(NewCategory.of("rust", null, null, lang.id()));
        Category go = categories.insert(NewCategory.of("Go", null, null, lang.id()));
        return new Tree(lang, cooking, rust, go, categories.insert(NewCategory.of("Baking", null, null, cooking.id())));
    }

    @Test
    void aPageOfCategoriesBringsTheirChildrenInTheSameStatement() {
        Tree tree = languagesAndCooking();
        Category lang = tree.lang();
        Category rust = tree.rust();
        Category go = tree.go();
        Category baking = tree.baking();
        statements.set(0);

        Page<CategoryTree> page = new CategoryPages(db.jdbi()).page(new PageRequest(1, 3));

        assertThat(statements.get()).isEqualTo(1);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(t -> t.category().name()).containsExactly("Baking", "Cooking", "Go");
        assertThat(page.items().get(1).children()).containsExactly(baking);
        assertThat(page.items().get(0).children()).isEmpty();

        Page<CategoryTree> second = new CategoryPages(db.jdbi()).page(new PageRequest(2, 3));
        assertThat(second.items()).extracting(CategoryTree::category).containsExactly(lang, rust);
        assertThat(second.items().get(0).children()).as("by name, also when off the page").containsExactly(go, rust);
    }

    @Test
    void everyPageButTheLastCarriesTheCursorOfItsLastRowAndTheCursorPageIsOneStatement() {
        for (String name : List.of("delta", "Alpha", "echo", "Bravo", "charlie")) {
            db.dao(TagDao.class).insert(name);
        }
        TagPages pages = new TagPages(db.jdbi());
        Page<Tag> first = pages.page(new PageRequest(1, 2));
        assertThat(first.nextCursor()).isNotNull();
        statements.set(0);

        Page<Tag> second = pages.pageAfter(first.nextCursor(), 2);

        assertThat(statements.get()).as("the page after a cursor with its count").isEqualTo(1);
        assertThat(second.items()).extracting(Tag::name).containsExactly("charlie", "delta");
        assertThat(second.page()).as("a page after a cursor has no number").isNull();
        assertThat(second.total()).isEqualTo(first.total()).isEqualTo(5);
        Page<Tag> last = pages.pageAfter(second.nextCursor(), 2);
        assertThat(last.items()).extracting(Tag::name).containsExactly("echo");
        assertThat(last.nextCursor()).isNull();
        assertThat(pages.page(new PageRequest(3, 2)).nextCursor()).as("the last page by number").isNull();
        assertThat(pages.page(new PageRequest(2, 2)).nextCursor()).as("a page by number links on by cursor").isEqualTo(second.nextCursor());
        assertThat(pages.page(new PageRequest(1, 5)).nextCursor()).as("exactly full, nothing after").isNull();
    }

    @Test
    void usersAreWalkedByIdAndACursorOfAnotherListIsRefused() {
        insertUsers(5);
        UserPages users = new UserPages(db.jdbi());
        List<Long> walked = new ArrayList<>();
        Page<User> page = users.page(new PageRequest(1, 2));
        page.items().forEach(u -> walked.add(u.id()));
        while (page.nextCursor() != null) {
            page = users.pageAfter(page.nextCursor(), 2);
            page.items().forEach(u -> walked.add(u.id()));
        }
        assertThat(walked).hasSize(5).isSorted().doesNotHaveDuplicates();

        db.dao(TagDao.class).insert("one");
        db.dao(TagDao.class).insert("two");
        String tagCursor = new TagPages(db.jdbi()).page(new PageRequest(1, 1)).nextCursor();
        assertThatThrownBy(() -> users.pageAfter(tagCursor, 2)).isInstanceOf(InvalidException.class);
        String keyedUsers = new TableCursor("users", 1, "x").encode();
        assertThatThrownBy(() -> users.pageAfter(keyedUsers, 2)).as("a users cursor with a key").isInstanceOf(InvalidException.class);
        String unkeyedTags = new TableCursor("tags", 1, null).encode();
        assertThatThrownBy(() -> new TagPages(db.jdbi()).pageAfter(unkeyedTags, 2)).isInstanceOf(InvalidException.class);
    }

    /**
     * The next page's cursor follows the page's own last row, never one of the children that
     * come after it in the statement; the row read beyond the page is not shown, nor its children.
     */
    @Test
    void categoryPagesAfterACursorFollowThePagesOwnRowsNotTheirChildren() {
        Tree made = languagesAndCooking();
        CategoryPages pages = new CategoryPages(db.jdbi());

        Page<CategoryTree> first = pages.page(new PageRequest(1, 2));
        assertThat(first.items()).extracting(t -> t.category().name()).containsExactly("Baking", "Cooking");
        assertThat(first.items().get(1).children()).containsExactly(made.baking());
        statements.set(0);
        Page<CategoryTree> second = pages.pageAfter(first.nextCursor(), 2);
        assertThat(statements.get()).isEqualTo(1);
        assertThat(second.items()).extracting(CategoryTree::category).containsExactly(made.go(), made.lang());
        assertThat(second.items().get(1).children()).containsExactly(made.go(), made.rust());
        Page<CategoryTree> third = pages.pageAfter(second.nextCursor(), 2);
        assertThat(third.items()).extracting(CategoryTree::category).containsExactly(made.rust());
        assertThat(third.nextCursor()).isNull();

        Page<CategoryTree> three = pages.page(new PageRequest(1, 3));
        assertThat(three.items()).extracting(t -> t.category().name()).containsExactly("Baking", "Cooking", "Go");
        assertThat(three.items()).as("Languages, beyond the page, brings no child along").allMatch(t -> t.children().stream()
                .allMatch(c -> c.parentId().equals(t.category().id())));
        assertThat(pages.pageAfter(three.nextCursor(), 3).items()).extracting(CategoryTree::category).containsExactly(made.lang(), made.rust());
    }
}
