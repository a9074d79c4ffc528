package dev.inkwell.worker.backup;

import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.InkwellJdbi;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

import java.io.PrintStream;

/**
 * {@code worker restore --file ARCHIVE [--replace] [--unverified] worker.yml}: restores a backup
 * into the configured database, which must be empty unless {@code --replace}, after checking the
 * archive against its manifest, and checks its row counts after. An archive without a manifest
 * is restored but not verified: that exits non-zero unless {@code --unverified} says it is meant.
 * Each outcome is one line; a failure exits non-zero.
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
        DatabaseUrl url = configuration.getDatabase().url();
        BackupsFactory backups = configuration.getBackups();
        Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(Restores.dataSource(url)));
        Restores restores = new Restores(url, jdbi.onDemand(BackupDao.class), backups.tools(), backups.folder());
        int status = restore(restores, namespace.getString("archive"), Boolean.TRUE.equals(namespace.getBoolean("replace")),
                Boolean.TRUE.equals(namespace.getBoolean("unverified")), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command's work and its one line; the exit status. */
    static int restore(Restores restores, String archive, boolean replace, boolean unverified, PrintStream out, PrintStream err) {
        try {
            Restores.Restored restored = restores.restore(archive, replace);
            if (restored.verified()) {
                out.println("restored and verified: " + restored.rows());
                return 0;
            }
            (unverified ? out : err).println(UNVERIFIED + ": " + restored.rows()
                    + (unverified ? "" : " (pass --unverified when that is meant)"));
            return unverified ? 0 : 2;
        } catch (BackupException e) {
            err.println("restore: " + e.getMessage());
            return 1;
        }
    }
}
