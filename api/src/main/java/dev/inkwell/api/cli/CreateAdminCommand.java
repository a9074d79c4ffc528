package dev.inkwell.api.cli;

import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.domain.DomainException;
import dev.inkwell.domain.Violations;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Password;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.DatabaseFactory;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code create-admin --username U --email E config.yml}: bootstraps the first admin. The
 * password comes from {@code INKWELL_ADMIN_PASSWORD} or standard input (never an argument, so
 * it stays out of shell history and process lists).
 */
public final class CreateAdminCommand extends ApiCommand {
    public static final String PASSWORD_ENV = "INKWELL_ADMIN_PASSWORD";

    public CreateAdminCommand() {
        // A refused input (taken name, weak password) is one line for the operator.
        super("create-admin", "Creates an admin user (password from " + PASSWORD_ENV + " or standard input)", DomainException.class);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--username").required(true).help("the admin's username");
        subparser.addArgument("--email").required(true).help("the admin's e-mail address");
    }

    @Override
    protected void run(Bootstrap<ApiConfiguration> bootstrap, Namespace namespace, ApiConfiguration configuration) throws Exception {
        String password = readPassword();
        Violations v = new Violations();
        NewUser draft = v.collect(() -> NewUser.of(namespace.getString("username"), namespace.getString("email"), null, Role.ADMIN));
        v.collect(() -> Password.validate(password));
        v.throwIfAny();
        try (DatabaseFactory.Database database = configuration.getDatabase().openOutsideServer("create-admin")) {
            Jdbi jdbi = database.jdbi();
            String hash = PasswordHasher.owaspDefaults().hash(password);
            // The running api may have kept pages of the user list without the new admin.
            try (RunningApiCache api = RunningApiCache.open(configuration.getCache(), jdbi)) {
                User admin = api.userWrites().create(new NewUser(draft.username(), draft.email(), hash, Role.ADMIN));
                System.out.println("created admin " + admin.username() + " (id " + admin.id() + ")");
            }
        }
    }

    private static String readPassword() throws IOException {
        String fromEnv = System.getenv(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for the new admin: ");
            return typed == null ? "" : new String(typed);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? "" : line;
    }
}
