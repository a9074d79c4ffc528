package dev.inkwell.persistence.cache;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether Redis is worth calling. Closed: calls go through; {@code threshold} consecutive
 * failures open it. Open: nobody calls Redis (no request pays a timeout) until the cache's
 * probe finds Redis answering again and closes it.
 */
final class CircuitBreaker {
    private final int threshold;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant openedAt;

    CircuitBreaker(int threshold) {
        this.threshold = threshold;
    }

    boolean isOpen() {
        return openedAt != null;
    }

    /** When it opened; null while closed. */
    Instant openedAt() {
        return openedAt;
    }

    void success() {
        consecutiveFailures.set(0);
    }

    /** Counts a failure; true when the breaker should be open now. */
    boolean failure() {
        return consecutiveFailures.incrementAndGet() >= threshold;
    }

    /** Opens at once (a failed invalidation must not wait for more failures); true if it was closed. */
    synchronized boolean open() {
        if (openedAt != null) {
            return false;
        }
        openedAt = Instant.now();
        return true;
    }

    synchronized void close() {
        consecutiveFailures.set(0);
        openedAt = null;
    }
}
