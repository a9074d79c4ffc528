package dev.inkwell.api.auth;

/** Every password-hash slot stayed taken for the hasher's whole wait: retry shortly (a 503). */
public final class PasswordChecksBusyException extends RuntimeException {
    public PasswordChecksBusyException() {
        super("too many password checks at once", null, false, false);
    }
}
