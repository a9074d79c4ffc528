package dev.inkwell.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.inkwell.api.admin.BackupsResource;
import dev.inkwell.api.admin.CacheResource;
import dev.inkwell.api.admin.DbStatsResource;
import dev.inkwell.persistence.stats.DatabaseStatsDao;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.api.auth.AdminOnlyFeature;
import dev.inkwell.api.auth.Caller;
import dev.inkwell.api.cli.CreateAdminCommand;
import dev.inkwell.api.cli.SeedDemoDataCommand;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.api.auth.ProblemUnauthorizedHandler;
import dev.inkwell.api.auth.RejectInvalidCredentials;
import dev.inkwell.api.auth.TokenInUrlFilter;
import dev.inkwell.api.auth.Tokens;
import dev.inkwell.api.error.BodySizeLimit;
import dev.inkwell.api.error.ConflictExceptionMapper;
import dev.inkwell.api.error.ContentEncodings;
import dev.inkwell.api.error.DatabaseUnavailableExceptionMapper;
import dev.inkwell.api.error.InvalidExceptionMapper;
import dev.inkwell.api.error.JsonProcessingExceptionMapper;
import dev.inkwell.api.error.NotFoundExceptionMapper;
import dev.inkwell.api.error.ParamExceptionMapper;
import dev.inkwell.api.error.PasswordChecksBusyExceptionMapper;
import dev.inkwell.api.error.PayloadTooLargeExceptionMapper;
import dev.inkwell.persistence.problem.ProblemErrorHandler;
import dev.inkwell.api.error.StaleVersionExceptionMapper;
import dev.inkwell.api.error.UnexpectedExceptionMapper;
import dev.inkwell.api.error.ViolationExceptionMapper;
import dev.inkwell.api.error.WebApplicationExceptionMapper;
import dev.inkwell.api.http.GracefulStopHandler;
import dev.inkwell.api.http.UnreadBodyDrain;
import dev.inkwell.api.limit.RateLimitFeature;
import dev.inkwell.api.list.ListPageFilter;
import dev.inkwell.api.list.PublicListPages;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.api.limit.RateLimiter;
import dev.inkwell.api.category.CategoriesResource;
import dev.inkwell.api.category.CategoryResource;
import dev.inkwell.api.post.AnalyticsResource;
import dev.inkwell.api.post.PostReadFilter;
import dev.inkwell.api.post.PostResource;
import dev.inkwell.api.post.PostResponse;
import dev.inkwell.domain.post.Post;
import dev.inkwell.api.post.PostsResource;
import dev.inkwell.api.tag.TagResource;
import dev.inkwell.api.tag.TagsResource;
import dev.inkwell.api.user.BulkUsersResource;
import dev.inkwell.api.user.TokensResource;
import dev.inkwell.api.user.UserResource;
import dev.inkwell.api.user.UsersResource;
import dev.inkwell.api.job.JobsResource;
import dev.inkwell.api.job.WorkersHealthCheck;
import dev.inkwell.api.post.BulkUpdateResource;
import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.SchemaMigrations;
import dev.inkwell.persistence.job.JobStorage;
import dev.inkwell.persistence.job.RestoreChecks;
import dev.inkwell.persistence.post.BulkUpdateDao;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.category.CategoryPages;
import dev.inkwell.persistence.category.CategoryWrites;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.post.PostReads;
import dev.inkwell.persistence.post.PostWrites;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.tag.TagPages;
import dev.inkwell.persistence.tag.TagWrites;
import dev.inkwell.persistence.user.ProfileDao;
import dev.inkwell.persistence.user.UserDao;
import dev.inkwell.persistence.user.UserPages;
import dev.inkwell.persistence.user.UserWrites;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.jdbi.v3.core.Jdbi;

import jakarta.servlet.DispatcherType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Function;

/**
 * The Dropwizard application "inkwell-api": the JSON API over PostgreSQL, and the {@code db}
 * commands that migrate the one schema. Everything is wired by hand in {@link #run}.
 */
