package dev.inkwell.persistence.dropwizard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.DeferredProcessingAware;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * logback's are. Stopping writes every queued event before it returns (at most {@link #STOP_LIMIT}).
 */
public final class BatchingAppender<E extends DeferredProcessingAware> extends UnsynchronizedAppenderBase<E> {
    /** How long an event may wait for the writer: a log line appears at most this late. */
    static final Duration INTERVAL = Duration.ofMillis(2);
    static final Duration STOP_LIMIT = Duration.ofSeconds(1);
    private static final int BATCH = 512;

    private final OutputStreamAppender<E> target;
    private final BlockingQueue<E> queue;
    private final int wakeAt;
    private final int discardingThreshold;
    private final boolean includeCallerData;
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
        this.wakeAt = Math.max(1, queueSize / 2);
        this.discardingThreshold = discardingThreshold < 0 ? queueSize / 5 : discardingThreshold;
        this.includeCallerData = includeCallerData;
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
        thread.start();
    }

    @Override
    protected void append(E event) {
        if (discardingThreshold > 0 && queue.remainingCapacity() < discardingThreshold && discardable(event)) {
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
        if (queue.size() >= wakeAt) {
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
            if (queue.drainTo(batch, BATCH) > 0) {
                for (E event : batch) {
                    try {
                        target.doAppend(event);
                    } catch (RuntimeException e) { // the writer must outlive any event: a full queue blocks WARNs
                        addError("could not write a log event", e);
                    }
                }
                batch.clear();
                flush();
            } else if (stopping) {
                return;
            } else {
                Thread.interrupted(); // only stop() ends the writer; a set flag would make parkNanos spin
                LockSupport.parkNanos(this, INTERVAL.toNanos());
            }
        }
    }

    private void flush() {
        try {
            target.getOutputStream().flush();
        } catch (IOException e) {
            addError("could not flush the log's stream", e);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        Thread thread = writer;
        LockSupport.unpark(thread);
        try {
            thread.join(STOP_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            addWarn(queue.size() + " log events were still queued after " + STOP_LIMIT.toMillis() + " ms");
        }
        target.stop();
    }
}
