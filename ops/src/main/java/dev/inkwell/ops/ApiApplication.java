package dev.inkwell.ops;

import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.ops.demo.SeedDemoDataCommand;
import io.dropwizard.core.setup.Bootstrap;

/**
 * "inkwell-api" as the one jar runs it ({@code inkwell.jar api ...} and local mode): the api
 * application with the operators' commands that live in ops, {@code seed-demo-data} (the demo
 * data belongs to ops, not to the api a client talks to). A failed command throws to
 * {@link Inkwell}, which alone turns failures into an exit status.
 */
public class ApiApplication extends InkwellApiApplication {
    @Override
    public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
        super.initialize(bootstrap);
        bootstrap.addCommand(new SeedDemoDataCommand());
    }

    @Override
    protected void onFatalError(Throwable t) {
        throw new CommandFailed(t);
    }
}
