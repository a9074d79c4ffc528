package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jdbi3.strategies.StatementNameStrategy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.StatementContext;

import java.util.function.Function;

/**
 * The name of a statement, for its timer (Dropwizard's {@code dev.inkwell.persistence...} metrics)
 * and for the comment that starts its SQL ({@link NamedStatements}): a DAO method's own name,
 * or, for statements run on Jdbi's core API, the name {@link #name} gave their handle.
 */
public final class StatementNames implements StatementNameStrategy {
    /** The attribute that carries a core-API statement's name. */
    private static final String ATTRIBUTE = "inkwell.statement";

    /** Names every statement {@code handle} runs from now on: {@code type.method}. */
    public static Handle name(Handle handle, Class<?> type, String method) {
        return handle.define(ATTRIBUTE, new Name(type, method));
    }

    /**
     * Runs {@code work} on a handle of its own whose statements are named {@code type.method},
     * with errors translated as for DAO methods ({@link SqlErrors#translate}): what a call on
     * Jdbi's core API needs to be timed, commented and answered like a SqlObject call.
     */
    public static <T> T use(Jdbi jdbi, Class<?> type, String method, Function<Handle, T> work) {
        try (Handle handle = jdbi.open()) {
            return work.apply(name(handle, type, method));
        } catch (JdbiException e) {
            throw SqlErrors.translate(e, false);
        }
    }

    /** The statement's name, or null when it has none. */
    static Name of(StatementContext context) {
        ExtensionMethod method = context.getExtensionMethod();
        if (method != null) {
            return new Name(method.getType(), method.getMethod().getName());
        }
        return context.getAttribute(ATTRIBUTE) instanceof Name name ? name : null;
    }

    @Override
    public String getStatementName(StatementContext context) {
        Name name = of(context);
        return name == null ? "sql.raw" : MetricRegistry.name(name.type(), name.method()); // sql.raw: as Dropwizard's default names them
    }

    record Name(Class<?> type, String method) {
        /** As the SQL comment shows it: {@code PostDao.findById}. */
        @Override
        public String toString() {
            return type.getSimpleName() + "." + method;
        }
    }
}
