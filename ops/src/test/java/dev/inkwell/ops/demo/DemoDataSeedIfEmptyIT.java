package dev.inkwell.ops.demo;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

import java.util.List;
import java.util.concurrent.Callable;

import static dev.inkwell.ops.demo.DemoDataFixture.POSTS;
import static dev.inkwell.ops.demo.DemoDataFixture.SEARCH_INDEX_OPTIONS;
import static dev.inkwell.ops.demo.DemoDataFixture.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whether and where a seed writes: all or nothing, only into a database without posts, after the
 * rows already there (and the app's inserts after its own), nothing on a clash, once when two race.
 */
class DemoDataSeedIfEmptyIT {
    @RegisterExtension
    final DemoDataFixture db = new DemoDataFixture();

    /** A stage that fails on its last slice (posts, search rows or tags) undoes the whole seed, and leaves the trigger on. */
    @ParameterizedTest
    @ValueSource(strings = {"posts CHECK (id <= 300)", "post_search CHECK (post_id <= 300)", "post_tags CHECK (post_id <= 300)"})
    void aFailureInAnyStageLeavesNothing(String constraint) {
        db.database().execute("ALTER TABLE " + constraint.replaceFirst(" ", " ADD CONSTRAINT demo_fails "));

        // That stage's COPY breaks the constraint, and the pipeline throws its error wrapped: no other failure passes.
        String table = constraint.substring(0, constraint.indexOf(' '));
        assertThatThrownBy(() -> db.demo().seedIfEmpty(SMALL)).isInstanceOf(IllegalStateException.class)
                .cause().isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23514"); // check_violation
                    assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo("demo_fails");
                    assertThat(e.getServerErrorMessage().getTable()).isEqualTo(table);
                });

        assertThat(db.count("""
                SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM categories) + (SELECT count(*) FROM tags)
                     + (SELECT count(*) FROM posts) + (SELECT count(*) FROM post_search) + (SELECT count(*) FROM post_tags)
                     + (SELECT coalesce(sum(post_count), 0) FROM category_post_stats)
                """)).isZero();
        assertThat(db.text("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'posts_search_insert'")).isEqualTo("O");
        assertThat(db.text(SEARCH_INDEX_OPTIONS)).isEqualTo("gin_pending_list_limit=512");
    }

    @Test
    void leavesADatabaseWithPostsAlone() throws Exception {
        db.demo().seedIfEmpty(SMALL);

        assertThat(db.demo().seedIfEmpty(SMALL)).isNull();

        assertThat(db.count("SELECT count(*) FROM posts")).isEqualTo(POSTS);
        assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(20);
    }

    @Test
    void goesOnAfterExistingRowsAndTheAppInsertsAfterIt() throws Exception {
        long admin = db.dao(UserDao.class).insert(NewUser.of("root", "root@example.com", null, Role.ADMIN)).id();

        Seeded seeded = db.demo().seedIfEmpty(SMALL);

        assertThat(seeded.firstUserId()).isEqualTo(admin + 1);
        assertThat(db.count("SELECT count(*) FROM posts WHERE author_id = " + admin)).isZero();
        long next = db.dao(UserDao.class).insert(NewUser.of("late", "late@example.com", null, Role.USER)).id();
        assertThat(next).isEqualTo(admin + 21);

        assertThat(db.dao(PostDao.class).findById(seeded.firstPostId())).isPresent();
    }

    @Test
    void aClashWithExistingRowsChangesNothing() {
        db.dao(UserDao.class).insert(NewUser.of("user00003", "someone@example.com", null, Role.USER));

        // users_username_key, as SqlErrors translates it
        assertThatThrownBy(() -> db.demo().seedIfEmpty(SMALL)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError("username", "is already taken")));

        assertThat(db.count("SELECT count(*) FROM users")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM tags") + db.count("SELECT count(*) FROM categories")
                + db.count("SELECT count(*) FROM posts")).isZero();
    }

    @Test
    void twoSeedersAtOnceSeedOnce() throws Exception {
        List<Callable<Seeded>> seeders = List.of(() -> db.demo().seedIfEmpty(SMALL), () -> db.demo().seedIfEmpty(SMALL));
        List<Seeded> results = Race.together(seeders);

        assertThat(results).filteredOn(r -> r != null).hasSize(1);
        assertThat(db.count("SELECT count(*) FROM posts")).isEqualTo(POSTS);
    }
}
