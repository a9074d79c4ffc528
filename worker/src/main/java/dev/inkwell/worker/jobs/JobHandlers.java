package dev.inkwell.worker.jobs;

import dev.inkwell.persistence.job.JobType;
import org.jobrunr.server.JobActivator;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The worker's JobActivator: the handler of each {@link JobType}, found by the contract it
 * implements. It refuses to start without a handler for every type, so a new job type without
 * its worker half fails the worker's start (and its tests), not the job at run time.
 */
public final class JobHandlers implements JobActivator {
    private final Map<JobType, Object> handlers = new EnumMap<>(JobType.class);

    public JobHandlers(Object... handlers) {
        for (JobType type : JobType.values()) {
            Object handler = Arrays.stream(handlers).filter(type.handler()::isInstance).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no handler for job type " + type + " (" + type.handler().getName() + ")"));
            this.handlers.put(type, handler);
        }
    }

    @Override
    public <T> T activateJob(Class<T> type) {
        for (Map.Entry<JobType, Object> entry : handlers.entrySet()) {
            if (entry.getKey().handler() == type) {
                return type.cast(entry.getValue());
            }
        }
        return null;
    }
}
