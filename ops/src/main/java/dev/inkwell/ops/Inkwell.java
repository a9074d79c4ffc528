package dev.inkwell.ops;

import dev.inkwell.ops.local.LocalMode;
import dev.inkwell.worker.InkwellWorkerApplication;

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

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 1 : 0);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "api" -> new ApiApplication().run(rest);
            case "worker" -> new InkwellWorkerApplication().run(rest);
            case "local" -> LocalMode.run(rest);
            default -> {
                System.err.println("unknown application '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(1);
            }
        }
    }
}
