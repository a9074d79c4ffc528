package dev.inkwell.worker.bulkupdate;

import dev.inkwell.persistence.job.BulkUpdateChunkJobRequest;
import dev.inkwell.persistence.job.BulkUpdateJobRequest;
import dev.inkwell.persistence.job.BulkUpdateJobRequestHandler;
import dev.inkwell.persistence.post.BulkUpdateDao;
import org.jobrunr.jobs.context.JobDashboardProgressBar;
import org.jobrunr.scheduling.JobRequestScheduler;

import java.util.List;
import java.util.UUID;

/**
 * The bulk update job: plans the target into keyset chunks (once), then applies small plans
 * itself, chunk by chunk with a progress bar, and fans large ones out as one job per chunk so
 * that every worker process shares the work. Safe to run again: planning is done once, done
 * chunks are skipped, and chunk jobs have fixed ids (enqueued once).
 */
public final class BulkUpdateJobHandler implements BulkUpdateJobRequestHandler {
    private final BulkUpdateDao bulkUpdates;
    private final ChunkRunner chunks;
    private final JobRequestScheduler scheduler;
    private final int chunkSize;
    private final int fanOutAbove;

    public BulkUpdateJobHandler(BulkUpdateDao bulkUpdates, ChunkRunner chunks, JobRequestScheduler scheduler,
                                int chunkSize, int fanOutAbove) {
        this.bulkUpdates = bulkUpdates;
        this.chunks = chunks;
        this.scheduler = scheduler;
        this.chunkSize = chunkSize;
        this.fanOutAbove = fanOutAbove;
    }

    @Override
    public void run(BulkUpdateJobRequest request) {
        UUID id = request.bulkUpdateId();
        int planned = bulkUpdates.plan(id, chunkSize);
        List<Integer> toDo = bulkUpdates.chunksToDo(id);
        if (planned > fanOutAbove) {
            for (int chunk : toDo) {
                BulkUpdateChunkJobRequest job = new BulkUpdateChunkJobRequest(id, chunk);
                scheduler.enqueue(job.jobId(), job);
            }
            // The other workers join now, not at their next poll (up to 5 s later; seen by ops/cluster).
            bulkUpdates.wakeWorkers();
            return;
        }
        JobDashboardProgressBar progress = jobContext().progressBar(Math.max(1, planned));
        progress.setProgress(planned - toDo.size());
        for (int chunk : toDo) {
            chunks.apply(id, chunk);
            progress.incrementSucceeded();
        }
    }
}