public class InkwellApiApplication extends Application<ApiConfiguration> {
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
        // ${VAR} and ${VAR:-default} in the YAML; strict: an unset variable without default stops startup.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.addBundle(new SchemaMigrations<>(ApiConfiguration.class));
        bootstrap.addCommand(new CreateAdminCommand());
        bootstrap.addCommand(new SeedDemoDataCommand());
    }

    @Override
    public void run(ApiConfiguration configuration, Environment environment) {
        ApiJson.configure(environment.getObjectMapper());
        configuration.configureAdmin(environment);
        // Our mappers answer every error as problem+json; Dropwizard's defaults would answer some as text.
        ((AbstractServerFactory) configuration.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        // ...and what Jetty refuses before Jersey sees it, too (on the server and in the servlet context).
        ProblemErrorHandler.install(environment);

        // On stop, requests on open keep-alive connections are served with Connection: close, not 503.
        GracefulStopHandler.install(environment);

        DatabaseFactory.Database database = configuration.getDatabase().open(environment, "postgresql");
        jdbi = database.jdbi();
        // The api only enqueues (a storage-only scheduler); inkwell-worker runs the jobs.
        StorageProvider jobStorage = JobStorage.on(database.dataSource());
        ReadCache cache = configuration.getCache().build(environment);
        PostDao posts = jdbi.onDemand(PostDao.class);
        PostCache postCache = new PostCache(cache, jdbi);
        UserDao users = jdbi.onDemand(UserDao.class);
        PasswordHasher hasher = PasswordHasher.owaspDefaults();
        Tokens tokens = new Tokens(jdbi, Duration.ofMillis(configuration.getTokenTtl().toMilliseconds()));

        JerseyEnvironment jersey = environment.jersey();
        registerErrors(jersey, configuration.getMaxRequestBody().toBytes());
        jersey.register(new UnreadBodyDrain(configuration.getMaxRequestBody().toBytes()));
        RateLimitFeature limits = RateLimitFeature.install(environment, configuration.getRateLimits(),
                configuration.getTrustedProxies(), cache);
        jersey.register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(token -> tokens.authenticate(token).map(Caller::new))
                .setPrefix("Bearer")
                .setRealm("inkwell")
                .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
                .buildAuthFilter()));
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        jersey.register(new RejectInvalidCredentials());
        jersey.register(new AdminOnlyFeature());
        // The OAuth filter above also reads ?access_token=: refused before anything reads the request.
        environment.servlets().addFilter("token-in-url", new TokenInUrlFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        KeptTablePages keptPages = new KeptTablePages(cache);
        UserPages userPages = new UserPages(jdbi);
        PublicListPages listPages = new PublicListPages(keptPages, userPages, new CategoryPages(jdbi), new TagPages(jdbi),
                environment.getObjectMapper());
        UserWrites userWrites = new UserWrites(jdbi, postCache, keptPages);
        jersey.register(new UsersResource(userWrites, userPages, listPages, hasher));
        jersey.register(new BulkUsersResource(userWrites));
        RateLimiter signInFailures = limits.limiter("signInFailures");
        jersey.register(new UserResource(users, userWrites, jdbi.onDemand(ProfileDao.class), hasher, signInFailures));
        jersey.register(new TokensResource(users, hasher, tokens, signInFailures));
        CategoryDao categories = jdbi.onDemand(CategoryDao.class);
        CategoryWrites categoryWrites = new CategoryWrites(jdbi, postCache, keptPages);
        jersey.register(new CategoriesResource(categoryWrites, listPages));
        jersey.register(new CategoryResource(categories, categoryWrites));
        TagWrites tagWrites = new TagWrites(jdbi, postCache, keptPages);
        jersey.register(new TagsResource(tagWrites, listPages));
        jersey.register(new TagResource(jdbi.onDemand(TagDao.class), tagWrites));
        // Anonymous reads of user, category and tag pages are answered before Jersey, as post reads are.
        environment.servlets().addFilter("list-pages", new ListPageFilter(listPages))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, ListPageFilter.paths());
        Function<Post, byte[]> postJson = postJson(environment.getObjectMapper());
        PostWrites postWrites = new PostWrites(jdbi, postCache);
        jersey.register(new PostsResource(postWrites, new PostReads(jdbi), postCache, postJson, environment.getObjectMapper()));
        BulkUpdateDao bulkUpdates = jdbi.onDemand(BulkUpdateDao.class);
        JobRequestScheduler scheduler = new JobRequestScheduler(jobStorage);
        jersey.register(new BulkUpdateResource(bulkUpdates, categories, scheduler));
        jersey.register(new BackupsResource(jdbi.onDemand(BackupDao.class), scheduler, new RestoreChecks(jdbi, scheduler)));
        jersey.register(new JobsResource(bulkUpdates, jobStorage));
        environment.healthChecks().register("workers", new WorkersHealthCheck(jobStorage));
        jersey.register(new PostResource(posts, postWrites, postCache, postJson));
        // Anonymous reads of published posts are answered before Jersey (the API's hottest path).
        environment.servlets().addFilter("post-reads", new PostReadFilter(postCache, postJson))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/posts/*");
        jersey.register(new AnalyticsResource(posts));
        jersey.register(new CacheResource(cache));
        jersey.register(new DbStatsResource(jdbi.onDemand(DatabaseStatsDao.class), cache, environment.metrics(), "postgresql"));
        jersey.register(new OpenApiResource());
    }

    /** A post as GET /api/posts/{id} sends it, written once (the cache keeps these bytes). */
    private static Function<Post, byte[]> postJson(ObjectMapper mapper) {
        ObjectWriter writer = mapper.writerFor(PostResponse.class);
        return post -> {
            try {
                return writer.writeValueAsBytes(PostResponse.of(post));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write post " + post.id() + " as JSON", e);
            }
        };
    }

    /** The application's Jdbi, once running (tests count its statements with a SqlLogger). */
    public Jdbi jdbi() {
        return jdbi;
    }

    private static void registerErrors(JerseyEnvironment jersey, long maxBodyBytes) {
        jersey.register(new ContentEncodings());
        jersey.register(new BodySizeLimit(maxBodyBytes));
        jersey.register(new NotFoundExceptionMapper());
        jersey.register(new InvalidExceptionMapper());
        jersey.register(new ConflictExceptionMapper());
        jersey.register(new StaleVersionExceptionMapper());
        jersey.register(new DatabaseUnavailableExceptionMapper());
        jersey.register(new PasswordChecksBusyExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper());
        jersey.register(new ViolationExceptionMapper());
        jersey.register(new ParamExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new PayloadTooLargeExceptionMapper());
        jersey.register(new UnexpectedExceptionMapper());
    }
}
