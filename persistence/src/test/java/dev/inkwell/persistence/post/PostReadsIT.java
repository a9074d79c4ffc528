package dev.inkwell.persistence.post;

import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.NewUser;
import com.codahale.metrics.MetricRegistry;
import dev.inkwell.persistence.DatabaseUnavailableException;
import dev.inkwell.persistence.DirectStatements;
import dev.inkwell.persistence.InkwellJdbi;
import dev.inkwell.persistence.StatementNames;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.user.UserDao;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hot reads on Jdbi's core API: a post as the DAO reads it, failures as DAO methods fail,
 * statement names kept (lists and searches themselves: {@link PostSearchMatchesIT}, {@link PostSearchPagingIT}).
 */
class PostReadsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private List<Long> posts(int n) {
        long author = db.dao(UserDao.class).insert(NewUser.of("reader", "reader@example.com", null, null)).id();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(db.dao(PostDao.class).create(NewPost.of(author, null, "Post " + i, "words and more words " + i, i % 3 != 0,
                    List.of("t" + i % 2, "all"))).id());
        }
        return ids;
    }

    @Test
    void readsWhatTheDaoReads() {
        List<Long> ids = posts(7);
        PostReads reads = new PostReads(db.jdbi());
        PostDao dao = db.dao(PostDao.class);
        for (long id : ids) {
            assertThat(reads.findById(id)).isEqualTo(dao.findById(id)).isPresent();
        }
        assertThat(reads.findById(ids.get(ids.size() - 1) + 1)).isEmpty();
    }

    @Test
    void readsWhatTheDaoReadsOnConnectionsFromThePool() {
        List<Long> ids = posts(7);
        Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(db.database().dataSource()));
        jdbi.getConfig(DirectStatements.class).connections(db.database().dataSource());
        PostReads reads = new PostReads(jdbi);
        PostDao dao = db.dao(PostDao.class);
        for (long id : ids) {
            assertThat(reads.findById(id)).isEqualTo(dao.findById(id)).isPresent();
        }
        assertThat(reads.findById(ids.get(ids.size() - 1) + 1)).isEmpty();
    }

    @Test
    void aReadByIdIsTimedAsJdbiTimesItsStatementsAndNamedInItsSql() {
        long id = posts(3).get(1);
        MetricRegistry metrics = new MetricRegistry();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(db.database().dataSource()));
        jdbi.getConfig(DirectStatements.class).connections(db.database().dataSource()).timers(metrics).observer(seen::add);
        PostReads reads = new PostReads(jdbi);
        reads.findById(id);
        reads.findById(id + 1000);
        assertThat(metrics.getTimers()).containsOnlyKeys("dev.inkwell.persistence.post.PostReads.findById");
        assertThat(metrics.timer("dev.inkwell.persistence.post.PostReads.findById").getCount()).isEqualTo(2);
        assertThat(seen).hasSize(2).allSatisfy(sql -> assertThat(sql).startsWith("/* PostReads.findById */ SELECT ")
                .endsWith("WHERE p.id = ?"));
    }

    @Test
    void everyStatementIsNamedForItsTimerAndInItsSql() {
        long id = posts(3).get(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Jdbi jdbi = db.jdbi();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                seen.add(new StatementNames().getStatementName(context) + " | " + context.getRenderedSql());
            }
        });
        PostReads reads = new PostReads(jdbi);
        PagesWithPosts.search(reads, PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 20));
        assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s).matches(
                "dev\\.inkwell\\.persistence\\.post\\.PostReads\\.(findByIds|search) \\| /\\* PostReads\\.(findByIds|search) \\*/ (?s).*"));
        seen.clear();
        jdbi.onDemand(PostDao.class).findById(id);
        assertThat(seen).singleElement().asString().startsWith("dev.inkwell.persistence.post.PostDao.findById | /* PostDao.findById */ ");
    }

    @Test
    void anUnreachableDatabaseIsUnavailableNotABug() {
        PGSimpleDataSource ds = TestPostgres.dataSource(TestPostgres.unreachable());
        PostReads reads = new PostReads(InkwellJdbi.configure(Jdbi.create(ds)));
        assertThatThrownBy(() -> reads.findById(1)).isInstanceOf(DatabaseUnavailableException.class);
        assertThatThrownBy(() -> PagesWithPosts.search(reads, PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 20)))
                .isInstanceOf(DatabaseUnavailableException.class);
        Jdbi pooled = InkwellJdbi.configure(Jdbi.create(ds));
        pooled.getConfig(DirectStatements.class).connections(ds);
        assertThatThrownBy(() -> new PostReads(pooled).findById(1)).isInstanceOf(DatabaseUnavailableException.class);
    }
}
