package dev.inkwell.persistence.dropwizard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.DeferredProcessingAware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands log events to one writer thread that wakes on a timer and writes what came meanwhile in
 * one go, instead of being woken for every event as logback's {@code AsyncAppender} is. That wake
 * (a futex call by the logging thread, a context switch for the writer) and a write system call
 * per line took about a tenth of the api's CPU on a read served from Redis, where every request
 * logs a line. Here the logging thread only puts the event in a bounded queue; the writer wakes
 * every {@link #INTERVAL} (or as soon as the queue is half full), writes the events through the
 * appender it wraps, whose stream is buffered, and flushes once per batch.
 *
 * <p>When the stream stalls (a pipe nobody reads) and the queue fills, it behaves as logback's
 * appender with Dropwizard's settings: once less than the discarding threshold is free, events of
 * level INFO and below are dropped (requests do not wait for a log), and a full queue makes the
 * thread of a WARN or ERROR wait. Events are prepared for deferred processing when they are put in
 * the queue (the thread's logging context, its name and the formatted message are taken then), as
 * logback's are.
 *
 * <p>What is queued is written before the process ends: Dropwizard waits for logback's appender
 * when the server stops or a command ends, but never stops appenders on exit, and the writer is a
 * daemon thread. So {@link #drainAll} waits until the writers have written every live appender's
 * queue, from the server's stopped event (the api's and worker's bundle) and from a shutdown hook
 * (commands, a failed start's exit). Stopping (logging configured again, as local mode does) writes
 * the queue too. Each waits at most {@link #STOP_LIMIT}: a writer stuck on a stalled stream is left
 * behind, never waited for, so that a process always ends.
 */
public final class BatchingAppender<E extends DeferredProcessingAware> extends UnsynchronizedAppenderBase<E> {
    /** How long an event may wait for the writer: a log line appears at most this late. */
    static final Duration INTERVAL = Duration.ofMillis(2);
    static final Duration STOP_LIMIT = Duration.ofSeconds(1);
    private static final int BATCH = 512;
    private static final Set<BatchingAppender<?>> LIVE = new CopyOnWriteArraySet<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private final OutputStreamAppender<E> target;
    private final BlockingQueue<E> queue;
    /** Free places at or below which the logging thread wakes the writer: the queue half full. */
    private final int wakeAtFree;
    private final int discardingThreshold;
    private final boolean includeCallerData;
    /** Set while the writer has a batch taken and not yet flushed: a drain waits for it too. */
    private volatile boolean busy;
    private volatile Thread writer;

    /**
     * Writes through {@code target} (started, its stream buffered and not flushed per event).
     * {@code discardingThreshold}: free places below which INFO and lower events are dropped, or -1
     * for a fifth of the queue (logback's default); with {@code includeCallerData}, the caller of a
     * logging event is found on the logging thread.
     */
    public BatchingAppender(OutputStreamAppender<E> target, int queueSize, int discardingThreshold, boolean includeCallerData) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.wakeAtFree = queueSize / 2;
        this.discardingThreshold = discardingThreshold < 0 ? queueSize / 5 : discardingThreshold;
        this.includeCallerData = includeCallerData;
    }

    /** Waits (at most {@link #STOP_LIMIT} in all) until every live appender's queue is written. */
    public static void drainAll() {
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        for (BatchingAppender<?> appender : LIVE) {
            appender.drain(deadline);
        }
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        Thread thread = new Thread(this::write, "log-writer-" + getName());
        thread.setDaemon(true);
        writer = thread;
        super.start();
        LIVE.add(this);
        thread.start();
        // Here, not in a static initializer: drainAll() may be the class's first use, in a shutdown.
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(BatchingAppender::drainAll, "log-writers-drain"));
            } catch (IllegalStateException shuttingDown) {
                HOOKED.set(false); // the JVM is already ending; the server's stop drains
            }
        }
    }

    @Override
    protected void append(E event) {
        // One look at the queue's size (each takes its lock, which the writer holds while it takes a batch).
        int free = queue.remainingCapacity();
        if (free < discardingThreshold && discardable(event)) {
            return;
        }
        event.prepareForDeferredProcessing();
        if (includeCallerData && event instanceof ILoggingEvent logged) {
            logged.getCallerData();
        }
        if (!queue.offer(event)) {
            LockSupport.unpark(writer);
            try {
                queue.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the event is lost, as logback's appender loses it
                return;
            }
        }
        if (free <= wakeAtFree) {
            LockSupport.unpark(writer);
        }
    }

    private static boolean discardable(Object event) {
        return event instanceof ILoggingEvent logged && logged.getLevel().toInt() <= Level.INFO_INT;
    }

    private void write() {
        List<E> batch = new ArrayList<>(BATCH);
        while (true) {
            boolean stopping = !isStarted();
            if (writeBatch(batch) > 0) {
                continue;
            }
            if (stopping) {
                return;
            }
            Thread.interrupted(); // only stop() ends the writer; a set flag would make parkNanos spin
            LockSupport.parkNanos(this, INTERVAL.toNanos());
        }
    }

    /**
     * Takes up to a batch from the queue, writes and flushes it; the number taken. Nothing it throws
     * ends the writer (an Error in a layout included): a dead writer would leave every WARN waiting
     * on a full queue.
     */
    private int writeBatch(List<E> batch) {
        busy = true; // before the batch leaves the queue: a drain never sees it in neither
        try {
            int taken = queue.drainTo(batch, BATCH);
            for (E event : batch) {
                try {
                    target.doAppend(event);
                } catch (Throwable e) {
                    addError("could not write a log event", e);
                }
            }
            batch.clear();
            if (taken > 0) {
                try {
                    target.getOutputStream().flush();
                } catch (Throwable e) {
                    addError("could not flush the log's stream", e);
                }
            }
            return taken;
        } finally {
            busy = false;
        }
    }

    /** Wakes the writer and waits until the queue is empty and written, or {@code deadline} (nanoTime) passes. */
    void drain(long deadline) {
        while (!queue.isEmpty() || busy) {
            if (System.nanoTime() - deadline > 0) {
                return;
            }
            LockSupport.unpark(writer);
            LockSupport.parkNanos(this, INTERVAL.toNanos() / 4);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        LIVE.remove(this);
        Thread thread = writer;
        LockSupport.unpark(thread);
        try {
            thread.join(STOP_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Stuck on a stalled stream: stopping the target would wait on its lock for as long.
            addWarn(queue.size() + " log events were still queued after " + STOP_LIMIT.toMillis() + " ms");
        } else {
            target.stop();
        }
    }
}
