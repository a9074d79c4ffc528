package dev.inkwell.ops;

import dev.inkwell.worker.InkwellWorkerApplication;

/**
 * "inkwell-worker" as the one jar runs it ({@code inkwell.jar worker ...} and local mode): a
 * failed command throws to {@link Inkwell}, which alone turns failures into an exit status.
 */
public class WorkerApplication extends InkwellWorkerApplication {
    @Override
    protected void onFatalError(Throwable t) {
        throw new CommandFailed(t);
    }
}
