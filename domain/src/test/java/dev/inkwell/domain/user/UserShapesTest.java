package dev.inkwell.domain.user;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written shape checks of usernames and e-mail addresses accept exactly what their regular expressions did. */
class UserShapesTest {
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,64}");

    private static List<String> samples(String alphabet, int maxLength) {
        Random random = new Random(20);
        List<String> samples = new ArrayList<>(List.of("", "a@b.c", "a@b", "@b.c", "a@.b", "a@b.", "a@b..c", "a@-b.c", "a@b-.c",
                "a@b.c-", "a@@b.c", "a.b@c-d.e", "x".repeat(64) + "@b.c", "x".repeat(65) + "@b.c", "a@" + "b".repeat(63) + ".c",
                "a@" + "b".repeat(64) + ".c", "ab", "abc", "a".repeat(64), "a".repeat(65), "a b", "ä@b.c", "Ab_c.d-e"));
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(maxLength);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(s.toString());
        }
        return samples;
    }

    @Test
    void anEmailHasTheShapeTheRegularExpressionAccepted() {
        for (String s : samples("ab0-.@_!ZA ", 14)) {
            assertThat(Email.hasShape(s)).as(s).isEqualTo(EMAIL.matcher(s).matches());
        }
    }

    @Test
    void aUsernameHasTheShapeTheRegularExpressionAccepted() {
        for (String s : samples("aZ0_.-@ é", 70)) {
            assertThat(Username.hasShape(s)).as(s).isEqualTo(USERNAME.matcher(s).matches());
        }
    }
}
