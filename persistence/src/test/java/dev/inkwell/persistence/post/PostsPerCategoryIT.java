package dev.inkwell.persistence.post;

import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.CategoryPostStats;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.persistence.category.CategoryDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics of posts per category ({@link PostDao#postsPerCategory}): published posts counted and
 * their length averaged, every category listed, also one without posts.
 */
class PostsPerCategoryIT {
    @RegisterExtension
    final PostDaoFixture db = new PostDaoFixture();

    @Test
    void postsPerCategoryCountsPublishedPostsAndAveragesLength() {
        Category empty = db.dao(CategoryDao.class).insert(NewCategory.of("Empty", null, null, null));
        db.posts().create(NewPost.of(db.author.id(), db.java.id(), "a", "1234", true, null));
        db.posts().create(NewPost.of(db.author.id(), db.java.id(), "b", "123456789", true, null));
        db.posts().create(NewPost.of(db.author.id(), db.java.id(), "draft", "ignored because unpublished", false, null));
        assertThat(db.posts().postsPerCategory()).containsExactly(
                new CategoryPostStats(db.java.id(), "Java", 2, 6.5),
                new CategoryPostStats(empty.id(), "Empty", 0, 0.0));
    }
}
