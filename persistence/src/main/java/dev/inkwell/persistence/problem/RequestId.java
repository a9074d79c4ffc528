package dev.inkwell.persistence.problem;

import org.slf4j.MDC;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of one request, for finding a client's error report in the logs: the client's or its
 * proxy's {@code X-Request-Id} when well-formed, else a generated one. Where it lives while the
 * request is served: the request attribute {@link #ATTRIBUTE}, the response header {@link #HEADER}
 * and the logging context key {@link #MDC_KEY} (the api's {@code RequestIdHandler} puts it in all
 * three); problem bodies take it from there as {@code request_id}.
 *
 * <p>Well-formed is narrow on purpose: the id is echoed into a response header and written into
 * log lines, so anything that could split a header or a log line, or make one unreadable (spaces,
 * CR/LF, quotes, non-ASCII), or fill a disk, is replaced, never echoed.
 */
public final class RequestId {
    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "inkwell.requestId";
    public static final String MDC_KEY = "request_id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestId() {
    }

    /** {@code offered} (a request's header, or null) when it is well-formed, else a new id. */
    public static String accept(String offered) {
        return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : generate();
    }

    /**
     * 128 random bits as 32 hex digits. Not a secret and never used as one, so the thread's own
     * generator serves (SecureRandom, as UUID.randomUUID uses, is slower and contended on the
     * hottest read path).
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long bits = random.nextLong();
        for (int i = 0; i < 32; i++) {
            if (i == 16) {
                bits = random.nextLong();
            }
            id[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return new String(id);
    }

    /** The id of the request this thread serves, or null outside one (or in an app that sets none). */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
