package dev.inkwell.persistence;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jdbi3.strategies.StatementNameStrategy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.StatementContext;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The name of a statement, for its timer (Dropwizard's {@code dev.inkwell.persistence...} metrics)
 * and for the comment that starts its SQL ({@link NamedStatements}): a DAO method's own name,
 * or, for statements run on Jdbi's core API, the name {@link #name} gave their handle, or a
 * {@link DirectQuery}'s own.
 */
public final class StatementNames implements StatementNameStrategy {
    /** The attribute that carries a core-API statement's name. */
    private static final String ATTRIBUTE = "inkwell.statement";
    /** DAO methods' names, made once per method: every statement asks for its name twice (timer, comment). */
    private static final Map<Method, Name> DAO_METHODS = new ConcurrentHashMap<>();

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
            return DAO_METHODS.computeIfAbsent(method.getMethod(), m -> new Name(method.getType(), m.getName()));
        }
        return context.getAttribute(ATTRIBUTE) instanceof Name name ? name : null;
    }

    @Override
    public String getStatementName(StatementContext context) {
        Name name = of(context);
        return name == null ? "sql.raw" : name.metric(); // sql.raw: as Dropwizard's default names them
    }

    /** A statement's name: {@code type.method}, with its timer's name and its SQL comment made once. */
    static final class Name {
        private final Class<?> type;
        private final String method;
        private final String metric;
        private final String comment;

        Name(Class<?> type, String method) {
            this.type = type;
            this.method = method;
            this.metric = MetricRegistry.name(type, method);
            this.comment = "/* " + type.getSimpleName() + "." + method + " */ ";
        }

        Class<?> type() {
            return type;
        }

        String method() {
            return method;
        }

        /** The timer's name: {@code dev.inkwell.persistence.post.PostDao.findById}. */
        String metric() {
            return metric;
        }

        /** What the statement's SQL starts with: {@code /* PostDao.findById * /} and a space. */
        String comment() {
            return comment;
        }

        /** As the SQL comment shows it: {@code PostDao.findById}. */
        @Override
        public String toString() {
            return type.getSimpleName() + "." + method;
        }
    }
}
