package dev.inkwell.worker.publishing;

import dev.inkwell.persistence.job.PublishPostJobRequest;
import dev.inkwell.persistence.job.PublishPostJobRequestHandler;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.post.PostPublishing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Publishes a scheduled post at its time ({@link PublishPostJobRequest}), through
 * {@link PostPublishing#publishIfDue}: one conditional UPDATE, so the post is published once however
 * many runs meet it (JobRunr runs a job at least once; the sweep, {@link PublishDueJobHandler},
 * may meet it too), and its cached copy and the kept pages go after the commit. A run that finds
 * its post published already drops them too: the run before it may have died between its commit
 * and its drop, and JobRunr runs the job again for that.
 *
 * <p>JobRunr moves a scheduled job to the queue at its poll before the job's time, up to a poll
 * interval early; a job that comes early waits for the post's time (at most {@code earliest}, the
 * poll interval and a margin) rather than leave the post to the next sweep. A post scheduled later
 * than that, moved since the job was made, has a job of its own for its new time.
 */
public final class PublishPostJobHandler implements PublishPostJobRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PublishPostJobHandler.class);

    private final PostDao posts;
    private final PostPublishing publishing;
    private final Duration earliest;
    private final Clock clock;

    public PublishPostJobHandler(PostDao posts, PostPublishing publishing, Duration earliest, Clock clock) {
        this.posts = posts;
        this.publishing = publishing;
        this.earliest = earliest;
        this.clock = clock;
    }

    @Override
    public void run(PublishPostJobRequest request) throws InterruptedException {
        // Not scheduled: published (then its copies go again), cancelled or deleted since the job was made.
        Optional<OffsetDateTime> publishAt = posts.findPublishAt(request.postId());
        if (publishAt.isPresent()) {
            Duration wait = Duration.between(Instant.now(clock), publishAt.get().toInstant());
            if (wait.compareTo(earliest) > 0) {
                return; // moved later: that time has a job of its own
            }
            if (!wait.isNegative() && !wait.isZero()) {
                Thread.sleep(wait.toMillis() + 1);
            }
        }
        if (publishing.publishIfDue(request.postId())) {
            LOG.info("published scheduled post {}", request.postId());
        }
    }
}
