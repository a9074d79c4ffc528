package dev.inkwell.persistence;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Jdbi's transaction handling with its errors translated by {@link SqlErrors}, as DAO methods'
 * are. A connection that breaks inside a transaction fails the transaction's own steps too
 * (commit, rollback, restoring the isolation level), and those run outside any DAO method: the
 * step's exception would replace the translated one and reach the client as a bug (500)
 * instead of an outage (503).
 */
final class TranslatingTransactionHandler implements TransactionHandler {
    private final TransactionHandler delegate;

    TranslatingTransactionHandler(TransactionHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new TranslatingTransactionHandler(delegate.specialize(handle));
    }

    @Override
    public void begin(Handle handle) {
        translated(() -> delegate.begin(handle));
    }

    @Override
    public void commit(Handle handle) {
        translated(() -> delegate.commit(handle));
    }

    @Override
    public void rollback(Handle handle) {
        translated(() -> delegate.rollback(handle));
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return translated(() -> delegate.isInTransaction(handle));
    }

    @Override
    public void savepoint(Handle handle, String name) {
        translated(() -> delegate.savepoint(handle, name));
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        translated(() -> delegate.rollbackToSavepoint(handle, name));
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        translated(() -> delegate.releaseSavepoint(handle, name));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        try {
            return delegate.inTransaction(handle, callback);
        } catch (JdbiException e) {
            throw SqlErrors.translate(e, false);
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        try {
            return delegate.inTransaction(handle, level, callback);
        } catch (JdbiException e) {
            throw SqlErrors.translate(e, false);
        }
    }

    private static void translated(Runnable step) {
        translated(() -> {
            step.run();
            return null;
        });
    }

    private static <T> T translated(Supplier<T> step) {
        try {
            return step.get();
        } catch (JdbiException e) {
            throw SqlErrors.translate(e, false);
        }
    }
}
