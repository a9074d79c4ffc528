package dev.inkwell.worker.jobs;

import dev.inkwell.persistence.job.BackupJobRequestHandler;
import dev.inkwell.persistence.job.BulkUpdateChunkJobRequestHandler;
import dev.inkwell.persistence.job.BulkUpdateJobRequestHandler;
import dev.inkwell.persistence.job.JobType;
import dev.inkwell.persistence.job.PublishDueJobRequestHandler;
import dev.inkwell.persistence.job.PublishPostJobRequestHandler;
import dev.inkwell.persistence.job.RestoreCheckJobRequestHandler;
import dev.inkwell.persistence.job.TokenPurgeJobRequestHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobHandlersTest {
    private final List<Object> all = List.of(new BulkUpdateJobRequestHandler() { }, new BulkUpdateChunkJobRequestHandler() { },
            new BackupJobRequestHandler() { }, new RestoreCheckJobRequestHandler() { }, new TokenPurgeJobRequestHandler() { },
            new PublishPostJobRequestHandler() { }, new PublishDueJobRequestHandler() { });

    @Test
    void eachJobTypesContractIsActivatedAsItsHandler() {
        JobHandlers handlers = new JobHandlers(all.toArray());

        for (JobType type : JobType.values()) {
            Object handler = handlers.activateJob(type.handler());
            assertThat(handler).as(type.name()).isInstanceOf(type.handler()).isIn(all);
        }
    }

    @Test
    void aJobTypeWithoutAHandlerStopsTheWorkersStart() {
        List<Object> withoutPurge = new ArrayList<>(all);
        withoutPurge.removeIf(TokenPurgeJobRequestHandler.class::isInstance);

        assertThatThrownBy(() -> new JobHandlers(withoutPurge.toArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TOKEN_PURGE");
    }
}
