package dev.inkwell.worker.tokens;

import dev.inkwell.persistence.job.TokenPurgeJobRequest;
import dev.inkwell.persistence.job.TokenPurgeJobRequestHandler;
import dev.inkwell.persistence.user.ApiTokenDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expired-token purge: a signed-in client that never signs out leaves its token row behind
 * after it expires, so without this job api_tokens only grows. Deleting is idempotent, so a
 * re-run (JobRunr runs at least once) deletes nothing more.
 */
public final class TokenPurgeJobHandler implements TokenPurgeJobRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TokenPurgeJobHandler.class);

    private final ApiTokenDao tokens;

    public TokenPurgeJobHandler(ApiTokenDao tokens) {
        this.tokens = tokens;
    }

    @Override
    public void run(TokenPurgeJobRequest request) {
        int deleted = tokens.deleteExpired();
        if (deleted > 0) {
            LOG.info("deleted {} expired API tokens", deleted);
        }
    }
}
