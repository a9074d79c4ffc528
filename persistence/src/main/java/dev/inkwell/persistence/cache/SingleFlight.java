package dev.inkwell.persistence.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * At most one load per key runs at a time in this process. Requests that arrive while it runs
 * do not take its result (it may have read the database before a write they must see): they
 * share the next load, which starts once the running one is done, so after all of them arrived.
 * However many requests pile up, a key costs one load at a time, and nobody ever gets a value
 * that was read before it asked. Waits are bounded; a request that waited too long loads alone.
 */
final class SingleFlight<T> {
    private final ConcurrentHashMap<String, Slot<T>> slots = new ConcurrentHashMap<>();
    private final long waitMillis;
    private final AtomicLong waiting = new AtomicLong();

    /** The load running for a key, and the one queued behind it (not started yet). */
    private static final class Slot<T> {
        CompletableFuture<T> running;
        CompletableFuture<T> queued;
    }

    SingleFlight(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** Requests now waiting for a load of someone else's. */
    long waiting() {
        return waiting.get();
    }

    T run(String key, Supplier<T> load) {
        Slot<T> slot;
        CompletableFuture<T> mine;
        CompletableFuture<T> ahead;
        while (true) {
            slot = slots.computeIfAbsent(key, k -> new Slot<>());
            synchronized (slot) {
                if (slots.get(key) != slot) {
                    continue; // retired meanwhile
                }
                if (slot.running == null) {
                    mine = slot.running = new CompletableFuture<>();
                    ahead = null;
                } else {
                    if (slot.queued == null) {
                        slot.queued = new CompletableFuture<>();
                    }
                    mine = slot.queued;
                    ahead = slot.running;
                }
                break;
            }
        }
        if (ahead != null) {
            waiting.incrementAndGet();
            try {
                if (!finished(ahead)) {
                    return load.get();
                }
                synchronized (slot) {
                    if (slot.running != ahead) {
                        // Another waiter started the queued load: share it.
                        ahead = null;
                    } else {
                        slot.running = mine;
                        slot.queued = null;
                    }
                }
                if (ahead == null) {
                    return await(mine, load);
                }
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            T value = load.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (slot) {
                if (slot.running == mine && slot.queued == null) {
                    slot.running = null;
                    slots.remove(key, slot);
                }
                // Else a queued load waits for its turn; one of its waiters takes over.
            }
        }
    }

    /** Waits (bounded) for a load to end, however it ended; false on time-out. */
    private boolean finished(CompletableFuture<T> load) {
        try {
            load.get(waitMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The result of the load this request shares; its failure is this request's failure. */
    private T await(CompletableFuture<T> shared, Supplier<T> load) {
        try {
            return shared.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return load.get();
        }
    }
}
