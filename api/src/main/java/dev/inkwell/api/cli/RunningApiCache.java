package dev.inkwell.api.cli;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.DataLoads;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.user.UserWrites;
import org.jdbi.v3.core.Jdbi;

/**
 * The read cache of an api that may be running while a process outside it writes (create-admin,
 * seed-demo-data, local mode's admin): reached with the api's own cache settings, so that the
 * write drops what that api keeps, through the same write services. Its metrics go to a registry
 * nobody reads; {@link #close()} stops it.
 * <pre>
 * try (RunningApiCache api = RunningApiCache.open(configuration.getCache(), jdbi)) {
 *     api.userWrites().create(...);
 * }
 * </pre>
 */
public final class RunningApiCache implements AutoCloseable {
    private final ReadCache cache;
    private final Jdbi jdbi;

    private RunningApiCache(ReadCache cache, Jdbi jdbi) {
        this.cache = cache;
        this.jdbi = jdbi;
    }

    /** The cache {@code settings} describe (the api's {@code cache:} section), for writes through {@code jdbi}. */
    public static RunningApiCache open(CacheFactory settings, Jdbi jdbi) {
        return new RunningApiCache(settings.build(new MetricRegistry()), jdbi);
    }

    /** User writes that drop the api's kept user pages, and its cached posts of a renamed author. */
    public UserWrites userWrites() {
        return new UserWrites(jdbi, new PostCache(cache, jdbi), new KeptTablePages(cache));
    }

    /** What a load of data that bypassed the write services owes the api's kept list pages. */
    public DataLoads dataLoads() {
        return new DataLoads(new PostCache(cache, jdbi), new KeptTablePages(cache));
    }

    /** Retries once if Redis did not answer, and says so. */
    @Override
    public void close() {
        cache.stop();
    }
}
