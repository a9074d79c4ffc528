/**
 * The Dropwizard plumbing inkwell-api and inkwell-worker share, apart from storage, cache and job
 * contracts: their configuration's common sections ({@link dev.inkwell.persistence.dropwizard.StorageConfiguration}),
 * what both add at bootstrap ({@link dev.inkwell.persistence.dropwizard.InkwellBundle}: {@code ${VAR}}
 * substitution, the {@code db} commands of {@link dev.inkwell.persistence.dropwizard.SchemaMigrations},
 * the guarded admin port with Prometheus metrics of {@link dev.inkwell.persistence.dropwizard.AdminPort}),
 * and the {@code plain} request log.
 */
package dev.inkwell.persistence.dropwizard;
