package dev.inkwell.api.cache;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** With the read cache off, the user, category and tag pages are built for every request, before Jersey too. */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeptListPagesCacheOffIT {
    static final ApiApp API = new ApiApp(ConfigOverride.config("cache.enabled", "false"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    @Test
    void everyWriteShowsAtOnce() {
        long users = HTTP.get("/api/users").expect(200).get("total").asLong();
        ApiApp.Session user = API.signUp("uncached");
        assertThat(HTTP.get("/api/users").expect(200).get("total").asLong()).isEqualTo(users + 1);
        HTTP.get("/api/categories").expect(200);
        HTTP.post("/api/categories", fields("name", ApiApp.unique("Uncached"))).as(user).expect(201);
        assertThat(HTTP.get("/api/categories").expect(200).get("total").asLong()).isEqualTo(1);
        HTTP.get("/api/tags").expect(200);
        HTTP.post("/api/tags", fields("name", ApiApp.unique("uncached"))).as(user).expect(201);
        assertThat(HTTP.get("/api/tags").expect(200).get("total").asLong()).isEqualTo(1);
    }
}
