package dev.inkwell.worker.publishing;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.persistence.job.JobStorage;
import dev.inkwell.persistence.job.PublishPostJobRequest;
import dev.inkwell.persistence.job.ScheduledPublishing;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.post.PostPublishing;
import dev.inkwell.persistence.post.PostWrites;
import dev.inkwell.persistence.testing.CachedPostWrites;
import dev.inkwell.persistence.testing.ConfigOverrides;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.worker.WorkerApp;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker publishes a scheduled post at its time, once: through the post's own job (the api
 * schedules it as {@link ScheduledPublishing} does here), when the worker was down at that time and
 * starts later, through the recurring sweep when the post has no job, and once only when two runs
 * of its job race. Each test starts the worker it needs (as production configures it).
 */
class ScheduledPublishingIT {
    private TestDatabase database;
    private DropwizardAppExtension<WorkerConfiguration> worker;
    private PostWrites writes;
    private PostPublishing publishing;
    private long author;

    @BeforeEach
    void setUp() {
        database = TestPostgres.get().newDatabase();
        CacheFactory off = new CacheFactory();
        off.setEnabled(false);
        PostCache cache = new PostCache(off.build(new MetricRegistry()), database.jdbi());
        writes = new PostWrites(database.jdbi(), cache);
        publishing = new PostPublishing(database.jdbi(), cache);
        author = database.jdbi().onDemand(UserDao.class).insert(NewUser.of("planner", "planner@example.com", null, null)).id();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (worker != null) {
                worker.after();
            }
        } finally {
            ConfigOverrides.forget();
            database.close();
        }
    }

    /** Starts the worker, its sweep on {@code sweep} (a cron; "" for none). */
    private void startWorker(String sweep) throws Exception {
        worker = WorkerApp.production(database, ConfigOverride.config("jobs.publishDueSchedule", sweep));
        worker.before();
    }

    /** A post scheduled for {@code at}, its job stored as the api stores it. */
    private Post scheduled(Instant at) {
        Post post = writes.create(NewPost.of(author, null, "Scheduled", "soon", null, List.of(),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS)));
        new ScheduledPublishing(new JobRequestScheduler(JobStorage.on(database.dataSource()))).schedule(post);
        return post;
    }

    private Post stored(long id) {
        return database.jdbi().onDemand(PostDao.class).findById(id).orElseThrow();
    }

    /** When the post's row was last written (published: when it was published). */
    private Instant writtenAt(long id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT updated_at FROM posts WHERE id = :id")
                .bind("id", id).mapTo(OffsetDateTime.class).one()).toInstant();
    }

    private Post published(long id, Duration limit) throws Exception {
        return Poll.until(limit, Duration.ofMillis(100), "post " + id + " is published", () -> stored(id), Post::published);
    }

    @Test
    void aScheduledPostIsPublishedAtItsTimeOnceByItsJob() throws Exception {
        startWorker("");
        Post post = scheduled(Instant.now().plusSeconds(3));
        Post published = published(post.id(), Duration.ofSeconds(60));
        assertThat(published.publishedAt()).isEqualTo(post.publishAt());
        assertThat(published.publishAt()).isNull();
        assertThat(published.version()).isEqualTo(2);
        assertThat(writtenAt(post.id())).as("published not before its time").isAfterOrEqualTo(post.publishAt().toInstant());
        // JobRunr's poll interval (5 s) bounds how late; the job waits for the time if queued early.
        assertThat(writtenAt(post.id())).isBefore(post.publishAt().toInstant().plusSeconds(15));
    }

    @Test
    void aWorkerDownAtThePostsTimePublishesItWhenItComesBack() throws Exception {
        Post post = scheduled(Instant.now().plusSeconds(1));
        Instant after = post.publishAt().toInstant().plusSeconds(2);
        Poll.until(Duration.ofSeconds(30), "the post's time has passed", () -> Instant.now().isAfter(after));
        assertThat(stored(post.id()).published()).as("published without a worker").isFalse();

        startWorker("");
        Post published = published(post.id(), Duration.ofSeconds(60));
        assertThat(published.publishedAt()).isEqualTo(post.publishAt());
        assertThat(published.version()).isEqualTo(2);
    }

    @Test
    void theSweepPublishesADuePostWhoseJobWasLost() throws Exception {
        Post post = writes.create(NewPost.of(author, null, "Lost job", "w", null, List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        database.execute("UPDATE posts SET publish_at = now() - interval '1 minute' WHERE id = " + post.id());
        startWorker("*/5 * * * * *");
        Post published = published(post.id(), Duration.ofSeconds(60));
        assertThat(published.version()).isEqualTo(2);
    }

    @Test
    void aRescheduledPostsOldJobPublishesNothing() throws Exception {
        Post post = scheduled(Instant.now().plusSeconds(2));
        PublishPostJobHandler handler = new PublishPostJobHandler(database.jdbi().onDemand(PostDao.class), publishing,
                Duration.ofSeconds(6), Clock.systemUTC());
        database.execute("UPDATE posts SET publish_at = now() + interval '1 hour' WHERE id = " + post.id());
        handler.run(new PublishPostJobRequest(post.id()));
        assertThat(stored(post.id()).published()).isFalse();
        database.execute("UPDATE posts SET publish_at = NULL WHERE id = " + post.id());
        handler.run(new PublishPostJobRequest(post.id()));
        assertThat(stored(post.id()).published()).isFalse();
        assertThat(stored(post.id()).version()).isEqualTo(1);
    }

    @Test
    void twoRunsOfAPostsJobRacingPublishItOnceAtItsTime() throws Exception {
        for (int round = 0; round < 3; round++) {
            Post post = scheduled(Instant.now().plusSeconds(1));
            PublishPostJobHandler handler = new PublishPostJobHandler(database.jdbi().onDemand(PostDao.class), publishing,
                    Duration.ofSeconds(6), Clock.systemUTC());
            Callable<Void> run = () -> {
                handler.run(new PublishPostJobRequest(post.id())); // queued early: each waits for the time
                return null;
            };
            Race.together(List.of(run, run, run));
            Post published = stored(post.id());
            assertThat(published.published()).as("round %d", round).isTrue();
            assertThat(published.version()).as("round %d: published once", round).isEqualTo(2);
            assertThat(writtenAt(post.id())).isAfterOrEqualTo(post.publishAt().toInstant());
        }
    }

    @Test
    void aPostsJobRunAgainAfterARunThatDiedBetweenItsCommitAndItsDropDropsThePostsCachedCopy() throws Exception {
        try (CachedPostWrites app = new CachedPostWrites(database.jdbi(), "publish-" + UUID.randomUUID().toString().substring(0, 8))) {
            Post post = scheduled(Instant.now().plusSeconds(3600));
            PostCache cache = app.cache();
            Function<Post, byte[]> json = p -> ("published " + p.published()).getBytes(StandardCharsets.UTF_8);
            assertThat(cache.find(post.id(), json).orElseThrow().published()).as("an editor's read keeps the draft").isFalse();
            // The run before: its UPDATE committed, and the worker was killed before it dropped the copy.
            database.execute(PostDao.PUBLISH + " WHERE id = " + post.id());
            assertThat(cache.find(post.id(), json).orElseThrow().published()).as("the stale copy, before the run").isFalse();

            new PublishPostJobHandler(database.jdbi().onDemand(PostDao.class), app.publishing(), Duration.ofSeconds(6),
                    Clock.systemUTC()).run(new PublishPostJobRequest(post.id()));
            assertThat(cache.find(post.id(), json).orElseThrow().published()).isTrue();
            assertThat(stored(post.id()).version()).as("published once").isEqualTo(2);
        }
    }
}
