package dev.inkwell.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void jdbcUrlPassesThrough() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db:5433/inkwell?ssl=true"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5433/inkwell?ssl=true", null, null));
    }

    @Test
    void libpqUrlIsSplitIntoJdbcUrlAndCredentials() {
        assertThat(DatabaseUrl.parse("postgresql://ink:s%40cret@db.example.com:6432/blog?sslmode=require"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db.example.com:6432/blog?sslmode=require", "ink", "s@cret"));
    }

    @Test
    void defaultsPortAndDatabase() {
        assertThat(DatabaseUrl.parse("postgres://localhost").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withDatabaseKeepsServerAndOptions() {
        DatabaseUrl url = new DatabaseUrl("jdbc:postgresql://h:1/a?x=1", "u", "p");
        assertThat(url.withDatabase("b")).isEqualTo(new DatabaseUrl("jdbc:postgresql://h:1/b?x=1", "u", "p"));
        assertThat(new DatabaseUrl("jdbc:postgresql://h:1/a", null, null).withDatabase("b").jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/b");
    }

    @Test
    void withServerKeepsDatabaseCredentialsAndOptions() {
        DatabaseUrl url = new DatabaseUrl("jdbc:postgresql://db.example.com:6432/blog?sslmode=require", "u", "p");
        assertThat(url.withServer("127.0.0.1", 15432))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://127.0.0.1:15432/blog?sslmode=require", "u", "p"));
        assertThat(new DatabaseUrl("jdbc:postgresql://h/a", null, null).withServer("p", 1).jdbcUrl()).isEqualTo("jdbc:postgresql://p:1/a");
    }

    @Test
    void hostAndPortOfTheServerWithPostgresDefaults() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@db.example.com:6432/blog?sslmode=require");
        assertThat(url.host()).isEqualTo("db.example.com");
        assertThat(url.port()).isEqualTo(6432);
        assertThat(new DatabaseUrl("jdbc:postgresql://db/blog", null, null).port()).isEqualTo(5432);
    }

    @Test
    void aUrlWithoutServerCannotChangeItsServerOrDatabase() {
        DatabaseUrl local = DatabaseUrl.parse("jdbc:postgresql:inkwell");
        assertThatThrownBy(() -> local.withDatabase("other")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> local.withServer("h", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://u:topsecret@h/d").toString()).doesNotContain("topsecret");
    }

    @Test
    void explicitCredentialsWinOverTheUrlsInEitherOrder() {
        DatabaseFactory urlFirst = new DatabaseFactory();
        urlFirst.setUrl("postgresql://fromurl:urlpass@h/d");
        urlFirst.setUser("explicit");
        urlFirst.setPassword("");
        assertThat(urlFirst.getUser()).isEqualTo("explicit");
        assertThat(urlFirst.getUrl()).isEqualTo("jdbc:postgresql://h:5432/d");

        DatabaseFactory userFirst = new DatabaseFactory();
        userFirst.setUser("explicit");
        userFirst.setUrl("postgresql://fromurl@h/d");
        assertThat(userFirst.getUser()).isEqualTo("explicit");

        DatabaseFactory none = new DatabaseFactory();
        none.setUser("");
        none.setUrl("postgresql://fromurl@h/d");
        assertThat(none.getUser()).isEqualTo("fromurl");
    }
}
