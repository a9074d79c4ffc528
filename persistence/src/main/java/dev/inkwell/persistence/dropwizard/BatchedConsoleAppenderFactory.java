package dev.inkwell.persistence.dropwizard;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import ch.qos.logback.core.spi.DeferredProcessingAware;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.async.AsyncAppenderFactory;

import java.io.BufferedOutputStream;

/**
 * {@code type: batched-console}: Dropwizard's console appender (the same settings: target,
 * threshold, layout, filters, queueSize, discardingThreshold, includeCallerData; not neverBlock or
 * messageRate, which the configurations leave unset), written by a {@link BatchingAppender} in
 * batches instead of line by line behind logback's {@code AsyncAppender}. The stream is buffered in
 * 4 KiB, the size a pipe (journald's, a container runtime's) takes in one piece, so that lines of
 * the two appenders (the request log's and the application's) never interleave within a line, as
 * they do not with one write per line; a line longer than that is written on its own, as before.
 */
@JsonTypeName("batched-console")
public final class BatchedConsoleAppenderFactory<E extends DeferredProcessingAware> extends ConsoleAppenderFactory<E> {
    private static final int PIPE_BUFFER = 4096;
    /**
     * Events a queue holds at least: 80 ms of a line per request at 100,000 requests/s, so that the
     * logging threads never wait for the writer's next wake-up (Dropwizard's default is 256).
     */
    private static final int MIN_QUEUE = 8192;

    @Override
    protected OutputStreamAppender<E> appender(LoggerContext context) {
        OutputStreamAppender<E> appender = new OutputStreamAppender<>();
        appender.setName("console");
        appender.setContext(context);
        appender.setImmediateFlush(false);
        ConsoleTarget target = ConsoleTarget.findByName(getTarget().get());
        appender.setOutputStream(new BufferedOutputStream(target.getStream(), PIPE_BUFFER));
        return appender;
    }

    @Override
    protected Appender<E> wrapAsync(Appender<E> appender, AsyncAppenderFactory<E> asyncAppenderFactory, Context context) {
        BatchingAppender<E> batching = new BatchingAppender<>((OutputStreamAppender<E>) appender,
                Math.max(MIN_QUEUE, getQueueSize()), getDiscardingThreshold(), isIncludeCallerData());
        batching.setName("batched-console");
        batching.setContext(context);
        batching.start();
        return batching;
    }
}
