package dev.inkwell.ops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port local mode listens on, read from the file that sets it, with the environment variable
 * that moves it ({@code "${PORT:-8080}"}: PORT). Local mode checks them all before it starts or
 * creates anything, so that a taken port stops it in one line and leaves nothing half-made.
 */
record ListenPort(String role, String host, int port, String variable, Path file) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * The port at {@code portPointer} of {@code portFile}, on the host at {@code hostPointer} of
     * {@code hostFile} (no host: every interface), as Dropwizard reads them.
     */
    static ListenPort read(String role, Path portFile, String portPointer, Path hostFile, String hostPointer) throws IOException {
        String raw = rawValue(portFile, portPointer);
        if (raw == null) {
            throw new LocalModeException("no port for " + role + " at " + portPointer + " in " + portFile);
        }
        Matcher matcher = VARIABLE.matcher(raw);
        String variable = matcher.find() ? matcher.group(1) : null;
        String host = hostFile == null ? null : rawValue(hostFile, hostPointer);
        String value = substitute(raw);
        try {
            return new ListenPort(role, host == null ? null : substitute(host), Integer.parseInt(value), variable, portFile);
        } catch (NumberFormatException e) {
            throw new LocalModeException("the port of " + role + " is not a number: " + value
                    + (variable != null ? " (from " + variable + ")" : " (in " + portFile + ")"));
        }
    }

    /**
     * Throws, in one line naming the port and what moves it, when one of them is taken by another
     * program or two of them are the same.
     */
    static void checkFree(List<ListenPort> ports) {
        Map<Integer, ListenPort> seen = new HashMap<>();
        for (ListenPort port : ports) {
            ListenPort same = seen.putIfAbsent(port.port(), port);
            if (same != null) {
                throw new LocalModeException("port " + port.port() + " is set for both " + same.role() + " and " + port.role()
                        + "; " + port.remedy());
            }
            if (!port.free()) {
                throw new LocalModeException("port " + port.port() + " (" + port.role() + ") is already in use; " + port.remedy());
            }
        }
    }

    /** Binds it the way the server will, then lets it go again. */
    private boolean free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String remedy() {
        return variable != null ? "set " + variable + " to a free port" : "change it in " + file;
    }

    private static String rawValue(Path file, String pointer) throws IOException {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)).at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String substitute(String raw) {
        return new EnvironmentVariableSubstitutor(true).replace(raw).strip();
    }
}
