package dev.inkwell.persistence.comment;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.comment.Comment;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The thread's rules and the post's comment count, as the database keeps them (changeset 017). */
class CommentDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private User user;
    private Post post;

    @BeforeEach
    void fixtures() {
        user = db.dao(UserDao.class).insert(NewUser.of("talker", "talker@example.com", null, null));
        post = newPost(true);
    }

    private Post newPost(boolean published) {
        return db.dao(PostDao.class).create(NewPost.of(user.id(), null, "Talk", "about it", published, List.of()));
    }

    private CommentDao comments() {
        return db.dao(CommentDao.class);
    }

    private Comment add(long postId, Long parent) {
        return comments().insert(postId, parent, user.id(), "text").orElseThrow();
    }

    private int count(long postId) {
        return db.dao(PostDao.class).findById(postId).orElseThrow().commentCount();
    }

    @Test
    void aCommentsPathIsItsAncestryEndingInItself() {
        Comment top = add(post.id(), null);
        Comment reply = add(post.id(), top.id());
        Comment deeper = add(post.id(), reply.id());
        assertThat(top.path()).containsExactly(top.id());
        assertThat(deeper.path()).containsExactly(top.id(), reply.id(), deeper.id());
        assertThat(deeper.depth()).isEqualTo(2);
        assertThat(deeper.parentId()).isEqualTo(reply.id());
    }

    @Test
    void aDraftGetsNoComment() {
        assertThat(comments().insert(newPost(false).id(), null, user.id(), "early")).isEmpty();
    }

    @Test
    void aParentOnAnotherPostOrNoneIsRefusedOnParentId() {
        Comment elsewhere = add(newPost(true).id(), null);
        for (long parent : new long[] {elsewhere.id(), 0, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> add(post.id(), parent)).isInstanceOf(InvalidException.class)
                    .satisfies(e -> assertThat(((InvalidException) e).errors().get(0).field()).isEqualTo("parent_id"));
        }
    }

    @Test
    void aThreadStopsAtSixLevels() {
        Long parent = null;
        for (int level = 0; level < Comment.MAX_LEVELS; level++) {
            parent = add(post.id(), parent).id();
        }
        Long last = parent;
        assertThatThrownBy(() -> add(post.id(), last)).isInstanceOf(InvalidException.class);
    }

    @Test
    void noUpdateMovesACommentSoNoCycleCanForm() {
        Comment a = add(post.id(), null);
        Comment b = add(post.id(), a.id());
        List<String> triggers = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'comments'::regclass AND NOT tgisinternal ORDER BY 1").mapTo(String.class).list());
        assertThat(triggers).contains("comments_place_fixed");
        for (String change : List.of("parent_id = " + b.id(), "post_id = " + newPost(true).id(), "path = '{999}'",
                "author_id = author_id + 1")) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> db.jdbi().useHandle(h -> h.execute("UPDATE comments SET " + change + " WHERE id = " + a.id())));
            assertThat(thrown).as(change).isInstanceOf(JdbiException.class).hasMessageContaining("a comment keeps its post");
        }
    }

    @Test
    void thePostCountsItsShownCommentsThroughInsertsHidingAndCascadingDeletes() {
        Comment top = add(post.id(), null);
        Comment reply = add(post.id(), top.id());
        add(post.id(), reply.id());
        add(post.id(), null);
        assertThat(count(post.id())).isEqualTo(4);
        assertThat(comments().setHidden(post.id(), reply.id(), true)).isTrue();
        assertThat(comments().setHidden(post.id(), reply.id(), true)).isFalse();
        assertThat(count(post.id())).isEqualTo(3);
        assertThat(comments().delete(post.id(), top.id())).isTrue();
        assertThat(count(post.id())).as("the top comment, its hidden reply and the reply's reply gone: one shown less each but the hidden").isEqualTo(1);
        db.jdbi().useHandle(h -> h.execute("TRUNCATE comments"));
        assertThat(count(post.id())).isZero();
    }

    @Test
    void deletingAPostDeletesItsComments() {
        add(post.id(), add(post.id(), null).id());
        db.dao(PostDao.class).delete(post.id());
        long left = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM comments").mapTo(Long.class).one());
        assertThat(left).isZero();
    }

    @Test
    void pagesFollowTheThreadsAndHideWhatTheReaderMayNotSee() {
        Comment a = add(post.id(), null);
        Comment b = add(post.id(), null);
        Comment a1 = add(post.id(), a.id());
        comments().setHidden(post.id(), b.id(), true);
        CommentPages pages = new CommentPages(db.jdbi());
        CommentPages.Reader anyone = new CommentPages.Reader(0, false);
        assertThat(pages.page(post.id(), anyone, PageRequest.of(1, 10)).items()).extracting(Comment::id).containsExactly(a.id(), a1.id());
        var first = pages.page(post.id(), new CommentPages.Reader(0, true), PageRequest.of(1, 2));
        assertThat(first.items()).extracting(Comment::id).containsExactly(a.id(), a1.id());
        assertThat(first.total()).isEqualTo(3);
        var second = pages.pageAfter(post.id(), new CommentPages.Reader(0, true), first.nextCursor(), 2);
        assertThat(second.items()).extracting(Comment::id).containsExactly(b.id());
        assertThat(second.nextCursor()).isNull();
        assertThat(pages.page(post.id(), new CommentPages.Reader(user.id(), false), PageRequest.of(1, 10)).total())
                .as("its author sees a hidden comment").isEqualTo(3);
    }
}
