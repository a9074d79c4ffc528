package dev.inkwell.persistence.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a raw socket, reused for request after request as a keep-alive
 * client (or a load balancer) does: the test decides what to write and when (a body in two
 * parts, a pipelined second request) and reads the answers byte for byte, so a connection the
 * server closes between answers shows as {@link EOFException} instead of a hidden client retry.
 */
public final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public KeepAliveConnection(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The request line and headers of a request with a body of {@code length} bytes (or none, when 0). */
    public static byte[] head(String method, String path, long length, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (length > 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    public void write(byte[]... parts) throws IOException {
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
    }

    /** Whether some of an answer has arrived, without waiting. */
    public boolean answering() throws IOException {
        return in.available() > 0;
    }

    /** Reads one whole response; {@link EOFException} when the server closed before its first byte. */
    public Answer read() throws IOException {
        String statusLine = line(true);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(false); !line.isEmpty(); line = line(false)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(false).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(false).split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line(false);
            }
            line(false);
            body = all.toByteArray();
        } else {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("response body cut after " + body.length + " of " + length + " bytes");
            }
        }
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String line(boolean first) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (first && line.isEmpty()) {
                    throw new EOFException("connection closed before the response");
                }
                throw new IOException("connection closed inside the response head");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as it came over the wire; header names in lower case. */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** Whether the server said it closes the connection after this response. */
        public boolean closes() {
            return headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("close");
        }
    }
}
