package dev.inkwell.persistence.user;

import dev.inkwell.persistence.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The username check of changeset 013 is 001's rule in a cheaper form: the constraint the
 * database holds now, evaluated by PostgreSQL, agrees with 001's regex on every string tried.
 */
class UsernameCheckIT {
    private static final String RULE_OF_001 = "^[A-Za-z0-9_.-]{3,64}$";
    private static final String ALPHABET = "abzAZ09_.-@ é\n\t$^*+{}[]\\";

    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @Test
    void theConstraintAgreesWithTheRuleOf001OnEveryStringTried() {
        List<String> strings = new ArrayList<>(List.of("", "ab", "abc", "a".repeat(64), "a".repeat(65), "abc\n", "\nabc",
                "ab\u00e9", "ab c", "a.b-c_d", "...", "Abc123", "abc$", "é".repeat(3), "a".repeat(63) + "\n"));
        Random random = new Random(13);
        for (int i = 0; i < 4_000; i++) {
            int length = random.nextInt(70);
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < length; j++) {
                // Mostly valid characters, so that long valid strings occur and a bad one is often alone.
                s.append(random.nextInt(8) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : "abcXYZ019_.-".charAt(random.nextInt(12)));
            }
            strings.add(s.toString());
        }
        List<String> disagreeing = db.jdbi().withHandle(h -> {
            String check = h.createQuery("""
                    SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint
                     WHERE conrelid = 'users'::regclass AND conname = 'users_username_check'
                    """).mapTo(String.class).one();
            assertThat(check).doesNotContain("{3,64}"); // 013's form, not 001's
            return h.createQuery("SELECT username FROM unnest(:strings) AS t(username) WHERE (" + check
                            + ") IS DISTINCT FROM (username ~ '" + RULE_OF_001 + "')")
                    .bindArray("strings", String.class, strings).mapTo(String.class).list();
        });
        assertThat(disagreeing).isEmpty();
        assertThat(strings.stream().filter(s -> s.matches(RULE_OF_001.replace("$", "\\z"))).count())
                .as("both valid and invalid strings were tried").isBetween(100L, 3_900L);
    }

    @Test
    void aUsernameBreakingTheRuleIsRefusedByTheDatabase() {
        for (String bad : List.of("ab", "a".repeat(65), "ab c", "abc\n", "ab\u00e9")) {
            assertThat(insertRefused(bad)).as(bad).isTrue();
        }
        assertThat(insertRefused("a".repeat(64))).isFalse();
        assertThat(insertRefused("a.b")).isFalse();
    }

    private boolean insertRefused(String username) {
        try {
            db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO users (username, email) VALUES (:u, md5(:u) || '@example.com')")
                    .bind("u", username).execute());
            return false;
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            assertThat(e.getMessage()).contains("users_username_check");
            return true;
        }
    }
}
