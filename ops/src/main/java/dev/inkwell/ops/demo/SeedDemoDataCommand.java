package dev.inkwell.ops.demo;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.ops.demo.DemoData.Size;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.DataLoads;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.post.PostCache;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code seed-demo-data [--full [--scale N]] [--users N --categories N --tags N --posts N] config.yml}:
 * fills a database that has no posts with generated demo data (a few hundred posts; {@code --full}:
 * the benchmark's 10,000 users and 200,000 posts, {@code --scale N} times as many). A database
 * with posts is left alone, so running it twice is harmless. Migrate first.
 */
public final class SeedDemoDataCommand extends ConfiguredCommand<ApiConfiguration> {
    private static final int MAX = 10_000_000;

    public SeedDemoDataCommand() {
        super("seed-demo-data", "Fills a database without posts with generated demo data");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--full").action(Arguments.storeTrue())
                .help("the benchmark's standard data set: 10,000 users, 50 categories, 500 tags, 200,000 posts");
        subparser.addArgument("--scale").type(Integer.class).choices(Arguments.range(1, Size.MAX_SCALE)).metavar("N")
                .help("with --full: N times the users and posts (10,000 x N and 200,000 x N; categories and tags stay), 1 to "
                        + Size.MAX_SCALE + "; default 1");
        for (String kind : new String[] {"users", "categories", "tags", "posts"}) {
            subparser.addArgument("--" + kind).type(Integer.class).choices(Arguments.range(kind.equals("posts") ? 0 : 1, MAX))
                    .help("how many " + kind + " to generate (overrides the size's default)");
        }
    }

    @Override
    protected void run(Bootstrap<ApiConfiguration> bootstrap, Namespace namespace, ApiConfiguration configuration) throws Exception {
        Size size = size(namespace);
        try (DatabaseFactory.Database database = withoutSocketTimeout(configuration.getDirectDatabase()).openOutsideServer("seed-demo-data")) {
            Jdbi jdbi = database.jdbi();
            long started = System.nanoTime();
            Seeded seeded;
            try {
                seeded = new DemoData(jdbi).seedIfEmpty(size);
            } finally {
                // Also after a failed seed: a running api may have kept pages of posts it undid.
                forgetListPages(configuration, jdbi);
            }
            if (seeded == null) {
                System.out.println("seed-demo-data: the database already has posts; nothing added");
                return;
            }
            System.out.printf("seed-demo-data: %,d users (from id %d), %,d categories, %,d tags, %,d posts (from id %d),"
                            + " %,d post tags in %.1f s; demo users cannot sign in%n",
                    size.users(), seeded.firstUserId(), size.categories(), size.tags(), size.posts(), seeded.firstPostId(),
                    seeded.postTags(), (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * The seed's statements (a slice's COPY, the final ANALYZE) run as long as the server needs on a busy
     * machine, so the driver must not give up on them after the request path's socket timeout; their
     * statement timeouts are lifted by {@link DemoData} itself.
     */
    private static DatabaseFactory withoutSocketTimeout(DatabaseFactory database) {
        Map<String, String> properties = new LinkedHashMap<>(database.getProperties());
        properties.put("socketTimeout", "0");
        database.setProperties(properties);
        return database;
    }

    /** A refused option (--scale without --full) is one line for the operator, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            cli.getStdErr().println("seed-demo-data: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    /** A running api may have kept pages of the lists (posts, users, categories, tags) before or during the seed: they go. */
    private static void forgetListPages(ApiConfiguration configuration, Jdbi jdbi) {
        ReadCache cache = configuration.getCache().build(new MetricRegistry());
        try {
            new DataLoads(new PostCache(cache, jdbi), new KeptTablePages(cache)).loaded();
        } finally {
            cache.stop(); // retries once if Redis did not answer, and says so
        }
    }

    static Size size(Namespace namespace) {
        Integer scale = namespace.getInt("scale");
        if (scale != null && !namespace.getBoolean("full")) {
            throw new IllegalArgumentException("--scale multiplies the standard data set: use it with --full");
        }
        Size base = namespace.getBoolean("full") ? Size.STANDARD.scaled(scale == null ? 1 : scale) : Size.DEMO;
        return new Size(or(namespace, "users", base.users()), or(namespace, "categories", base.categories()),
                or(namespace, "tags", base.tags()), or(namespace, "posts", base.posts()));
    }

    private static int or(Namespace namespace, String name, int fallback) {
        Integer given = namespace.getInt(name);
        return given == null ? fallback : given;
    }
}
