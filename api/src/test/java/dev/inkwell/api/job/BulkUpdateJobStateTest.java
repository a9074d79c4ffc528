package dev.inkwell.api.job;

import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.post.BulkUpdateStatus;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.job.BulkUpdateChunkJobRequest;
import dev.inkwell.persistence.job.BulkUpdateJobRequest;
import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.testing.FakeDao;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@code GET /api/jobs/{id}} derives a bulk update's state, progress, result and error from
 * its chunk counts and JobRunr's jobs, without servers: the resource on a fake DAO and JobRunr's
 * in-memory storage (where no worker runs).
 */
class BulkUpdateJobStateTest {
    private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final Caller OWNER = caller(7, Role.USER);

    private final UUID id = UUID.randomUUID();
    private final InMemoryStorageProvider jobs = new InMemoryStorageProvider();

    BulkUpdateJobStateTest() {
        jobs.setJobMapper(new JobMapper(new JacksonJsonMapper()));
    }

    private static Caller caller(long id, Role role) {
        return new Caller(new User(id, "user" + id, "user" + id + "@example.com", role, true, CREATED, CREATED));
    }

    /** {@code chunks} null: not planned yet. */
    private BulkUpdateStatus status(Integer chunks, int done, String lastError) {
        return new BulkUpdateStatus(id, OWNER.id(), chunks, done, 40, 30, 2, CREATED,
                done > 0 ? CREATED.plusSeconds(3) : null, lastError);
    }

    private JobResponse read(BulkUpdateStatus status, Caller caller) {
        BulkUpdateDao dao = FakeDao.of(BulkUpdateDao.class).answer("status", args -> Optional.of(status)).build();
        return new JobsResource(dao, jobs).get(id, caller);
    }

    private void jobRunrHas(UUID jobId, JobState state) {
        jobs.save(new Job(jobId, new JobDetails(new BulkUpdateJobRequest(id)), state));
    }

    @Test
    void notPlannedAndUnknownToJobRunrIsEnqueuedAndSaysNoWorkerRuns() {
        JobResponse job = read(status(null, 0, null), OWNER);
        assertThat(job.type()).isEqualTo("bulk_update");
        assertThat(job.state()).isEqualTo("enqueued");
        assertThat(job.progress()).isZero();
        assertThat(job.result()).isNull();
        assertThat(job.error()).isNull();
        assertThat(job.notice()).isEqualTo(WorkersHealthCheck.NONE_RUNNING);
    }

    @Test
    void notPlannedTakesJobRunrsState() {
        jobRunrHas(id, new ScheduledState(Instant.now().plusSeconds(60), "retry"));
        assertThat(read(status(null, 0, null), OWNER).state()).isEqualTo("scheduled");
    }

    @Test
    void plannedAndPartlyDoneIsProcessingWithItsPercent() {
        JobResponse job = read(status(8, 3, null), OWNER);
        assertThat(job.state()).isEqualTo("processing");
        assertThat(job.progress()).isEqualTo(37); // 3 of 8 chunks, rounded down
        assertThat(job.result()).isNull();
        assertThat(job.updatedAt()).isEqualTo(CREATED.plusSeconds(3));
    }

    @Test
    void aChunkErrorWhileItsJobRetriesIsReportedButTheUpdateStillProcesses() {
        JobResponse job = read(status(8, 3, "deadlock detected"), OWNER);
        assertThat(job.state()).isEqualTo("processing");
        assertThat(job.error()).isEqualTo("deadlock detected");
    }

    @Test
    void aChunkJobThatGaveUpFailsTheUpdateWithTheChunksError() {
        jobRunrHas(new BulkUpdateChunkJobRequest(id, 5).jobId(), new FailedState("gave up", new IllegalStateException("x")));
        JobResponse job = read(status(8, 3, "deadlock detected"), OWNER);
        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo("deadlock detected");
        assertThat(job.notice()).isNull();
    }

    @Test
    void aFailedPlanningJobFailsTheUpdateAndPointsToTheWorkersLog() {
        jobRunrHas(id, new FailedState("gave up", new IllegalStateException("x")));
        JobResponse job = read(status(null, 0, null), OWNER);
        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo("the job failed after its retries; see the worker's log for job " + id);
    }

    @Test
    void allChunksDoneSucceedsWithTheCountsAndItsDuration() {
        jobRunrHas(id, new FailedState("an earlier failure does not matter once every chunk is done", new IllegalStateException()));
        JobResponse job = read(status(8, 8, null), OWNER);
        assertThat(job.state()).isEqualTo("succeeded");
        assertThat(job.progress()).isEqualTo(100);
        assertThat(job.result()).isEqualTo(new JobResponse.Result(40, 30, 2, 3000));
        assertThat(job.notice()).isNull();
    }

    @Test
    void anUpdateOfNoChunksIsDoneAtOnce() {
        JobResponse job = read(status(0, 0, null), OWNER);
        assertThat(job.state()).isEqualTo("succeeded");
        assertThat(job.progress()).isEqualTo(100);
    }

    @Test
    void someoneElsesUpdateExistsOnlyForAdmins() {
        assertThatThrownBy(() -> read(status(8, 3, null), caller(8, Role.USER))).isInstanceOf(NotFoundException.class);
        assertThat(read(status(8, 3, null), caller(9, Role.ADMIN)).state()).isEqualTo("processing");
    }
}
