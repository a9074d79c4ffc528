package dev.inkwell.api.admin;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin port: ping and health for anyone; metrics, threads and tasks only with the admin password. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminPortIT {
    static final ApiApp API = new ApiApp(ConfigOverride.config("adminPassword", "admin-port-secret"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static TestHttp admin(String method, String path, String credentials) {
        TestHttp request = TestHttp.request(method, "http://127.0.0.1:" + APP.getAdminPort() + path, null);
        if (credentials != null) {
            String[] userAndPassword = credentials.split(":", 2);
            request.basic(userAndPassword[0], userAndPassword[1]);
        }
        return request;
    }

    private static int status(String method, String path, String credentials) {
        return admin(method, path, credentials).send().status();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ping", "/healthcheck"})
    void probesNeedNoCredentials(String path) throws Exception {
        assertThat(status("GET", path, null)).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/prometheus", "/threads", "/metrics?pretty=true", "/pprof", "/"})
    void everythingElseIsRefusedWithoutTheRightCredentials(String path) throws Exception {
        assertThat(status("GET", path, null)).isEqualTo(401);
        assertThat(status("GET", path, "admin:wrong")).isEqualTo(401);
        assertThat(status("GET", path, "root:admin-port-secret")).isEqualTo(401);
    }

    @Test
    void tasksAreNeverAnonymous() throws Exception {
        assertThat(status("POST", "/tasks/gc", null)).isEqualTo(401);
        assertThat(status("POST", "/tasks/log-level?logger=dev.inkwell&level=INFO", null)).isEqualTo(401);
        assertThat(status("POST", "/tasks/gc", "admin:admin-port-secret")).isEqualTo(200);
    }

    @Test
    void prometheusTextCarriesTheRequestsAndPoolGauges() throws Exception {
        API.request("/api/posts?per_page=1").get().close();
        TestHttp.Answer answer = admin("GET", "/prometheus", "admin:admin-port-secret").send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(answer.text())
                .contains("# TYPE io_dropwizard_db_ManagedPooledDataSource_postgresql_active gauge")
                .containsPattern("(?m)^io_dropwizard_db_ManagedPooledDataSource_postgresql_size [0-9.]+$")
                .containsPattern("(?m)^cache_pool_active [0-9.]+$")
                .containsPattern("(?m)^inkwell_http_requests_total\\{method=\"GET\",route=\"/api/posts\",code=\"200\",?} [1-9][0-9.]*$")
                // Dropwizard's own request metrics are taken out: the requests are counted once.
                .doesNotContain("io_dropwizard_jetty_MutableServletContextHandler");
    }

    @Test
    void theAdminPasswordOpensMetricsAndThreads() throws Exception {
        assertThat(status("GET", "/metrics", "admin:admin-port-secret")).isEqualTo(200);
        assertThat(status("GET", "/threads", "admin:admin-port-secret")).isEqualTo(200);
    }
}
