package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.Race;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.inkwell.api.user.Wire.column;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No single request leaves the service without an active admin: the last one cannot demote,
 * deactivate or delete themself, not even when two admins step down at the same moment. Each
 * test makes its own admins and takes the role from every other user first (the class has a
 * database of its own).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LastAdminApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static String path(long id) {
        return "/api/users/" + id;
    }

    /** Makes {@code admins} the only admins there are. */
    private static void onlyAdmins(ApiApp.Session... admins) {
        long[] ids = java.util.Arrays.stream(admins).mapToLong(ApiApp.Session::id).toArray();
        API.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET role = 'user' WHERE NOT id = ANY(:ids)")
                .bind("ids", ids).execute());
    }

    private static long activeAdmins() {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE role = 'admin' AND is_active")
                .mapTo(Long.class).one());
    }

    private static void assertLastAdminProblem(Map<String, Object> problem) {
        assertThat((String) problem.get("detail")).contains("last active admin");
    }

    @Test
    void theLastAdminDemotingThemselfIs409AndStaysAdmin() {
        ApiApp.Session admin = API.admin();
        onlyAdmins(admin);
        assertLastAdminProblem(problemNaming(patch(API.request(path(admin.id()), admin.token()), "{\"role\": \"user\"}"), 409, "role"));
        assertThat(column(API.jdbi(), admin.id(), "role", String.class)).isEqualTo("admin");
    }

    @Test
    void theLastAdminDeactivatingThemselfIs409AndStaysActive() {
        ApiApp.Session admin = API.admin();
        onlyAdmins(admin);
        assertLastAdminProblem(problemNaming(patch(API.request(path(admin.id()), admin.token()), "{\"is_active\": false}"), 409, "is_active"));
        assertThat(column(API.jdbi(), admin.id(), "is_active", Boolean.class)).isTrue();
        object(API.request(path(admin.id()), admin.token()).get(), 200);
    }

    @Test
    void theLastAdminDeletingThemselfIs409AndStays() {
        ApiApp.Session admin = API.admin();
        onlyAdmins(admin);
        assertLastAdminProblem(problem(API.request(path(admin.id()), admin.token()).delete(), 409));
        object(API.request(path(admin.id())).get(), 200);
    }

    @Test
    void anInactiveAdminDoesNotCountAsAnotherAdmin() {
        ApiApp.Session admin = API.admin();
        ApiApp.Session dormant = API.admin();
        onlyAdmins(admin, dormant);
        object(patch(API.request(path(dormant.id()), admin.token()), "{\"is_active\": false}"), 200);
        problemNaming(patch(API.request(path(admin.id()), admin.token()), "{\"role\": \"user\"}"), 409, "role");
    }

    @Test
    void anAdminMayStepDownWhileAnotherActiveAdminRemains() {
        ApiApp.Session admin = API.admin();
        ApiApp.Session other = API.admin();
        onlyAdmins(admin, other);
        assertThat(object(patch(API.request(path(admin.id()), admin.token()), "{\"role\": \"user\"}"), 200))
                .containsEntry("role", "user");
        assertThat(activeAdmins()).isEqualTo(1);
    }

    /** Each admin demotes (or deactivates, or deletes) the other at the same moment: one wins, one is refused. */
    @RepeatedTest(5)
    void twoAdminsRemovingEachOtherAtOnceLeaveOneActiveAdmin() throws Exception {
        ApiApp.Session a = API.admin();
        ApiApp.Session b = API.admin();
        onlyAdmins(a, b);
        List<Callable<Integer>> requests = List.of(
                () -> status(patch(API.request(path(b.id()), a.token()), "{\"role\": \"user\"}")),
                () -> status(patch(API.request(path(a.id()), b.token()), "{\"is_active\": false}")),
                () -> status(API.request(path(b.id()), b.token()).delete()));
        List<Integer> statuses = Race.together(requests);
        assertThat(statuses).doesNotContain(500);
        assertThat(activeAdmins()).isEqualTo(1);
    }

    private static int status(Response r) {
        try (r) {
            Wire.text(r);
            return r.getStatus();
        }
    }
}
