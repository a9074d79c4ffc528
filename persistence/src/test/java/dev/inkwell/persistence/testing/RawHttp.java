package dev.inkwell.persistence.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what no HTTP client will send: a broken chunked body, a body
 * shorter than its Content-Length followed by the client closing its side, a request from a
 * chosen loopback address (127.0.0.2, 127.0.0.3, ...: the JDK's clients cannot choose theirs, and
 * a rate limit test is several clients as the server sees them). One request per connection
 * ({@code Connection: close}); every wait is bounded. (Requests on one kept-alive connection:
 * {@link KeepAliveConnection}.)
 */
public final class RawHttp {
    private static final int TIMEOUT_MILLIS = 15_000;

    private final int port;
    private final InetAddress local;

    public RawHttp(int port) {
        this(port, null);
    }

    private RawHttp(int port, InetAddress local) {
        this.port = port;
        this.local = local;
    }

    /** The same server, reached from {@code localAddress} (a loopback address). */
    public RawHttp from(String localAddress) {
        try {
            return new RawHttp(port, InetAddress.getByName(localAddress));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An answer; {@code status} is 0 when the server closed the connection without one; {@code
     * head} is its status line and headers as they came; header names in lower case.
     */
    public record Answer(int status, String head, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String mediaType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends {@code head} (the request line and headers, without the blank line) and then {@code
     * body} exactly as given; {@code halfClose} then closes the sending side, as a client that
     * gives up mid-body does.
     */
    public Answer send(String head, byte[] body, boolean halfClose) {
        return exchange((head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), body, halfClose);
    }

    /** {@code method path} as a JSON client sends it, with {@code body} (or none) and extra header lines. */
    public Answer json(String method, String path, String body, String... headerLines) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\nAccept: application/json\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        return exchange(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), content, false);
    }

    private Answer exchange(byte[] head, byte[] body, boolean halfClose) {
        try (Socket socket = new Socket()) {
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all;
        try {
            all = in.readAllBytes();
        } catch (SocketException e) { // reset by the server: no answer
            return new Answer(0, "", Map.of(), new byte[0]);
        }
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (all.length == 0 || end < 0) {
            return new Answer(0, "", Map.of(), all);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, text.substring(0, end), headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }
}
