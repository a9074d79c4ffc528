package dev.inkwell.persistence.dropwizard;

/**
 * Where the id of the user a request is signed in as is kept for its log lines, once the api's
 * authentication has found it: the logging context key {@link #MDC_KEY} (application log lines
 * of the request; cleared with the request id when the request ends) and the request attribute
 * {@link #ATTRIBUTE} (the JSON request log, written after the request's thread moved on).
 */
public final class RequestUser {
    public static final String MDC_KEY = "user_id";
    public static final String ATTRIBUTE = "inkwell.userId";

    private RequestUser() {
    }
}
