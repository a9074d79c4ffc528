package dev.inkwell.worker.tokens;

import dev.inkwell.persistence.job.TokenPurgeJobRequest;
import dev.inkwell.persistence.job.TokenPurgeJobRequestHandler;
import dev.inkwell.persistence.user.ApiTokenDao;
import dev.inkwell.persistence.user.InvitationDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expired-token purge: a signed-in client that never signs out leaves its token row behind
 * after it expires, so without this job api_tokens only grows; so would invitations, whose used
 * and expired rows set no password any more. Deleting is idempotent, so a re-run (JobRunr runs at
 * least once) deletes nothing more.
 */
public final class TokenPurgeJobHandler implements TokenPurgeJobRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TokenPurgeJobHandler.class);

    private final ApiTokenDao tokens;
    private final InvitationDao invitations;

    public TokenPurgeJobHandler(ApiTokenDao tokens, InvitationDao invitations) {
        this.tokens = tokens;
        this.invitations = invitations;
    }

    @Override
    public void run(TokenPurgeJobRequest request) {
        int deleted = tokens.deleteExpired();
        if (deleted > 0) {
            LOG.info("deleted {} expired API tokens", deleted);
        }
        int finished = invitations.deleteFinished();
        if (finished > 0) {
            LOG.info("deleted {} used or expired invitations", finished);
        }
    }
}
