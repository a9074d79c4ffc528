package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.testing.CachedPostWrites;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What the scheduled publishing tests ({@link PostPublishingRunsIT}, {@link PostPublishingCacheIT},
 * {@link PostPublishingScheduleIT}) share: a freshly migrated database of the test's own with one
 * author and the post cache under a namespace of the test's own (the {@link PostCacheFixture} it
 * extends); the post writes and publishing of {@link CachedPostWrites} beside that cache; posts
 * scheduled in an hour, made due behind every cache, and read back as stored. Each test gets its own, and
 * what it opened is closed after it:
 * {@code @RegisterExtension final PostPublishingFixture posts = new PostPublishingFixture();}
 */
final class PostPublishingFixture extends PostCacheFixture {
    PostWrites writes;
    PostPublishing publishing;

    PostPublishingFixture() {
        super("publish", "scheduler");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        writes = written.writes();
        publishing = written.publishing();
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
