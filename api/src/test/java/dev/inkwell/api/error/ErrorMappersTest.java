package dev.inkwell.api.error;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inkwell.persistence.DatabaseUnavailableException;
import dev.inkwell.persistence.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.zip.ZipException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMappersTest {

    @Test
    void unexpectedErrorLeaksNothingAndItsIdIsInTheLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            Response response = new UnexpectedExceptionMapper().toResponse(
                    new IllegalStateException("SELECT password_hash FROM users WHERE id = 7"));
            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
            Problem problem = (Problem) response.getEntity();
            assertThat(problem.toString()).doesNotContain("SELECT").doesNotContain("password_hash").doesNotContain("IllegalState");
            assertThat(problem.errorId()).isNotBlank();
            assertThat(problem.detail()).contains(problem.errorId());
            assertThat(log.list).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains(problem.errorId());
                assertThat(event.getThrowableProxy().getMessage()).contains("SELECT password_hash");
            });
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aBodyThatCannotBeReadIs400LoggedWithoutAnError() {
        Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            for (Throwable e : List.of(new RuntimeException(new ZipException("Invalid gzip bytes")), new EofException("Early EOF"),
                    new BadMessageException("Bad chunk"), new IOException("stream closed"))) {
                Response response = new UnexpectedExceptionMapper().toResponse(e);
                assertThat(response.getStatus()).as("%s", e).isEqualTo(400);
                assertThat(((Problem) response.getEntity()).errorId()).isNull();
            }
            assertThat(log.list).allSatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getThrowableProxy()).isNull();
            });
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void anIoFailureInsideOurOwnWorkIsStillA500() {
        assertThat(new UnexpectedExceptionMapper().toResponse(new IllegalStateException(new IOException("disk full"))).getStatus())
                .isEqualTo(500);
    }

    @Test
    void databaseUnavailableIs503WithRetryAfter() {
        Response response = new DatabaseUnavailableExceptionMapper().toResponse(
                new DatabaseUnavailableException("no connection", new java.sql.SQLException("connection refused", "08001")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("connection refused");
    }

    @Test
    void anUntranslatedErrorCausedByABrokenConnectionIs503NotABug() {
        Exception io = new RuntimeException("job storage failed",
                new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
        Response response = new UnexpectedExceptionMapper().toResponse(io);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
        assertThat(new UnexpectedExceptionMapper().toResponse(new RuntimeException(new java.sql.SQLException("bad", "42601"))).getStatus())
                .isEqualTo(500);
    }

    @Test
    void staleVersionIs412NamingTheCurrentVersionWithoutAnEtag() {
        Response response = new StaleVersionExceptionMapper().toResponse(new dev.inkwell.domain.StaleVersionException("post 1", 1, 4));
        assertThat(response.getStatus()).isEqualTo(412);
        assertThat(response.getEntityTag()).as("a post's tag names its JSON, which the refused write did not read").isNull();
        assertThat(((dev.inkwell.persistence.problem.Problem) response.getEntity()).detail()).contains("version 4");
    }
}
