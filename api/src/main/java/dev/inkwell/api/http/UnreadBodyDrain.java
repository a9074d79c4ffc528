package dev.inkwell.api.http;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;

import java.io.IOException;

/**
 * Keeps a keep-alive connection usable after any answer Jersey gives before the request body was
 * read (401 for a bad token, 429, 503 while the database is down, 404, 415...): before the
 * response is committed, the unread rest of the body is read and dropped, up to the largest body
 * the API accepts (reading it costs no more than serving it). A longer rest, or one that cannot be
 * read, gets {@code Connection: close} so the client knows not to send on the connection again.
 *
 * <p>Why: when a response completes with request content unread, Jetty consumes only what has
 * already arrived; if more is on its way it closes the connection, after a response that had
 * already promised to keep it, and the client's next request on it fails.
 */
@Priority(Priorities.USER)
public final class UnreadBodyDrain implements ContainerResponseFilter {
    private final long maxBytes;
    /** The request's proxy: injected because this instance is registered directly, not from a DynamicFeature. */
    @Context
    private HttpServletRequest servletRequest;

    public UnreadBodyDrain(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!drained()) {
            response.getHeaders().putSingle(HttpHeader.CONNECTION.asString(), HttpHeaderValue.CLOSE.asString());
        }
    }

    /** Whether the body has been read to its end, now or before. */
    private boolean drained() {
        try {
            ServletInputStream in = servletRequest.getInputStream();
            if (in.isFinished()) {
                return true;
            }
            if (servletRequest.getContentLengthLong() > maxBytes) {
                return false;
            }
            byte[] buffer = new byte[8192];
            long left = maxBytes;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                left -= n;
                if (left < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // the client went away, the body cannot be decoded (a Content-Encoding it does not
            // have: Jetty's inflater throws), or it was read as characters: not ours to finish
            return false;
        }
    }
}
