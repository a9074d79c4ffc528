package dev.inkwell.ops.local;

import org.eclipse.jetty.server.Server;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What local mode started, stopped newest first by one shutdown hook (Ctrl-C, SIGTERM, or an exit
 * after a failed start): the API, then the worker, whose job server still reports to the
 * database as it stops, then Redis and PostgreSQL. One hook, because the JVM runs all its hooks
 * at once: Jetty's own hook stopping the worker while the embedded PostgreSQL's hook stopped the
 * database made JobRunr fail with pages of stack traces.
 */
final class StopOrder {
    /** Stops one thing; may block until it has stopped. */
    interface Stop {
        void stop() throws Exception;
    }

    private record Started(String what, Stop stop) {
    }

    private final Deque<Started> started = new ArrayDeque<>();
    private boolean stopping;

    StopOrder() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stop"));
    }

    /** Stops {@code what} before everything added earlier; at once when the process is already stopping. */
    void add(String what, Stop stop) {
        synchronized (this) {
            if (!stopping) {
                started.push(new Started(what, stop));
                return;
            }
        }
        stopQuietly(new Started(what, stop));
    }

    /** A started Jetty server, taken out of Jetty's own shutdown hook so that only this order stops it. */
    void add(String what, Server server) {
        server.setStopAtShutdown(false);
        add(what, server::stop);
    }

    private synchronized void stopAll() {
        stopping = true;
        while (!started.isEmpty()) {
            stopQuietly(started.pop());
        }
    }

    private static void stopQuietly(Started s) {
        try {
            s.stop().stop();
        } catch (Exception e) {
            // One line: the process is ending anyway, and the next start cleans up what is left.
            System.err.println("local: stopping " + s.what() + " failed: " + e);
        }
    }
}
