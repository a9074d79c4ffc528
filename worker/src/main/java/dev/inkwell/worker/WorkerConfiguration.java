package dev.inkwell.worker;

import dev.inkwell.persistence.StorageConfiguration;

/** The worker's configuration ({@code ops/config/worker.yml}); the job sections come with the jobs. */
public class WorkerConfiguration extends StorageConfiguration {
}
