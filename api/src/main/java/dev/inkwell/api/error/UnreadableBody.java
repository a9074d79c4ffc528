package dev.inkwell.api.error;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

import java.io.IOException;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Failures of reading a request body below JSON: the client's fault, not ours. Jetty raises them
 * while Jersey reads the entity (a body marked gzip that is not, a broken chunked encoding, a
 * client that closed the connection mid-body) and they reach the mappers as unexpected
 * exceptions; this tells them apart from our bugs and says what the client did wrong.
 */
final class UnreadableBody {
    private UnreadableBody() {
    }

    /** What to tell the client when {@code e} is a failure to read its body; empty when it is something else. */
    static Optional<String> detail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ZipException) {
                return Optional.of("The request body is not valid gzip, as its Content-Encoding says; send it compressed, or without Content-Encoding.");
            }
            if (t instanceof EofException) {
                return Optional.of("The request body ended early: fewer bytes than its Content-Length, or a broken chunked encoding.");
            }
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of("The request body is malformed at the HTTP level: " + t.getMessage() + ".");
            }
        }
        // Jersey hands on the IOException of an entity being read as it is; our own code raises none.
        if (e instanceof IOException) {
            return Optional.of("The request body could not be read.");
        }
        return Optional.empty();
    }
}
