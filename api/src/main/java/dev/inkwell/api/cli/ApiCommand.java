package dev.inkwell.api.cli;

import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A command an operator runs on the api's configuration (create-admin, seed-demo-data). It fails
 * by throwing, as every Dropwizard command does, and Dropwizard's CLI ends the process non-zero;
 * a refusal the operator can act on (a taken name, a weak password, options that do not go
 * together), an exception of the command's {@code refusal} type, is said in one line, "name:
 * message", instead of a stack trace.
 */
public abstract class ApiCommand extends ConfiguredCommand<ApiConfiguration> {
    private final Class<? extends Exception> refusal;

    protected ApiCommand(String name, String description, Class<? extends Exception> refusal) {
        super(name, description);
        this.refusal = refusal;
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (refusal.isInstance(e)) {
            cli.getStdErr().println(getName() + ": " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
