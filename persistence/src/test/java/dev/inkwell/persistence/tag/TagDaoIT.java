package dev.inkwell.persistence.tag;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private TagsByName tags() {
        return db.dao(TagsByName.class);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void insertReturnsTheStoredTag() {
        Tag tag = tags().insert("Machine Learning");
        assertThat(tag.id()).isPositive();
        assertThat(tag.name()).isEqualTo("Machine Learning");
        assertThat(tags().findById(tag.id())).contains(tag);
    }

    @Test
    void findByIdOfMissingTagIsEmpty() {
        assertThat(tags().findById(12345)).isEmpty();
    }

    @Test
    void findByNameIgnoresCaseAndKeepsTheStoredSpelling() {
        Tag tag = tags().insert("PostgreSQL");
        assertThat(tags().findByName("postgresql")).contains(tag);
        assertThat(tags().findByName("POSTGRESQL")).contains(tag);
        assertThat(tags().findByName("mysql")).isEmpty();
    }

    @Test
    void pagesAreInNameOrderIgnoringCaseWithTotal() {
        for (String name : List.of("delta", "Alpha", "echo", "Charlie", "bravo")) {
            tags().insert(name);
        }
        Page<Tag> second = new TagPages(db.jdbi()).page(new PageRequest(2, 2));
        assertThat(second.items()).extracting(Tag::name).containsExactly("Charlie", "delta");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(new TagPages(db.jdbi()).page(new PageRequest(1, 2)).items()).extracting(Tag::name).containsExactly("Alpha", "bravo");
        assertThat(new TagPages(db.jdbi()).page(new PageRequest(4, 2)).items()).isEmpty();
    }

    @Test
    void renameChangesTheName() {
        Tag tag = tags().insert("postgres");
        Tag renamed = tags().rename(tag.id(), "PostgreSQL").orElseThrow().after();
        assertThat(renamed).isEqualTo(new Tag(tag.id(), "PostgreSQL"));
        assertThat(tags().findById(tag.id())).contains(renamed);
    }

    @Test
    void renameMayChangeOnlyTheCase() {
        Tag tag = tags().insert("java");
        assertThat(tags().rename(tag.id(), "Java").orElseThrow().after()).isEqualTo(new Tag(tag.id(), "Java"));
    }

    @Test
    void renameToTheSameNameChangesNothing() {
        Tag tag = tags().insert("java");
        assertThat(tags().rename(tag.id(), "java").orElseThrow().changed()).isFalse();
    }

    @Test
    void renameOfMissingTagIsEmpty() {
        assertThat(tags().rename(12345, "nothing")).isEmpty();
    }

    @Test
    void deleteRemovesTheTag() {
        Tag tag = tags().insert("java");
        assertThat(tags().delete(tag.id())).isPresent();
        assertThat(tags().findById(tag.id())).isEmpty();
        assertThat(tags().delete(tag.id())).isEmpty();
    }

    @Test
    void duplicateNameIgnoringCaseIsConflictOnName() {
        tags().insert("Java");
        assertThatThrownBy(() -> tags().insert("JAVA"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThat(tags().count()).isEqualTo(1);
        assertThat(tags().findByName("java").orElseThrow().name()).isEqualTo("Java");
    }

    @Test
    void renamingToAnExistingNameIgnoringCaseIsConflictOnName() {
        tags().insert("Java");
        Tag kotlin = tags().insert("Kotlin");
        assertThatThrownBy(() -> tags().rename(kotlin.id(), "jAVA"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThat(tags().findById(kotlin.id())).contains(kotlin);
    }

    @Test
    void deletingATagRemovesItFromPostsButKeepsThePosts() {
        User author = db.dao(UserDao.class).insert(NewUser.of("alice", "alice@example.com", null, null));
        PostDao posts = db.dao(PostDao.class);
        Post first = posts.create(NewPost.of(author.id(), null, "Records", "About records", false, List.of("java", "jvm")));
        Post second = posts.create(NewPost.of(author.id(), null, "Loom", "About threads", false, List.of("java")));
        Tag java = tags().findByName("java").orElseThrow();
        assertThat(count("SELECT count(*) FROM post_tags WHERE tag_id = " + java.id())).isEqualTo(2);

        assertThat(tags().delete(java.id())).isPresent();

        assertThat(count("SELECT count(*) FROM post_tags WHERE tag_id = " + java.id())).isZero();
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(2);
        assertThat(posts.findById(first.id()).orElseThrow().tags()).containsExactly("jvm");
        assertThat(posts.findById(second.id()).orElseThrow().tags()).isEmpty();
    }

    @Test
    void twoTransactionsInsertingTheSameNameOneWinsOneConflicts() throws Exception {
        for (int round = 0; round < 10; round++) {
            String name = "racer" + round;
            List<Object> outcomes = Race.transactions(db.jdbi(), List.of(
                    h -> h.attach(TagDao.class).insert(name),
                    h -> h.attach(TagDao.class).insert(name.toUpperCase(Locale.ROOT))));
            assertThat(outcomes).filteredOn(Tag.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(1)
                    .allSatisfy(e -> assertThat(((ConflictException) e).errors())
                            .extracting(FieldError::field).containsExactly("name"));
            Tag winner = (Tag) outcomes.stream().filter(Tag.class::isInstance).findFirst().orElseThrow();
            assertThat(tags().findByName(name)).contains(winner);
        }
        assertThat(tags().count()).isEqualTo(10);
    }
}
