package dev.inkwell.worker.backup;

import dev.inkwell.persistence.job.RestoreCheckJobRequest;
import dev.inkwell.persistence.job.RestoreCheckJobRequestHandler;

/** The restore check job: a failed check is a failed job (and the worker's "backups" health turns unhealthy). */
public final class RestoreCheckJobHandler implements RestoreCheckJobRequestHandler {
    private final Restores restores;

    public RestoreCheckJobHandler(Restores restores) {
        this.restores = restores;
    }

    @Override
    public void run(RestoreCheckJobRequest request) {
        restores.checkNewest();
    }
}
