package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.testing.Plans;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tags a new post or an edit names are found by one index probe a name, also in the generic
 * plan PostgreSQL settles on for the prepared statement (with a few hundred tags, the form
 * {@code lower(name) = ANY(...)} had it read every tag and lower its name on every new post).
 */
class TaggedNamesIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @Test
    void theTagsNamedAreFoundThroughTheIndexWhateverTheNames() {
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO tags (name) SELECT 'tag' || i FROM generate_series(1, 500) i");
            h.execute("ANALYZE tags");
            String plan = Plans.generic(h, "SELECT t.id, t.name FROM " + TaggedNames.FROM.replace(":lowerNames", "$1"), "'{tag7,tag8}'");
            assertThat(plan).contains("Index Scan using tags_name_key on tags").doesNotContain("Seq Scan on tags");
        });
    }

    @Test
    void aNewPostAndAnEditLinkTheExistingTagsOfAnyCaseAndTheNewOnes() {
        long author = db.dao(UserDao.class).insert(NewUser.of("writer", "writer@example.com", null, null)).id();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO tags (name) VALUES ('Java'), ('SQL')"));
        PostDao posts = db.dao(PostDao.class);
        Post created = posts.create(NewPost.of(author, null, "Tagged", "content", true, List.of("java", "New", "sql")));
        assertThat(created.tags()).containsExactly("Java", "New", "SQL");

        Post edited = posts.update(created.id(), PostChanges.of(null, null, false, null, null, List.of("NEW", "jdbi", "Sql")), null);
        assertThat(edited.tags()).containsExactly("jdbi", "New", "SQL");
        assertThat(posts.findById(created.id()).orElseThrow().tags()).containsExactly("jdbi", "New", "SQL");
    }
}
