package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped and started again under a running API: no request fails, the breaker opens
 * (reads go to PostgreSQL, health says degraded), and with Redis back it closes by itself and
 * hits resume, without restarting the app. The app has a Redis of its own to stop.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCacheOutageIT {
    static final TestRedis REDIS = TestRedis.privateServer();
    static final ApiApp API = new ApiApp(REDIS);
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    private static JsonNode cacheStats(ApiApp.Session admin) {
        return HTTP.get("/api/admin/cache").as(admin).expect(200);
    }

    private static JsonNode health() {
        return TestHttp.get("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").expect(200);
    }

    @Test
    void stoppingRedisFailsNoRequestAndStartingItAgainBringsHitsBack() throws Exception {
        ApiApp.Session admin = API.admin();
        long id = HTTP.post("/api/posts", fields("title", "Through the outage", "content", "x", "published", true))
                .as(admin).expect(201).get("id").asLong();
        HTTP.get("/api/posts/" + id).expect(200);
        HTTP.get("/api/posts/" + id).expect(200);
        assertThat(cacheStats(admin).get("hits").asLong()).isPositive();
        assertThat(health().get("redis").get("message").asText()).isEqualTo("ok");

        REDIS.stopServer();
        for (int i = 0; i < 30; i++) {
            assertThat(HTTP.get("/api/posts/" + id).expect(200).get("title").asText()).isEqualTo("Through the outage");
        }
        HTTP.patch("/api/posts/" + id, fields("title", "Written while Redis was down")).as(admin).expect(200);
        assertThat(HTTP.get("/api/posts/" + id).expect(200).get("title").asText()).isEqualTo("Written while Redis was down");
        JsonNode open = cacheStats(admin);
        assertThat(open.get("breaker").asText()).isEqualTo("open");
        assertThat(open.get("open_since").isNull()).isFalse();
        assertThat(open.get("bypassed").asLong()).isPositive();
        JsonNode redisHealth = health().get("redis");
        assertThat(redisHealth.get("healthy").asBoolean()).isTrue();
        assertThat(redisHealth.get("message").asText()).startsWith("degraded");

        REDIS.restart();
        Poll.until(Duration.ofSeconds(15), "the breaker closes", () -> cacheStats(admin).get("breaker").asText().equals("closed"));
        long hits = cacheStats(admin).get("hits").asLong();
        HTTP.get("/api/posts/" + id).expect(200);
        assertThat(HTTP.get("/api/posts/" + id).expect(200).get("title").asText()).isEqualTo("Written while Redis was down");
        assertThat(cacheStats(admin).get("hits").asLong()).isGreaterThan(hits);
        assertThat(health().get("redis").get("message").asText()).isEqualTo("ok");
    }
}
