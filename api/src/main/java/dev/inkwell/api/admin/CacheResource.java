package dev.inkwell.api.admin;

import dev.inkwell.api.auth.AdminOnly;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.persistence.cache.CacheStats;
import dev.inkwell.persistence.cache.ReadCache;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** {@code GET /api/admin/cache} (admins): this API instance's read cache and its Redis. */
@AdminOnly
@Path("/api/admin/cache")
@Produces(MediaType.APPLICATION_JSON)
public final class CacheResource {
    private final ReadCache cache;

    public CacheResource(ReadCache cache) {
        this.cache = cache;
    }

    @GET
    public CacheStatsResponse get(@Auth Caller caller) {
        return CacheStatsResponse.of(cache.stats());
    }

    /** The wire form; counters are since this instance started. */
    public record CacheStatsResponse(String breaker, Instant openSince, Double hitRatio, long hits, long misses,
                                     long errors, long fills, long fillsRejected, long invalidations, long bypassed,
                                     int pendingInvalidations, Long redisKeys, Pool pool) {

        public record Pool(int active, int idle, int waiting, int max) {
        }

        static CacheStatsResponse of(CacheStats s) {
            return new CacheStatsResponse(s.state(), s.openSince(), s.hitRatio(), s.hits(), s.misses(), s.errors(),
                    s.fills(), s.fillsRejected(), s.invalidations(), s.bypassed(), s.pendingInvalidations(), s.redisKeys(),
                    s.pool() == null ? null : new Pool(s.pool().active(), s.pool().idle(), s.pool().waiting(), s.pool().max()));
        }
    }
}
