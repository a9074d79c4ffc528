package dev.inkwell.persistence.dropwizard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.inkwell.persistence.testing.Poll;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import io.dropwizard.logging.common.async.AsyncLoggingEventAppenderFactory;
import io.dropwizard.logging.common.filter.ThresholdLevelFilterFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingAppenderTest {
    /** The application's context: its events take the thread's logging context (MDC) from SLF4J's. */
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("dev.inkwell.batching.test");
    private final List<Appender<ILoggingEvent>> started = new ArrayList<>();

    @AfterEach
    void stopAppenders() {
        started.forEach(Appender::stop);
        logger.detachAndStopAllAppenders();
    }

    /** Every write the appender makes to its stream, as one string each. */
    private static final class Writes extends OutputStream {
        final List<String> writes = new ArrayList<>();
        private final CountDownLatch gate;
        private final long millisEach;

        Writes(CountDownLatch gate) {
            this(gate, 0);
        }

        /** Each write waits for the gate, then takes {@code millisEach}, as a slow pipe. */
        Writes(CountDownLatch gate, long millisEach) {
            this.gate = gate;
            this.millisEach = millisEach;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                gate.await();
                Thread.sleep(millisEach);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        }

        synchronized String all() {
            return String.join("", writes);
        }

        synchronized List<String> lines() {
            String all = all();
            return all.isEmpty() ? List.of() : Arrays.asList(all.split("\n"));
        }
    }

    /** A batching appender as the factory builds it: its target buffered in 4 KiB and not flushed per event. */
    private BatchingAppender<ILoggingEvent> batching(Writes writes, int queueSize) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%X{request_id:--} %m%n");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> target = new OutputStreamAppender<>();
        target.setContext(context);
        target.setImmediateFlush(false);
        target.setOutputStream(new BufferedOutputStream(writes, 4096));
        target.setEncoder(encoder);
        target.start();
        BatchingAppender<ILoggingEvent> appender = new BatchingAppender<>(target, queueSize, -1, false);
        appender.setContext(context);
        appender.setName("batching");
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        started.add(appender);
        return appender;
    }

    @Test
    void everyLineOfManyThreadsIsWrittenInItsThreadsOrderInFewWritesOfWholeLines() throws Exception {
        // The stream stalls while the threads log, so that the lines wait in the queue, as under
        // load between two wake-ups of the writer (whatever the machine's scheduling).
        CountDownLatch gate = new CountDownLatch(1);
        Writes writes = new Writes(gate);
        BatchingAppender<ILoggingEvent> appender = batching(writes, 8192);
        int threads = 4;
        int lines = 1_500;
        List<Thread> loggers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread logging = new Thread(() -> {
                for (int i = 0; i < lines; i++) {
                    logger.info("thread {} line {}", thread, i);
                }
            });
            logging.start();
            loggers.add(logging);
        }
        for (Thread logging : loggers) {
            logging.join();
        }
        gate.countDown();
        appender.stop(); // writes what is queued before it returns

        List<String> written = writes.lines();
        assertThat(written).hasSize(threads * lines);
        for (int t = 0; t < threads; t++) {
            String prefix = "- thread " + t + " line ";
            List<Integer> order = written.stream().filter(line -> line.startsWith(prefix))
                    .map(line -> Integer.parseInt(line.substring(prefix.length()))).toList();
            assertThat(order).as("thread %d's lines, in order", t).hasSize(lines).isSorted();
        }
        assertThat(writes.writes).allSatisfy(write -> assertThat(write).endsWith("\n"));
        assertThat(writes.writes).allSatisfy(write -> assertThat(write.length()).isLessThanOrEqualTo(4096));
        // One write per line is what this replaces: 6,000 lines of ~25 bytes fill ~40 buffers.
        assertThat(writes.writes.size()).isLessThan(threads * lines / 10);
    }

    @Test
    void aLineAppearsWithoutStoppingAndCarriesTheLoggingThreadsContext() throws Exception {
        Writes writes = new Writes(new CountDownLatch(0));
        batching(writes, 8192);
        MDC.put("request_id", "r-42");
        try {
            logger.info("within a request");
        } finally {
            MDC.remove("request_id");
        }
        // The context is taken when the event is queued, not when the writer thread formats it.
        Poll.until(Duration.ofSeconds(5), "the line is written", writes::all, all -> all.equals("r-42 within a request\n"));
    }

    @Test
    void aFullQueueMakesTheThreadOfAWarningWaitAndLosesNone() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Writes writes = new Writes(gate); // the stream stalls, as a pipe nobody reads
        BatchingAppender<ILoggingEvent> appender = batching(writes, 10);
        Thread logging = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                logger.warn("line {}", i);
            }
        });
        logging.start();
        logging.join(TimeUnit.SECONDS.toMillis(1));
        assertThat(logging.isAlive()).as("the logging thread waits for room in the queue").isTrue();

        gate.countDown();
        logging.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(logging.isAlive()).isFalse();
        appender.stop();
        List<String> written = writes.lines();
        assertThat(written).hasSize(200);
        assertThat(written.get(199)).isEqualTo("- line 199");
    }

    @Test
    void infoLinesAreDroppedInsteadOfWaitingWhenTheQueueIsNearlyFull() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Writes writes = new Writes(gate);
        BatchingAppender<ILoggingEvent> appender = batching(writes, 10); // drops INFO with fewer than 2 places free
        Thread logging = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                logger.info("line {}", i);
            }
            logger.warn("the last line");
        });
        logging.start();
        logging.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(logging.isAlive()).as("a request never waits for its INFO line").isFalse();

        gate.countDown();
        appender.stop();
        List<String> written = writes.lines();
        assertThat(written).hasSizeBetween(2, 199).endsWith("- the last line");
    }

    @Test
    void drainAllReturnsOnceEveryQueuedLineIsWritten() throws Exception {
        Writes writes = new Writes(new CountDownLatch(0), 20); // ~11 KB in 4 KiB writes: about 60 ms
        batching(writes, 8192);
        for (int i = 0; i < 1000; i++) {
            logger.warn("line {}", i);
        }
        BatchingAppender.drainAll(); // as on the server's stop, or in the shutdown hook

        assertThat(writes.lines()).hasSize(1000).endsWith("- line 999");
    }

    @Test
    void drainAllGivesUpOnAStalledStreamSoThatAProcessStillEnds() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Writes writes = new Writes(gate);
        batching(writes, 100);
        logger.warn("never written while the stream stalls");
        long started = System.nanoTime();
        BatchingAppender.drainAll();
        long waited = System.nanoTime() - started;
        gate.countDown();

        assertThat(Duration.ofNanos(waited)).isBetween(BatchingAppender.STOP_LIMIT.minusMillis(100), Duration.ofSeconds(5));
    }

    @Test
    void theConfigurationsTypeBuildsABatchingAppenderOnStandardOutput() throws Exception {
        AppenderFactory<ILoggingEvent> factory = Jackson.newObjectMapper(new YAMLFactory())
                .readValue("type: batched-console\nlogFormat: \"%msg%n\"\n", new TypeReference<>() { });
        assertThat(factory).isInstanceOf(BatchedConsoleAppenderFactory.class);
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Appender<ILoggingEvent> appender = factory.build(context, "test", new DropwizardLayoutFactory(),
                    new ThresholdLevelFilterFactory(), new AsyncLoggingEventAppenderFactory());
            started.add(appender);
            assertThat(appender).isInstanceOf(BatchingAppender.class);
            logger.addAppender(appender);
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.info("to standard output");
            appender.stop();
        } finally {
            System.setOut(out);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("to standard output" + System.lineSeparator());
    }
}
