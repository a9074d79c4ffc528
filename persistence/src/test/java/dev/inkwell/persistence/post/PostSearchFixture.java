package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * What the searches of posts in the database ({@link PostSearchMatchesIT}, {@link PostSearchPagingIT},
 * {@link PostSearchRankingIT}) share: a freshly migrated database of the test's own (the
 * {@link PostgresExtension} it extends) holding two authors, ann and ben, and two categories, cooking and
 * travel; posts made through {@link PostDao}; queries; and pages read whole through
 * {@link PagesWithPosts}. Each test gets its own, and the database is gone after it:
 * {@code @RegisterExtension final PostSearchFixture blog = new PostSearchFixture();}
 */
final class PostSearchFixture extends PostgresExtension {
    User ann;
    User ben;
    Category cooking;
    Category travel;

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        ann = dao(UserDao.class).insert(NewUser.of("ann", "ann@example.com", null, null));
        ben = dao(UserDao.class).insert(NewUser.of("ben", "ben@example.com", null, null));
        cooking = dao(CategoryDao.class).insert(NewCategory.of("Cooking", null, null, null));
        travel = dao(CategoryDao.class).insert(NewCategory.of("Travel", null, null, null));
    }

    PostReads reads() {
        return new PostReads(jdbi());
    }

    Post post(User author, Category category, String title, String content, boolean published, String... tags) {
        return dao(PostDao.class).create(NewPost.of(author.id(), category == null ? null : category.id(), title, content, published, List.of(tags)));
    }

    static PostQuery query(String q, Long categoryId, String tag, Long authorId, Boolean published, PostSort sort, Visibility visibility) {
        return new PostQuery(q, categoryId, tag, authorId, published, sort, visibility);
    }

    /** The first page of {@code query}, of up to 100 posts. */
    Page<Post> search(PostQuery query) {
        return PagesWithPosts.search(reads(), query, new PageRequest(1, 100));
    }

    static List<String> titles(Page<Post> page) {
        return page.items().stream().map(Post::title).toList();
    }
}
