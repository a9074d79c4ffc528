package dev.inkwell.persistence.dropwizard;

import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

import java.util.function.Consumer;

/**
 * Work on Dropwizard's Jetty server at the two moments it is reachable whole: as it starts (its
 * handlers built, nothing served yet: where handlers are replaced or wrapped) and once it has
 * stopped. The listeners run in the order they were registered.
 */
public final class ServerEvents {
    private ServerEvents() {
    }

    /** Runs {@code action} with the server when it starts. */
    public static void onStarting(Environment environment, Consumer<Server> action) {
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    action.accept(server);
                }
            }
        });
    }

    /** Runs {@code action} once the server has stopped. */
    public static void onStopped(Environment environment, Runnable action) {
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                if (event instanceof Server) {
                    action.run();
                }
            }
        });
    }
}
