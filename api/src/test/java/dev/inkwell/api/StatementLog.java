package dev.inkwell.api;

import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.DirectStatements;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records every SQL statement a running application's Jdbi executes (it keeps logging as
 * before), those run without a handle ({@link DirectStatements}) included:
 * {@code new StatementLog(app.jdbi())}, {@link #stop()} when done. The health check's
 * query is left out: the readiness scheduler runs it on its own clock, not for a request.
 */
public final class StatementLog {
    private final Queue<String> statements = new ConcurrentLinkedQueue<>();
    private final Jdbi jdbi;
    private final SqlLogger original;

    public StatementLog(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.original = jdbi.getConfig(SqlStatements.class).getSqlLogger();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                if (!context.getRenderedSql().equals(DatabaseFactory.HEALTH_CHECK_QUERY)) {
                    statements.add(context.getRenderedSql());
                }
                original.logBeforeExecution(context);
            }

            @Override
            public void logAfterExecution(StatementContext context) {
                original.logAfterExecution(context);
            }

            @Override
            public void logException(StatementContext context, SQLException ex) {
                original.logException(context, ex);
            }
        });
        jdbi.getConfig(DirectStatements.class).observer(statements::add);
    }

    public void clear() {
        statements.clear();
    }

    public List<String> statements() {
        return new ArrayList<>(statements);
    }

    public void stop() {
        jdbi.setSqlLogger(original);
        jdbi.getConfig(DirectStatements.class).observer(null);
    }
}
