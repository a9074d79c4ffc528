package dev.inkwell.api.http;

import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsConfigurationTest {

    private static boolean allows(CorsConfiguration cors, String origin) {
        return cors.build().getAllowedOriginPatterns().stream().anyMatch(p -> Pattern.matches(p, origin));
    }

    private static CorsConfiguration withOrigins(String origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        return cors;
    }

    @Test
    void offUntilAnOriginIsNamed() {
        assertThat(new CorsConfiguration().isEnabled()).isFalse();
        assertThat(withOrigins("").isEnabled()).isFalse();
        assertThat(withOrigins(" , ").isEnabled()).isFalse();
        assertThat(withOrigins("https://app.example.com").isEnabled()).isTrue();
    }

    @Test
    void originsAreExactNotPatterns() {
        CorsConfiguration cors = withOrigins("https://app.example.com, http://localhost:3000");
        assertThat(allows(cors, "https://app.example.com")).isTrue();
        assertThat(allows(cors, "http://localhost:3000")).isTrue();
        assertThat(allows(cors, "https://appXexample.com")).as("the dot is no wildcard").isFalse();
        assertThat(allows(cors, "https://app.example.com.evil.test")).isFalse();
        assertThat(allows(cors, "http://app.example.com")).isFalse();
        assertThat(allows(cors, "http://localhost:3001")).isFalse();
    }

    @Test
    void aStarAllowsAnyOrigin() {
        assertThat(allows(withOrigins("*"), "https://anything.example")).isTrue();
    }

    @Test
    void whatIsNotAnOriginStopsStartup() {
        for (String bad : new String[]{"https://app.example.com/", "https://app.example.com/path", "app.example.com",
                "https://*.example.com", "https://app.example.com?x=1"}) {
            assertThatThrownBy(() -> withOrigins(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void theRequestIdIsAlwaysAllowedAndExposedAndNoCredentials() {
        CorsConfiguration cors = withOrigins("https://app.example.com");
        cors.setAllowedHeaders(java.util.List.of("Authorization"));
        CrossOriginHandler handler = cors.build();
        assertThat(handler.getAllowedHeaders()).contains("Authorization", "X-Request-Id");
        assertThat(handler.getExposedHeaders()).contains("X-Request-Id");
        assertThat(handler.isAllowCredentials()).isFalse();
    }
}
