package dev.inkwell.persistence.post;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.tag.TagsByName;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A post deleted once, with its tag links but not its tags; its author never deleted while the post
 * remains.
 */
class PostDeleteIT {
    @RegisterExtension
    final PostDaoFixture db = new PostDaoFixture();

    @Test
    void deleteRemovesPostAndTagLinksButKeepsTags() {
        Post post = db.create("Gone", true, List.of("stays"));
        assertThat(db.posts().delete(post.id())).isTrue();
        assertThat(db.posts().findById(post.id())).isEmpty();
        assertThat(db.count("post_tags")).isZero();
        assertThat(db.dao(TagsByName.class).findByName("stays")).isPresent();
        assertThat(db.posts().delete(post.id())).isFalse();
    }

    @Test
    void authorWithPostsCannotBeDeleted() {
        db.create("Mine", true, List.of());
        assertThatThrownBy(() -> db.dao(UserDao.class).delete(db.author.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("still has posts");
        assertThat(db.dao(UserDao.class).findById(db.author.id())).isPresent();
    }
}
