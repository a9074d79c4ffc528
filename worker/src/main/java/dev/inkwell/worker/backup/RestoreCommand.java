package dev.inkwell.worker.backup;

import dev.inkwell.persistence.DatabaseFactory;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.PrintStream;

/**
 * {@code worker restore --file ARCHIVE [--replace] [--unverified] worker.yml}: restores a backup
 * into the configured database, which must be empty unless {@code --replace}, after checking the
 * archive against its manifest, and checks its row counts after. An archive without a manifest
 * is restored but not verified: that exits non-zero unless {@code --unverified} says it is meant.
 * Each outcome is one line; a failure throws, as Dropwizard commands do, and exits non-zero.
 */
public final class RestoreCommand extends ConfiguredCommand<WorkerConfiguration> {
    static final String UNVERIFIED = "restored, NOT verified (no manifest)";

    public RestoreCommand() {
        super("restore", "Restore a backup archive into the configured (empty) database and verify its rows");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--file").dest("archive").required(true).help("the archive: a path, or its name in the backup folder");
        subparser.addArgument("--replace").action(Arguments.storeTrue())
                .help("drop and replace what the archive contains even if the database is not empty");
        subparser.addArgument("--unverified").action(Arguments.storeTrue())
                .help("an archive without its manifest is restored unchecked: exit 0 anyway");
    }

    @Override
    protected void run(Bootstrap<WorkerConfiguration> bootstrap, Namespace namespace, WorkerConfiguration configuration) {
        DatabaseFactory database = configuration.getDirectDatabase(); // pg_restore and a scratch database need a session
        BackupsFactory backups = configuration.getBackups();
        try (DatabaseFactory.Database db = database.openOutsideServer("restore")) {
            Restores restores = new Restores(database.url(), db.jdbi().onDemand(BackupDao.class), backups.tools(), backups.folder());
            restore(restores, namespace.getString("archive"), Boolean.TRUE.equals(namespace.getBoolean("replace")),
                    Boolean.TRUE.equals(namespace.getBoolean("unverified")), System.out);
        }
    }

    /**
     * The command's work: prints what was restored to {@code out}, or throws {@link Failed} with
     * the one line the operator reads instead.
     */
    static void restore(Restores restores, String archive, boolean replace, boolean unverified, PrintStream out) {
        Restores.Restored restored;
        try {
            restored = restores.restore(archive, replace);
        } catch (BackupException e) {
            throw new Failed("restore: " + e.getMessage(), e);
        }
        if (restored.verified()) {
            out.println("restored and verified: " + restored.rows());
        } else if (unverified) {
            out.println(UNVERIFIED + ": " + restored.rows());
        } else {
            throw new Failed(UNVERIFIED + ": " + restored.rows() + " (pass --unverified when that is meant)", null);
        }
    }

    /**
     * A failure is its one line on standard error, not a stack trace; Dropwizard's CLI then ends
     * the process with a non-zero status, as for any command that throws.
     */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof Failed) {
            cli.getStdErr().println(e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    /** A restore that did not happen, or did but cannot be vouched for; its message is what the operator reads. */
    static final class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
