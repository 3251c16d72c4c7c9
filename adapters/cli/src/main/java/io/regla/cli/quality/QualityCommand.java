package io.regla.cli.quality;

import io.regla.cli.CliException;
import io.regla.rules.quality.history.QualityHistory;
import io.regla.rules.quality.history.QualityHistoryProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code regla quality}: data-quality contracts, reconciliation and data health over time. */
@Command(name = "quality", description = "Data quality: check datasets against contracts, reconcile source and target, "
        + "show the history of recorded checks.",
        subcommands = {QualityCheckCommand.class, QualityReconcileCommand.class, QualityHistoryCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no ERROR finding (check), target identical to source (reconcile)",
                "1:ERROR findings (check), differences (reconcile)",
                "2:bad contract or unreadable input (one line naming file, line and key)"})
public final class QualityCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Instant instant(String text, String option) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new CliException(option + ": '" + text + "' is neither an instant with offset "
                        + "(2026-03-01T09:00:00-03:00) nor a date (2026-03-01)");
            }
        }
    }

    /** The history store in an H2 file, created on first use. */
    static QualityHistory history(Path db, boolean mustExist) {
        if (mustExist && !Files.exists(db.resolveSibling(db.getFileName() + ".mv.db"))) {
            throw new CliException("no store at " + db + ".mv.db: record a run first (regla quality check ... --record) or give --db");
        }
        try {
            return QualityHistoryProvider.find().openH2(db);
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }
}
