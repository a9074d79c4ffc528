package dev.inkwell.worker.backup;

import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.InkwellJdbi;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

import java.util.Map;

/**
 * {@code worker restore --file ARCHIVE [--replace] worker.yml}: restores a backup into the
 * configured database, which must be empty unless {@code --replace}, and checks its row counts
 * against the archive's manifest. Exits non-zero with one line when it cannot.
 */
public final class RestoreCommand extends ConfiguredCommand<WorkerConfiguration> {

    public RestoreCommand() {
        super("restore", "Restore a backup archive into the configured (empty) database and verify its rows");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--file").dest("archive").required(true).help("the archive: a path, or its name in the backup folder");
        subparser.addArgument("--replace").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
                .help("drop and replace what the archive contains even if the database is not empty");
    }

    @Override
    protected void run(Bootstrap<WorkerConfiguration> bootstrap, Namespace namespace, WorkerConfiguration configuration) {
        DatabaseUrl url = configuration.getDatabase().url();
        BackupsFactory backups = configuration.getBackups();
        Jdbi jdbi = InkwellJdbi.configure(Jdbi.create(Restores.dataSource(url)));
        Restores restores = new Restores(url, jdbi.onDemand(BackupDao.class), backups.tools(), backups.folder());
        try {
            Map<String, Long> rows = restores.restore(namespace.getString("archive"), Boolean.TRUE.equals(namespace.getBoolean("replace")));
            System.out.println("restored and verified: " + rows);
        } catch (BackupException e) {
            System.err.println("restore: " + e.getMessage());
            System.exit(1);
        }
    }
}
