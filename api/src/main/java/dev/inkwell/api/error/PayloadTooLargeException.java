package dev.inkwell.api.error;

import java.io.IOException;

/** Thrown while reading a body that grows past the limit (also when no Content-Length was sent). */
public final class PayloadTooLargeException extends IOException {
    static final String DETAIL = "The request body is larger than this server accepts.";

    public PayloadTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
    }

    static boolean causes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
