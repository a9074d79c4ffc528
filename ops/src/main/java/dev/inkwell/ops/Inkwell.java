package dev.inkwell.ops;

import dev.inkwell.ops.local.LocalMode;
import dev.inkwell.ops.local.LocalModeException;

import java.util.Arrays;

/**
 * The one runnable jar: {@code java -jar inkwell.jar api|worker <dropwizard command> ...}. The
 * first argument picks the application; the rest goes to that application's Dropwizard CLI
 * ({@code server}, {@code check}, {@code db migrate}, ...).
 */
public final class Inkwell {
    private static final String USAGE = """
            usage: java -jar inkwell.jar <application> <command> [options] [config.yml]

            applications:
              local    everything on this machine, embedded PostgreSQL (or DATABASE_URL)
              api      the JSON API         e.g. api server ops/config/api.yml
              worker   the job worker       e.g. worker server ops/config/worker.yml

            Each application takes Dropwizard's commands: server, check, db migrate, db status,
            db rollback --count N, db test, ... Add -h after the application for its full list.
            """;

    private Inkwell() {
    }

    /**
     * The one place where a failure becomes an exit status (1); success returns, and a server
     * goes on in its own threads. The exit also runs local mode's stop order, so whatever a
     * failed local mode had started is stopped, newest first.
     */
    public static void main(String[] args) {
        int status = launch(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    private static int launch(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 1 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "api" -> new ApiApplication().run(rest);
                case "worker" -> new WorkerApplication().run(rest);
                case "local" -> LocalMode.run(rest);
                default -> {
                    System.err.println("unknown application '" + args[0] + "'");
                    System.err.print(USAGE);
                    return 1;
                }
            }
            return 0;
        } catch (CommandFailed alreadySaid) {
            return 1;
        } catch (LocalModeException e) {
            System.err.println("local: " + e.getMessage());
            return 1;
        } catch (Throwable e) {
            e.printStackTrace();
            return 1;
        }
    }
}
