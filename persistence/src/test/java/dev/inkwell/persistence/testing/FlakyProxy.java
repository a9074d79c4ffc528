package dev.inkwell.persistence.testing;

import dev.inkwell.persistence.DatabaseUrl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port in front of a real server, that a fault test can break
 * while the server itself keeps its data: {@link #cut()} drops every connection and refuses new
 * ones, {@link #hang()} accepts but never answers (a slow or stuck server), {@link #pass()}
 * forwards again. {@link #close()} at the end.
 */
public final class FlakyProxy implements AutoCloseable {
    private enum Mode { PASS, CUT, HANG }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;

    public FlakyProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "flaky-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the PostgreSQL server of {@code database}. */
    public static FlakyProxy inFrontOf(DatabaseUrl database) {
        return new FlakyProxy(database.host(), database.port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code database} reached through this proxy: the same database, user and options. */
    public DatabaseUrl to(DatabaseUrl database) {
        return database.withServer("127.0.0.1", port());
    }

    /** {@code redis://127.0.0.1:<port>}, for a Redis behind this proxy. */
    public String url() {
        return "redis://127.0.0.1:" + port();
    }

    public void pass() {
        mode = Mode.PASS;
    }

    /** Every connection is closed and new ones are closed at once (as if the server were down). */
    public void cut() {
        mode = Mode.CUT;
        dropAll();
    }

    /** Connections are accepted and bytes swallowed: every call times out. */
    public void hang() {
        mode = Mode.HANG;
        dropAll();
    }

    private void dropAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            switch (mode) {
                case CUT -> closeQuietly(client);
                case HANG -> {
                    open.add(client);
                    pump(client, OutputStream.nullOutputStream(), null);
                }
                case PASS -> {
                    try {
                        Socket server = new Socket();
                        server.connect(new InetSocketAddress(targetHost, targetPort), 2000);
                        open.add(client);
                        open.add(server);
                        pump(client, server.getOutputStream(), server);
                        pump(server, client.getOutputStream(), client);
                    } catch (IOException e) {
                        closeQuietly(client);
                    }
                }
            }
        }
    }

    /** Copies what {@code from} sends to {@code to} until either side closes. */
    private void pump(Socket from, OutputStream to, Socket other) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // One side went away.
            } finally {
                closeQuietly(from);
                if (other != null) {
                    closeQuietly(other);
                }
            }
        }, "flaky-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        dropAll();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing anyway.
        }
    }
}
