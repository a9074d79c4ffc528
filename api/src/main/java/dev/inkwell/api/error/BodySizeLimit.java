package dev.inkwell.api.error;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds every request body: a declared Content-Length over the limit is refused before
 * reading (413), and a body without one stops with 413 as soon as it passes the limit.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimit implements ContainerRequestFilter {
    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            // No "Connection: close" here: Jetty then drains a moderate unread body so the client
            // can finish sending and read this answer, and closes the connection itself if not.
            request.abortWith(Problems.response(Problems.Kind.PAYLOAD_TOO_LARGE, PayloadTooLargeException.DETAIL));
            return;
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }

    /** Counts bytes as they are read and fails past the limit. */
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
                throw new PayloadTooLargeException(max);
            }
        }
    }
}
