package dev.inkwell.persistence.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What the database keeps of a bearer token or an invitation's token: its SHA-256, computed here on
 * its own (not by the code under test), for the tests of every module that look a token's row up or
 * check what is stored.
 */
public final class TokenHash {
    private TokenHash() {
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
