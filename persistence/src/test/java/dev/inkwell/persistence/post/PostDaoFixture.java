package dev.inkwell.persistence.post;

import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * What the tests of {@link PostDao}'s writes ({@link PostCreateIT}, {@link PostUpdateIT},
 * {@link PostDeleteIT}, {@link PostsPerCategoryIT}) and of {@link PostWrites#patch} ({@link
 * PostWritesPatchIT}) share: a freshly migrated database of the test's
 * own (the {@link PostgresExtension} it extends) holding one author, writer, and one category, Java;
 * posts made by the author in that category; and a table's row count. Each test gets its own, and
 * the database is gone after it: {@code @RegisterExtension final PostDaoFixture db = new PostDaoFixture();}
 */
final class PostDaoFixture extends PostgresExtension {
    User author;
    Category java;

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        author = dao(UserDao.class).insert(NewUser.of("writer", "writer@example.com", null, null));
        java = dao(CategoryDao.class).insert(NewCategory.of("Java", null, null, null));
    }

    PostDao posts() {
        return dao(PostDao.class);
    }

    Post create(String title, boolean published, List<String> tags) {
        return posts().create(NewPost.of(author.id(), java.id(), title, "content of " + title, published, tags));
    }

    long count(String table) {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
