package dev.inkwell.api.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inkwell.persistence.testing.Poll;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** The log lines a request makes, as logback hands them to appenders (for RequestIdIT and JsonLogsIT). */
public final class LogLines {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private LogLines() {
    }

    /**
     * The lines {@code logger} writes (at INFO) while {@code request} runs, until one carries the
     * request id it returns (in its text or as its log context's request_id).
     */
    public static List<ILoggingEvent> during(String logger, Supplier<String> request) throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(logger);
        Level level = log.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.setLevel(Level.INFO);
        log.addAppender(appender);
        try {
            String id = request.get();
            // the request log is written once the answer is complete, maybe after the client read it
            Poll.until(LIMIT, "a line with " + id, () -> List.copyOf(appender.list).stream()
                    .anyMatch(e -> e.getFormattedMessage().contains(id) || id.equals(e.getMDCPropertyMap().get("request_id"))));
            return List.copyOf(appender.list);
        } finally {
            log.detachAppender(appender);
            log.setLevel(level);
        }
    }
}
