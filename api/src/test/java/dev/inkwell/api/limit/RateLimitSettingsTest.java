package dev.inkwell.api.limit;

import dev.inkwell.api.ApiConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitSettingsTest {
    @Test
    void aConfiguredLimitReplacesItsDefaultAndKeepsTheOthers() {
        ApiConfiguration config = new ApiConfiguration();
        config.setRateLimits(Map.of("signUp", new RateLimit(1, 2)));
        assertThat(config.getRateLimits().get("signUp").getBurst()).isEqualTo(2);
        assertThat(config.getRateLimits()).containsKeys("tokens", "signInFailures", "search", "bulk", "invitations");
    }

    @Test
    void aMisspelledLimitStopsStartup() {
        assertThatThrownBy(() -> new ApiConfiguration().setRateLimits(Map.of("singUp", new RateLimit(1, 2))))
                .hasMessageContaining("singUp");
    }
}
