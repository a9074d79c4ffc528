package dev.inkwell.persistence.category;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CategoryDao#delete}: the category gone (once), never one with children, and its posts
 * left uncategorized.
 */
class CategoryDeleteIT {
    @RegisterExtension
    final CategoryFixture db = new CategoryFixture();

    @Test
    void deleteRemovesTheCategory() {
        Category java = db.insert("Java");
        assertThat(db.categories().delete(java.id())).isPresent();
        assertThat(db.categories().findById(java.id())).isEmpty();
        assertThat(db.categories().delete(java.id())).isEmpty();
    }

    @Test
    void deletingCategoryWithChildrenIsConflict() {
        Category parent = db.insert("Programming");
        Category child = db.insertUnder("Java", parent);
        assertThatThrownBy(() -> db.categories().delete(parent.id())).isInstanceOf(ConflictException.class);
        assertThat(db.categories().findById(parent.id())).contains(parent);
        assertThat(db.categories().findById(child.id())).contains(child);
    }

    @Test
    void deletingCategoryWithPostsLeavesThePostsUncategorized() {
        User author = db.dao(UserDao.class).insert(NewUser.of("alice", "alice@example.com", null, null));
        Category java = db.insert("Java");
        Category other = db.insert("Cooking");
        PostDao posts = db.dao(PostDao.class);
        Post first = posts.create(NewPost.of(author.id(), java.id(), "Records", "About records", true, List.of("java")));
        Post second = posts.create(NewPost.of(author.id(), java.id(), "Streams", "About streams", false, List.of()));
        Post elsewhere = posts.create(NewPost.of(author.id(), other.id(), "Bread", "About bread", false, List.of()));

        assertThat(db.categories().delete(java.id())).isPresent();

        assertThat(db.count("SELECT count(*) FROM posts")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM posts WHERE id IN (" + first.id() + ", " + second.id()
                + ") AND category_id IS NULL")).isEqualTo(2);
        assertThat(posts.findById(first.id()).orElseThrow().category()).isNull();
        assertThat(posts.findById(elsewhere.id()).orElseThrow().category()).isEqualTo(new Post.CategoryRef(other.id(), "Cooking"));
    }
}
