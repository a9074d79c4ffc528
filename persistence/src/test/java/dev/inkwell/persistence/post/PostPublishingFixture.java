package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.testing.CachedPostWrites;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What the scheduled publishing tests ({@link PostPublishingRunsIT}, {@link PostPublishingCacheIT},
 * {@link PostPublishingScheduleIT}) share: a freshly migrated database of the test's own (the
 * {@link PostgresExtension} it extends) with one author; the post writes, cache and publishing of
 * {@link CachedPostWrites} on the test Redis under a namespace of the test's own; posts scheduled
 * in an hour, made due behind every cache, and read back as stored. Each test gets its own, and
 * what it opened is closed after it:
 * {@code @RegisterExtension final PostPublishingFixture posts = new PostPublishingFixture();}
 */
final class PostPublishingFixture extends PostgresExtension {
    private CachedPostWrites written;
    PostCache cache;
    PostWrites writes;
    PostPublishing publishing;
    String namespace;
    long author;

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        namespace = "publish-" + UUID.randomUUID().toString().substring(0, 8);
        written = new CachedPostWrites(jdbi(), namespace);
        cache = written.cache();
        writes = written.writes();
        publishing = written.publishing();
        author = dao(UserDao.class).insert(NewUser.of("scheduler", "scheduler@example.com", null, null)).id();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (written != null) {
                written.close();
            }
        } finally {
            super.afterEach(context);
        }
    }

    static OffsetDateTime inAnHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.MICROS);
    }

    Post scheduled(OffsetDateTime at) {
        return writes.create(NewPost.of(author, null, "Scheduled", "soon", null, List.of(), at));
    }

    /** Time passes for post {@code id}: its schedule moved into the past, behind every cache (as the clock would). */
    OffsetDateTime due(long id) {
        return jdbi().withHandle(h -> h.createQuery(
                "UPDATE posts SET publish_at = now() - interval '1 second' WHERE id = :id RETURNING publish_at")
                .bind("id", id).mapTo(OffsetDateTime.class).one());
    }

    Post stored(long id) {
        return dao(PostDao.class).findById(id).orElseThrow();
    }
}
