package dev.inkwell.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.api.admin.BackupsResource;
import dev.inkwell.api.admin.CacheResource;
import dev.inkwell.api.admin.DbStatsResource;
import dev.inkwell.api.admin.OverviewResource;
import dev.inkwell.api.auth.BearerAuth;
import dev.inkwell.api.auth.Invitations;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.auth.Tokens;
import dev.inkwell.api.category.CategoriesResource;
import dev.inkwell.api.category.CategoryResource;
import dev.inkwell.api.console.ConsoleServlet;
import dev.inkwell.api.comment.CommentAccess;
import dev.inkwell.api.comment.CommentResource;
import dev.inkwell.api.comment.CommentsResource;
import dev.inkwell.api.cli.CreateAdminCommand;
import dev.inkwell.api.error.ErrorMappers;
import dev.inkwell.api.feed.FeedPages;
import dev.inkwell.api.feed.FeedsResource;
import dev.inkwell.api.http.GracefulStopHandler;
import dev.inkwell.api.http.KeptParameterNames;
import dev.inkwell.api.http.RequestIdHandler;
import dev.inkwell.api.http.RequestMetrics;
import dev.inkwell.api.http.UnreadBodyDrain;
import dev.inkwell.api.job.JobsResource;
import dev.inkwell.api.job.WorkersHealthCheck;
import dev.inkwell.api.limit.RateLimitFeature;
import dev.inkwell.api.limit.RateLimiter;
import dev.inkwell.api.list.ListPageFilter;
import dev.inkwell.api.list.PublicListPages;
import dev.inkwell.api.post.AnalyticsResource;
import dev.inkwell.api.post.BulkUpdateResource;
import dev.inkwell.api.post.PostJson;
import dev.inkwell.api.post.PostReadFilter;
import dev.inkwell.api.post.PostResource;
import dev.inkwell.api.post.PostSlugResource;
import dev.inkwell.api.post.PostsResource;
import dev.inkwell.api.tag.TagResource;
import dev.inkwell.api.tag.TagsResource;
import dev.inkwell.api.user.BulkUsersResource;
import dev.inkwell.api.user.InvitationAcceptResource;
import dev.inkwell.api.user.InvitationsResource;
import dev.inkwell.api.user.TokensResource;
import dev.inkwell.api.user.UserResource;
import dev.inkwell.api.user.UsersResource;
import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.category.CategoryPages;
import dev.inkwell.persistence.category.CategoryWrites;
import dev.inkwell.persistence.comment.CommentDao;
import dev.inkwell.persistence.comment.CommentPages;
import dev.inkwell.persistence.comment.CommentWrites;
import dev.inkwell.persistence.dropwizard.InkwellBundle;
import dev.inkwell.persistence.job.RestoreChecks;
import dev.inkwell.persistence.job.ScheduledPublishing;
import dev.inkwell.persistence.post.BulkUpdateDao;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.post.PostFeeds;
import dev.inkwell.persistence.post.PostReads;
import dev.inkwell.persistence.post.PostWrites;
import dev.inkwell.persistence.stats.DatabaseStatsDao;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.tag.TagPages;
import dev.inkwell.persistence.tag.TagWrites;
import dev.inkwell.persistence.tag.TagWrites;
import dev.inkwell.persistence.user.ProfileDao;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.persistence.user.UserPages;
import dev.inkwell.persistence.user.UserSearch;
import dev.inkwell.persistence.user.UserWrites;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.servlet.DispatcherType;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Function;

/**
 * The Dropwizard application "inkwell-api": the JSON API over PostgreSQL, and the {@code db}
 * commands that migrate the one schema. Everything is wired by hand in {@link #run}; what a
 * resource needs is built by {@link ApiStorage}, {@link ErrorMappers}, {@link BearerAuth} and
 * {@link RateLimitFeature}.
 */
public class InkwellApiApplication extends Application<ApiConfiguration> {
    private final InkwellBundle<ApiConfiguration> bundle = new InkwellBundle<>(ApiConfiguration.class);
    private Jdbi jdbi;

    public static void main(String[] args) throws Exception {
        new InkwellApiApplication().run(args);
    }

    @Override
    public String getName() {
        return "inkwell-api";
    }

