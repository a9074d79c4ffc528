package dev.inkwell.api.error;

import dev.inkwell.persistence.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds every request body: a declared Content-Length over the limit is refused (413), and a
 * body without one stops with 413 as soon as it passes the limit. An oversize body of up to
 * {@link #DRAIN_MAX} is read and discarded first: a client still uploading only reads the 413 if
 * the server takes what it sends; past that bound the connection is simply closed.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimit implements ContainerRequestFilter {
    static final long DRAIN_MAX = 16L * 1024 * 1024;

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            if (request.getLength() <= DRAIN_MAX) {
                discard(request.getEntityStream(), DRAIN_MAX);
            }
            request.abortWith(Problems.response(Problems.Kind.PAYLOAD_TOO_LARGE, PayloadTooLargeException.DETAIL));
            return;
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }

    /** Reads and drops up to {@code limit} bytes; a failing or closed stream just ends it. */
    static void discard(InputStream in, long limit) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away: nothing left to answer
        }
    }

    /** Counts bytes as they are read; past the limit drains what the client still sends, then fails. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                discard(in, DRAIN_MAX - read);
                throw new PayloadTooLargeException(max);
            }
        }
    }
}
