package dev.inkwell.worker.publishing;

import dev.inkwell.persistence.job.PublishDueJobRequest;
import dev.inkwell.persistence.job.PublishDueJobRequestHandler;
import dev.inkwell.persistence.post.PostPublishing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurring sweep ({@link PublishDueJobRequest}): publishes every post whose time has come and
 * that its own job ({@link PublishPostJobHandler}) did not publish, a chunk per transaction
 * ({@link PostPublishing#publishDue}: each post once, however many sweeps and jobs run at once), after
 * making the cache drops that a run which died after its commit promised and did not make.
 */
public final class PublishDueJobHandler implements PublishDueJobRequestHandler {
    /** Due posts published per statement (one transaction each). */
    static final int CHUNK = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(PublishDueJobHandler.class);

    private final PostPublishing publishing;

    public PublishDueJobHandler(PostPublishing publishing) {
        this.publishing = publishing;
    }

    @Override
    public void run(PublishDueJobRequest request) {
        int published = publishing.publishDue(CHUNK);
        if (published > 0) {
            LOG.info("published {} due scheduled posts", published);
        }
    }
}