    @Override
    public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
        bootstrap.setValidatorFactory(KeptParameterNames.validatorFactory());
        bootstrap.addBundle(bundle);
        bootstrap.addCommand(new CreateAdminCommand());
    }

    @Override
    public void run(ApiConfiguration configuration, Environment environment) {
        ObjectMapper json = environment.getObjectMapper();
        ApiJson.configure(json);
        long maxBody = configuration.getMaxRequestBody().toBytes();
        ErrorMappers.register(configuration.getServerFactory(), environment, maxBody);
        // On stop, requests on open keep-alive connections are served with Connection: close, not 503.
        GracefulStopHandler.install(environment);
        // In front of it, in this order (each wraps what is there): CORS preflights answered before
        // anything else runs, the requests' metrics, and outermost the request id, which every answer carries.
        configuration.getCors().install(environment);
        RequestMetrics.install(environment, bundle.prometheus());
        RequestIdHandler.install(environment);
        ApiStorage storage = ApiStorage.open(configuration, environment);
        jdbi = storage.jdbi();
        PasswordHasher hasher = PasswordHasher.owaspDefaults();
        Tokens tokens = new Tokens(jdbi, Duration.ofMillis(configuration.getTokenTtl().toMilliseconds()));
        UserDao users = storage.dao(UserDao.class);
        CategoryDao categories = storage.dao(CategoryDao.class);
        TagDao tags = storage.dao(TagDao.class);
        PostDao posts = storage.dao(PostDao.class);
        BulkUpdateDao bulkUpdates = storage.dao(BulkUpdateDao.class);
        PostWrites postWrites = new PostWrites(jdbi, storage.postCache());
        Function<Post, byte[]> postJson = PostJson.writer(json);
        UserPages userPages = new UserPages(jdbi);
        PublicListPages listPages = new PublicListPages(storage.keptPages(), userPages, new CategoryPages(jdbi),
                new TagPages(jdbi), json);

        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new UnreadBodyDrain(maxBody));
        RateLimitFeature limits = RateLimitFeature.install(environment, configuration.getRateLimits(),
                configuration.getTrustedProxies(), storage.cache());
        RateLimiter signInFailures = limits.limiter("signInFailures");
        BearerAuth.register(environment, tokens);
        UserWrites userWrites = new UserWrites(jdbi, storage.postCache(), storage.keptPages());
        CategoryWrites categoryWrites = new CategoryWrites(jdbi, storage.postCache(), storage.keptPages());
        TagWrites tagWrites = new TagWrites(jdbi, storage.postCache(), storage.keptPages());
        jersey.register(new UsersResource(userWrites, userPages, new UserSearch(jdbi), listPages, hasher));
        jersey.register(new BulkUsersResource(userWrites));
        jersey.register(new UserResource(users, userWrites, storage.dao(ProfileDao.class), hasher, signInFailures));
        jersey.register(new TokensResource(users, hasher, tokens, signInFailures, environment.metrics().meter("sign-ins.failed")));
        Invitations invitations = new Invitations(jdbi, userWrites, Duration.ofMillis(configuration.getInvitationTtl().toMilliseconds()));
        jersey.register(new InvitationsResource(invitations));
        jersey.register(new InvitationAcceptResource(invitations, hasher));
        jersey.register(new CategoriesResource(categoryWrites, listPages));
        jersey.register(new CategoryResource(categories, categoryWrites));
        jersey.register(new TagsResource(tagWrites, listPages));
        jersey.register(new TagResource(tags, tagWrites));
        // Anonymous reads of user, category and tag pages are answered before Jersey, as post reads are.
        environment.servlets().addFilter("list-pages", new ListPageFilter(listPages))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, ListPageFilter.paths());
        ScheduledPublishing publishing = new ScheduledPublishing(storage.scheduler());
        jersey.register(new PostsResource(postWrites, new PostReads(jdbi), storage.postCache(), postJson, json, publishing));
        jersey.register(new BulkUpdateResource(bulkUpdates, categories, storage.scheduler()));
        jersey.register(new BackupsResource(storage.dao(BackupDao.class), storage.scheduler(),
                new RestoreChecks(jdbi, storage.scheduler())));
        jersey.register(new JobsResource(bulkUpdates, storage.jobStorage()));
        environment.healthChecks().register("workers", new WorkersHealthCheck(storage.jobStorage()));
        jersey.register(new PostResource(posts, postWrites, storage.postCache(), postJson, publishing));
        jersey.register(new PostSlugResource(storage.postCache(), postJson));
        // Anonymous reads of published posts are answered before Jersey (the API's hottest path).
        environment.servlets().addFilter("post-reads", new PostReadFilter(storage.postCache(), postJson))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/posts/*");
        // Feeds: kept in the read cache with the post pages, linked under the configured public base URL.
        jersey.register(new FeedsResource(new FeedPages(storage.postCache(), new PostFeeds(jdbi),
                configuration.getFeeds().links(configuration.getServerFactory(), environment), configuration.getFeeds().getTitle())));
        CommentWrites commentWrites = new CommentWrites(jdbi, storage.postCache());
        CommentAccess commentAccess = new CommentAccess(posts, storage.dao(CommentDao.class));
        jersey.register(new CommentsResource(commentWrites, new CommentPages(jdbi), commentAccess,
                limits.limiter("commentsPerAccount")));
        jersey.register(new CommentResource(storage.dao(CommentDao.class), commentWrites, commentAccess,
                Duration.ofMillis(configuration.getCommentEditWindow().toMilliseconds())));
        jersey.register(new AnalyticsResource(posts));
        jersey.register(new CacheResource(storage.cache()));
        jersey.register(new DbStatsResource(storage.dao(DatabaseStatsDao.class), storage.cache(), environment.metrics(),
                "postgresql"));
        jersey.register(new OpenApiResource());
        // Inkwell Console: static files at /console that use only the API above with the user's token.
        jersey.register(new OverviewResource(environment.health(), storage.jobStorage(), storage.dao(DatabaseStatsDao.class)));
        environment.servlets().addServlet("console", new ConsoleServlet()).addMapping("/console", "/console/*");
    }

    /** The application's Jdbi, once running (tests count its statements with a SqlLogger). */
    public Jdbi jdbi() {
        return jdbi;
    }
}
