package dev.inkwell.persistence.testing;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture itself: servers answer, and every test's database is separate and migrated. */
class FixtureIT {

    @Test
    void eachTestDatabaseIsMigratedAndSeparate() {
        try (TestDatabase a = TestPostgres.get().newDatabase(); TestDatabase b = TestPostgres.get().newDatabase()) {
            assertThat(a.name()).isNotEqualTo(b.name());
            a.execute("INSERT INTO tags (name) VALUES ('only-in-a')");
            long inA = a.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tags").mapTo(Long.class).one());
            long inB = b.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tags").mapTo(Long.class).one());
            assertThat(inA).isEqualTo(1);
            assertThat(inB).isZero();
            String version = a.jdbi().withHandle(h -> h.createQuery("SHOW server_version_num").mapTo(String.class).one());
            assertThat(Integer.parseInt(version)).isGreaterThanOrEqualTo(150000);
        }
    }

    @Test
    void redisAnswers() {
        try (RedisClient redis = TestRedis.get().client()) {
            String key = "inkwell-test:fixture:" + java.util.UUID.randomUUID();
            redis.setex(key, 60, "value");
            assertThat(redis.get(key)).isEqualTo("value");
            redis.del(key);
        }
    }
}
