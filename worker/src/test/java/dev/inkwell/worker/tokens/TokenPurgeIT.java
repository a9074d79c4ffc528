package dev.inkwell.worker.tokens;

import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.user.ApiTokenDao;
import dev.inkwell.persistence.user.InvitationDao;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.worker.WorkerApp;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static dev.inkwell.persistence.testing.TokenHash.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's recurring purge deletes expired bearer tokens and keeps live ones, and deletes used
 * and expired invitations and keeps pending ones: the worker as
 * production configures it, with the purge's cron from config set to every five seconds.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenPurgeIT {
    static final TestDatabase DATABASE = TestPostgres.get().newDatabase();
    static final DropwizardAppExtension<WorkerConfiguration> APP = WorkerApp.production(DATABASE,
            ConfigOverride.config("jobs.tokenPurgeSchedule", "*/5 * * * * *"));

    private static long tokens(String which) {
        return DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", sha256(which)).mapTo(Long.class).one());
    }

    @Test
    void theRecurringPurgeDeletesAnExpiredTokenAndKeepsALiveOne() throws Exception {
        long user = DATABASE.jdbi().onDemand(UserDao.class).insert(NewUser.of("purged", "purged@example.com", null, null)).id();
        ApiTokenDao dao = DATABASE.jdbi().onDemand(ApiTokenDao.class);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dao.insert(user, sha256("expired"), now.plusHours(1));
        dao.insert(user, sha256("live"), now.plusHours(1));
        // A token issued two days ago for a day (expires_at must follow created_at).
        DATABASE.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
                         WHERE token_hash = :hash""")
                .bind("hash", sha256("expired")).execute());

        Poll.until(Duration.ofSeconds(90), Duration.ofMillis(250), "the purge runs", () -> tokens("expired"), left -> left == 0);

        assertThat(tokens("expired")).as("the expired token, after the purge ran").isZero();
        assertThat(tokens("live")).as("the live token").isOne();
    }

    private static long invitations(String which) {
        return DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM invitations WHERE token_hash = :hash")
                .bind("hash", sha256(which)).mapTo(Long.class).one());
    }

    @Test
    void theRecurringPurgeDeletesUsedAndExpiredInvitationsAndKeepsAPendingOne() throws Exception {
        UserDao users = DATABASE.jdbi().onDemand(UserDao.class);
        long admin = users.insert(NewUser.of("inviter", "inviter@example.com", null, Role.ADMIN)).id();
        InvitationDao dao = DATABASE.jdbi().onDemand(InvitationDao.class);
        OffsetDateTime tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
        for (String name : List.of("invited-used", "invited-expired", "invited-pending")) {
            dao.issue(users.insert(NewUser.of(name, name + "@example.com", null, null)).id(), admin, sha256(name), tomorrow);
        }
        assertThat(DATABASE.jdbi().onDemand(InvitationDao.class).accept(sha256("invited-used"), "$argon2id$chosen")).isPresent();
        DATABASE.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE invitations SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
                         WHERE token_hash = :hash""")
                .bind("hash", sha256("invited-expired")).execute());

        Poll.until(Duration.ofSeconds(90), Duration.ofMillis(250), "the purge runs",
                () -> invitations("invited-used") + invitations("invited-expired"), left -> left == 0);

        assertThat(invitations("invited-used")).as("the used invitation, after the purge ran").isZero();
        assertThat(invitations("invited-expired")).as("the expired invitation, after the purge ran").isZero();
        assertThat(invitations("invited-pending")).as("the pending invitation").isOne();
    }
}
