package dev.inkwell.ops.acceptance;

import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Inkwell the acceptance checks talk to, by its base URL only (e.g.
 * {@code http://127.0.0.1:21000/api}), and the run's {@link Accounts} on it. Chosen by system
 * properties, each also read from the environment variable in brackets:
 * <ul>
 * <li>{@code inkwell.acceptance.url} ({@code INKWELL_ACCEPTANCE_URL}): the deployment; without
 * it the checks start one of their own ({@link SelfStarted}), so that every build runs them;</li>
 * <li>{@code inkwell.acceptance.admin} ({@code INKWELL_ACCEPTANCE_ADMIN}): an admin's username;</li>
 * <li>the admin's password from {@code INKWELL_ACCEPTANCE_ADMIN_PASSWORD}, else from the file
 * named by {@code inkwell.acceptance.admin-password-file} (e.g. ops/cluster's
 * {@code <run folder>/admin-password}); never from a property, which would show in process lists.</li>
 * </ul>
 * One per run of {@link AcceptanceIT}: {@link Extension} keeps it in the store of the outermost
 * test class, which closes it (and stops what it started) once that class's last nested check
 * ran, not at the end of a test JVM that runs other classes after it (as an AutoCloseable from
 * JUnit 5.13 on, as a CloseableResource before).
 */
final class Deployment implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    /** Any one request: generous, as a deployment under test may share its cores with the build. */
    static final Duration REQUEST_LIMIT = Duration.ofSeconds(30);

    private final String base;
    private final AutoCloseable started;
    private final Accounts accounts;

    private Deployment(String base, String admin, String adminPassword, AutoCloseable started) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.started = started;
        this.accounts = Accounts.create(this, admin, adminPassword);
    }

    /** The deployment the settings name, or one started here. */
    static Deployment fromSettings() throws Exception {
        String url = setting("inkwell.acceptance.url", "INKWELL_ACCEPTANCE_URL");
        if (url == null) {
            SelfStarted self = SelfStarted.start();
            try {
                return new Deployment(self.base(), SelfStarted.ADMIN, self.adminPassword(), self);
            } catch (RuntimeException | Error e) {
                self.close();
                throw e;
            }
        }
        String admin = setting("inkwell.acceptance.admin", "INKWELL_ACCEPTANCE_ADMIN");
        String password = System.getenv("INKWELL_ACCEPTANCE_ADMIN_PASSWORD");
        String passwordFile = setting("inkwell.acceptance.admin-password-file", "INKWELL_ACCEPTANCE_ADMIN_PASSWORD_FILE");
        if (password == null && passwordFile != null) {
            password = Files.readString(Path.of(passwordFile)).strip();
        }
        if (admin == null || password == null) {
            throw new IllegalStateException("inkwell.acceptance.url needs inkwell.acceptance.admin and the admin's password "
                    + "(INKWELL_ACCEPTANCE_ADMIN_PASSWORD or inkwell.acceptance.admin-password-file)");
        }
        return new Deployment(url, admin, password, null);
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A request to {@code path} under the base URL ("posts?tag=x"), or to an absolute URL a previous answer gave. */
    TestHttp request(String method, String path, Object body) {
        String url = path.startsWith("http://") || path.startsWith("https://") ? path : base + "/" + path;
        return TestHttp.request(method, url, body).timeout(REQUEST_LIMIT);
    }

    String base() {
        return base;
    }

    Accounts accounts() {
        return accounts;
    }

    @Override
    public void close() throws Exception {
        try {
            accounts.remove();
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    /** Hands each nested check class its outermost class's one deployment, started on first use. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Deployment.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext outermost = context;
            while (outermost.getParent().isPresent() && outermost.getParent().get() != context.getRoot()) {
                outermost = outermost.getParent().get();
            }
            return outermost.getStore(ExtensionContext.Namespace.create(Deployment.class))
                    .getOrComputeIfAbsent(Deployment.class, key -> {
                        try {
                            return fromSettings();
                        } catch (Exception e) {
                            throw new IllegalStateException("cannot reach or start the deployment under test", e);
                        }
                    }, Deployment.class);
        }
    }
}
