package dev.inkwell.api.post;

import dev.inkwell.api.auth.Caller;
import dev.inkwell.domain.post.BulkUpdate;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.testing.FakeDao;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may bulk-update which posts, without servers: {@code POST /api/posts/bulk-update}'s resource
 * on fake DAOs. Authors target only their own posts (a filter of theirs is narrowed to them);
 * admins any.
 */
class BulkUpdateAuthorizationTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final Caller AUTHOR = caller(7, Role.USER);
    private static final Caller ADMIN = caller(1, Role.ADMIN);
    private static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
            (self, method, args) -> {
                if (method.getName().equals("getBaseUriBuilder")) {
                    return UriBuilder.fromUri("http://localhost/");
                }
                throw new AssertionError("unexpected call of UriInfo." + method.getName());
            });

    /** What was stored; the ids the test's posts are owned by someone else. */
    private final AtomicReference<BulkUpdate> stored = new AtomicReference<>();
    private long notOwned;

    private static Caller caller(long id, Role role) {
        return new Caller(new User(id, "user" + id, "user" + id + "@example.com", role, true, NOW, NOW));
    }

    private void submit(Caller caller, List<Long> ids, BulkUpdateRequest.Filter filter) {
        BulkUpdateDao dao = FakeDao.of(BulkUpdateDao.class)
                .answer("ownership", args -> new BulkUpdateDao.Ownership(((long[]) args[0]).length, notOwned))
                .answer("insertOnce", args -> {
                    stored.set((BulkUpdate) args[0]);
                    return ((BulkUpdate) args[0]).id();
                })
                .answer("wakeWorkers", args -> null)
                .build();
        InMemoryStorageProvider jobs = new InMemoryStorageProvider();
        jobs.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        BulkUpdateRequest.Set publish = new BulkUpdateRequest.Set();
        publish.setPublished(true);
        new BulkUpdateResource(dao, FakeDao.of(CategoryDao.class).build(), new JobRequestScheduler(jobs))
                .submit(new BulkUpdateRequest(null, ids, filter, publish), caller, URI);
    }

    private static BulkUpdateRequest.Filter byAuthor(Long authorId) {
        return new BulkUpdateRequest.Filter(3L, null, authorId, null, null, null);
    }

    @Test
    void anAuthorsIdsOfTheirOwnPostsAreAccepted() {
        submit(AUTHOR, List.of(10L, 11L), null);
        assertThat(stored.get().postIds()).containsExactly(10L, 11L);
        assertThat(stored.get().ownerId()).isEqualTo(AUTHOR.id());
    }

    @Test
    void anAuthorNamingAnyPostOfSomeoneElseIsForbiddenAndNothingIsStored() {
        notOwned = 1;
        assertThatThrownBy(() -> submit(AUTHOR, List.of(10L, 11L), null)).isInstanceOf(ForbiddenException.class);
        assertThat(stored.get()).isNull();
    }

    @Test
    void anAdminMayNameAnyonesPosts() {
        notOwned = 2;
        submit(ADMIN, List.of(10L, 11L), null);
        assertThat(stored.get().postIds()).containsExactly(10L, 11L);
    }

    @Test
    void anAuthorsFilterIsNarrowedToTheirOwnPosts() {
        submit(AUTHOR, null, byAuthor(null));
        assertThat(stored.get().filter().authorId()).isEqualTo(AUTHOR.id());
        assertThat(stored.get().filter().categoryId()).isEqualTo(3L);
        submit(AUTHOR, null, byAuthor(AUTHOR.id()));
        assertThat(stored.get().filter().authorId()).isEqualTo(AUTHOR.id());
    }

    @Test
    void anAuthorsFilterNamingAnotherAuthorIsForbidden() {
        assertThatThrownBy(() -> submit(AUTHOR, null, byAuthor(8L))).isInstanceOf(ForbiddenException.class);
        assertThat(stored.get()).isNull();
    }

    @Test
    void anAdminsFilterIsKeptAsGiven() {
        submit(ADMIN, null, byAuthor(null));
        assertThat(stored.get().filter().authorId()).isNull();
        submit(ADMIN, null, byAuthor(8L));
        assertThat(stored.get().filter().authorId()).isEqualTo(8L);
    }
}
