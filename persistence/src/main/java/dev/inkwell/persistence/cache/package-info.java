/**
 * The read cache: cache-aside reads of serialized entities in Redis, the one cache of every
 * Inkwell process. Values are bytes (the JSON a reader is sent), so a hit is one Redis HGET and
 * no database work. This page is the one place that states the cache's invariants; the classes
 * say which part each one keeps.
 *
 * <h2>Who does what</h2>
 * <ul>
 * <li>{@link dev.inkwell.persistence.cache.ReadCache}: the facade readers and writers use, and
 *     its lifecycle;</li>
 * <li>{@link dev.inkwell.persistence.cache.CacheAside}: single and batch reads, one load per key
 *     at a time ({@link dev.inkwell.persistence.cache.SingleFlight});</li>
 * <li>{@link dev.inkwell.persistence.cache.FillTokens}: the Lua scripts of the fill-token rule;</li>
 * <li>{@link dev.inkwell.persistence.cache.Invalidations}: drops after writes, the ledger of
 *     failed drops ({@link dev.inkwell.persistence.cache.PendingInvalidations}) and its replay by
 *     the probe;</li>
 * <li>{@link dev.inkwell.persistence.cache.PromisedInvalidations}: drops a write promised in Redis
 *     before its commit, made by another process when the writer died before making them;</li>
 * <li>{@link dev.inkwell.persistence.cache.RedisCalls}: every Redis call, under the
 *     {@link dev.inkwell.persistence.cache.CircuitBreaker};</li>
 * <li>{@link dev.inkwell.persistence.cache.CacheMetrics}: the {@code cache.*} metrics and
 *     {@link dev.inkwell.persistence.cache.CacheStats};</li>
 * <li>{@link dev.inkwell.persistence.cache.CachedShape}: the versioned key of every kind of
 *     response JSON kept, with the shape pinned for that version.</li>
 * </ul>
 *
 * <h2>No stale read after an acknowledged write: fill tokens</h2>
 * An entry is a Redis hash {@code {t: token, v: value}}. A reader that misses first makes sure
 * the hash holds a token (it stores a new, never reused one if there is none) and only then
 * reads PostgreSQL; it stores what it read only if the hash still holds that same token (one Lua
 * script, atomic). An invalidation, which runs after the writer's transaction has committed,
 * deletes the whole hash, token included. So a reader whose database read may predate a commit
 * (it took its token before that commit's invalidation) can never store its value, and a reader
 * that took its token after the invalidation read after the commit. As tokens are unique, an
 * evicted or expired hash cannot bring an old one back, and an invalidation stays a plain
 * multi-key UNLINK, cheap for bulk writes.
 *
 * <p>A family (the kept pages of a list, {@code ReadCache.getMember}) is one hash with one token
 * and a field per member ({@code "=" + name}, apart from the hash's own fields {@code t} and
 * {@code b}, its byte count): one invalidation drops every member at once, and a member is
 * stored only under the token its reader took, as a single entry is. A family is bounded in
 * members and bytes; a fill that would overflow it drops it instead, to start over.
 *
 * <h2>No stampede</h2>
 * Concurrent misses on one key in this process share one load: at most one load per key runs at
 * a time, and requests that arrive while it runs share the next one, which first looks in Redis
 * again (the running load has usually just filled it). So a request only ever uses a value it
 * read from Redis itself or one loaded after it arrived; that holds with Redis down too.
 *
 * <h2>Fail-open</h2>
 * Redis calls have short connect and read timeouts and a bounded pool wait; any failure makes
 * the read go to PostgreSQL. {@code cache.failureThreshold} consecutive failures open the
 * breaker: reads make no Redis calls at all, so no request pays a timeout, and a probe pings
 * Redis every {@code cache.probeInterval}. Invalidations always try Redis once, open breaker or
 * not (a write may pay one timeout; a reader elsewhere must not see the old copy). One that fails
 * opens the breaker and is kept in the ledger; the probe replays it before it closes the breaker,
 * so this process never serves an entry it failed to invalidate.
 *
 * <p>The ledger is this process's: a process killed between a commit and its invalidation takes
 * it along. A write that no retry would redo (the worker's sweep of scheduled posts) promises its
 * drops in Redis before it commits, and any process replays the promises left too long.
 *
 * <p>What stays open: another process that reaches Redis while this one cannot may serve such an
 * entry until the replay or the TTL; and a Redis that restores old data (persistence files,
 * replica failover) can bring dropped entries back, so the cache's Redis should keep nothing on
 * disk.
 *
 * <h2>Versioned keys</h2>
 * Every key lives under {@code cache.namespace}. A key that holds response JSON carries a version
 * ({@code post:v1}) that moves whenever the JSON's shape does, so that after a deploy no reader
 * is sent JSON of the old shape: {@link dev.inkwell.persistence.cache.CachedShape} pins the shape
 * of each version, and a test in the API fails when the JSON written differs from the pin.
 */
package dev.inkwell.persistence.cache;
