package dev.inkwell.api.auth;

import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.user.ApiTokenDao;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

/**
 * Bearer tokens: 32 random bytes (URL-safe Base64, prefixed "iw_"), shown once to the client;
 * the database keeps only their SHA-256, so a leaked table grants nothing.
 */
public final class Tokens {
    private static final String PREFIX = "iw_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenDao dao;
    private final Jdbi jdbi;
    private final Duration ttl;

    public Tokens(Jdbi jdbi, Duration ttl) {
        this.dao = jdbi.onDemand(ApiTokenDao.class);
        this.jdbi = jdbi;
        this.ttl = ttl;
    }

    /** A new token of {@code userId}, and when it expires: for who is made without a password (local mode's admin). */
    public Issued issue(long userId) {
        Issued issued = fresh();
        dao.insert(userId, sha256(issued.token()), issued.expiresAt());
        return issued;
    }

    /**
     * A sign-in's token: empty unless {@code userId} is still active with {@code verifiedHash},
     * the password hash the sign-in verified (a password change or deactivation that overlaps
     * the sign-in leaves it no token).
     */
    public Optional<Issued> issue(long userId, String verifiedHash) {
        Issued issued = fresh();
        return dao.insertIfStill(userId, verifiedHash, sha256(issued.token()), issued.expiresAt())
                ? Optional.of(issued) : Optional.empty();
    }

    private Issued fresh() {
        return fresh(PREFIX, ttl);
    }

    /**
     * A new secret for {@code ttl}: 32 random bytes, URL-safe Base64 after {@code prefix} (which
     * tells a reader, or a secret scanner, what kind of secret it is). Store only its {@link #sha256}.
     */
    static Issued fresh(String prefix, Duration ttl) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(token, OffsetDateTime.now(ZoneOffset.UTC).plus(ttl).withNano(0));
    }

    /** The active user holding {@code token}, if it is one of ours and unexpired. */
    public Optional<User> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return ApiTokenDao.findUser(jdbi, sha256(token));
    }

    /** Ends a token's life (sign-out). */
    public boolean revoke(String token) {
        return token != null && dao.delete(sha256(token));
    }

    /** What the database keeps of {@code token}. */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A freshly issued token. */
    public record Issued(String token, OffsetDateTime expiresAt) {
    }
}
