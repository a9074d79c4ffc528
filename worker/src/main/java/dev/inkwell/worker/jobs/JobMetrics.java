package dev.inkwell.worker.jobs;

import dev.inkwell.persistence.job.JobType;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.jobrunr.jobs.states.ProcessingState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Jobs run by this worker, in Prometheus's conventions: {@code inkwell_jobs_total} by type and
 * outcome ({@code started}, {@code succeeded}, {@code failed}: a failed run JobRunr may retry) and
 * {@code inkwell_job_duration_seconds} by type and outcome, from the run's start to its end. Kept
 * by JobRunr itself around each run (a job server filter), so that no handler has to remember it.
 */
public final class JobMetrics implements JobServerFilter {
    /** Upper bounds of the duration buckets, in seconds: a token purge's instant to a long backup's hour. */
    private static final double[] BUCKETS = {0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600};
    private final Counter runs;
    private final Histogram duration;

    public JobMetrics(CollectorRegistry prometheus) {
        this.runs = Counter.build("inkwell_jobs_total", "Job runs by type and outcome (started, succeeded, failed)")
                .labelNames("type", "outcome").register(prometheus);
        this.duration = Histogram.build("inkwell_job_duration_seconds", "Time a job run took, by type and outcome")
                .labelNames("type", "outcome").buckets(BUCKETS).register(prometheus);
    }

    @Override
    public void onProcessing(Job job) {
        runs.labels(type(job), "started").inc();
    }

    @Override
    public void onProcessingSucceeded(Job job) {
        ended(job, "succeeded");
    }

    @Override
    public void onProcessingFailed(Job job, Exception e) {
        ended(job, "failed");
    }

    private void ended(Job job, String outcome) {
        String type = type(job);
        runs.labels(type, outcome).inc();
        job.getLastJobStateOfType(ProcessingState.class).ifPresent(processing -> duration.labels(type, outcome)
                .observe(Duration.between(processing.getCreatedAt(), Instant.now()).toMillis() / 1000.0));
    }

    /** The job's type name (as {@code GET /api/jobs/{id}} says it), from its one parameter, the request. */
    static String type(Job job) {
        List<JobParameter> parameters = job.getJobDetails().getJobParameters();
        return parameters.size() == 1 ? JobType.ofRequest(parameters.get(0).getClassName()).map(JobType::typeName).orElse("other")
                : "other";
    }
}
