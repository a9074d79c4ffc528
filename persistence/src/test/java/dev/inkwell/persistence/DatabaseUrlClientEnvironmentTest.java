package dev.inkwell.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The libpq environment an address gives the PostgreSQL client tools. */
class DatabaseUrlClientEnvironmentTest {

    @Test
    void hostPortDatabaseAndTheRecordsCredentials() {
        assertThat(new DatabaseUrl("jdbc:postgresql://db:6432/blog?sslmode=require", "ink", "s@cret").clientEnvironment())
                .containsEntry("PGHOST", "db").containsEntry("PGPORT", "6432").containsEntry("PGDATABASE", "blog")
                .containsEntry("PGUSER", "ink").containsEntry("PGPASSWORD", "s@cret");
    }

    @Test
    void credentialsAsUrlParametersCountUnlessTheRecordHasItsOwn() {
        DatabaseUrl inUrl = new DatabaseUrl("jdbc:postgresql://db/blog?user=a&password=p%40ss", null, null);
        assertThat(inUrl.clientEnvironment()).containsEntry("PGPORT", "5432").containsEntry("PGUSER", "a")
                .containsEntry("PGPASSWORD", "p@ss");
        assertThat(new DatabaseUrl(inUrl.jdbcUrl(), "b", null).clientEnvironment()).containsEntry("PGUSER", "b")
                .containsEntry("PGPASSWORD", "p@ss");
    }

    @Test
    void noCredentialsNoVariables() {
        assertThat(DatabaseUrl.of("h", 1, "d", null, null).clientEnvironment()).doesNotContainKeys("PGUSER", "PGPASSWORD");
    }
}
