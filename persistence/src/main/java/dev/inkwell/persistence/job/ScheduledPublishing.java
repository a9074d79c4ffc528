package dev.inkwell.persistence.job;

import dev.inkwell.domain.post.Post;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the worker's publishing of a post written with a {@code publish_at}: a
 * {@link PublishPostJobRequest} at that instant. Called after the write committed; the job
 * decides from the post as it is then, so a schedule moved or cancelled later needs nothing here
 * (the old job finds the post not due and does nothing). When the job storage fails, the post
 * stays scheduled and the worker's recurring sweep ({@link PublishDueJobRequest}) publishes it.
 */
public final class ScheduledPublishing {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledPublishing.class);

    private final JobRequestScheduler scheduler;

    public ScheduledPublishing(JobRequestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** After a write of {@code post} that set its schedule: its publishing job, if it has one. */
    public void schedule(Post post) {
        if (post.publishAt() == null) {
            return;
        }
        try {
            scheduler.schedule(post.publishAt().toInstant(), new PublishPostJobRequest(post.id()));
        } catch (RuntimeException e) {
            LOG.warn("cannot schedule the publishing of post {} ({}); the worker's sweep publishes it", post.id(), e.toString());
        }
    }
}
