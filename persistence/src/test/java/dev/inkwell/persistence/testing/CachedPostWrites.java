package dev.inkwell.persistence.testing;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostPublishing;
import dev.inkwell.persistence.post.PostWrites;
import org.jdbi.v3.core.Jdbi;

/**
 * The post write services (and the worker's publishing) as an application process has them: on a
 * database and the test Redis, under a cache namespace (an app's, to write as its worker would; or
 * a test's own). Close it to stop its Redis pool.
 */
public final class CachedPostWrites implements AutoCloseable {
    private final ReadCache readCache;
    private final PostCache cache;
    private final PostWrites writes;
    private final PostPublishing publishing;

    public CachedPostWrites(Jdbi jdbi, String namespace) {
        CacheFactory config = new CacheFactory();
        config.setUrl(TestRedis.get().url());
        config.setNamespace(namespace);
        readCache = config.build(new MetricRegistry());
        readCache.start();
        cache = new PostCache(readCache, jdbi);
        writes = new PostWrites(jdbi, cache);
        publishing = new PostPublishing(jdbi, cache);
    }

    public PostCache cache() {
        return cache;
    }

    public PostWrites writes() {
        return writes;
    }

    public PostPublishing publishing() {
        return publishing;
    }

    @Override
    public void close() {
        readCache.stop();
    }
}
