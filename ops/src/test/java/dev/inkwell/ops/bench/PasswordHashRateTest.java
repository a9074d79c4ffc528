package dev.inkwell.ops.bench;

import dev.inkwell.api.auth.PasswordHasher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashRateTest {

    @Test
    void countsTheHashesOfEveryThreadWithinTheTimeItReports() throws InterruptedException {
        // Cheap parameters: this checks the counting, not the speed of the real ones.
        PasswordHashRate.Rate rate = PasswordHashRate.measure(new PasswordHasher(64, 1, 1), 2, 0.2);

        assertThat(rate.threads()).isEqualTo(2);
        assertThat(rate.hashes()).isPositive();
        assertThat(rate.seconds()).isGreaterThanOrEqualTo(0.2);
        assertThat(rate.perSecond()).isEqualTo(rate.hashes() / rate.seconds());
    }
}
