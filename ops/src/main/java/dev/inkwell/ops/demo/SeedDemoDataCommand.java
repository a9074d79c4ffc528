package dev.inkwell.ops.demo;

import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.cli.ApiCommand;
import dev.inkwell.api.cli.RunningApiCache;
import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.ops.demo.DemoData.Size;
import dev.inkwell.persistence.DatabaseFactory;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code seed-demo-data [--full [--scale N]] [--users N --categories N --tags N --posts N] config.yml}:
 * fills a database that has no posts with generated demo data (a few hundred posts; {@code --full}:
 * the benchmark's 10,000 users and 200,000 posts, {@code --scale N} times as many). A database
 * with posts is left alone, so running it twice is harmless. Migrate first.
 */
public final class SeedDemoDataCommand extends ApiCommand {
    private static final int MAX = 10_000_000;

    public SeedDemoDataCommand() {
        // A refused option (--scale without --full) is one line for the operator.
        super("seed-demo-data", "Fills a database without posts with generated demo data", IllegalArgumentException.class);
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
        // The seed's statements (a slice's COPY, the final ANALYZE) run as long as the server needs
        // on a busy machine; their statement timeouts are lifted by DemoData itself.
        try (DatabaseFactory.Database database = configuration.getDirectDatabase().withoutSocketTimeout().openOutsideServer("seed-demo-data")) {
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

    /** A running api may have kept pages of the lists (posts, users, categories, tags) before or during the seed: they go. */
    private static void forgetListPages(ApiConfiguration configuration, Jdbi jdbi) {
        try (RunningApiCache api = RunningApiCache.open(configuration.getCache(), jdbi)) {
            api.dataLoads().loaded();
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
