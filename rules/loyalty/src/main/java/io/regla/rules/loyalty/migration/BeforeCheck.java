package io.regla.rules.loyalty.migration;

import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.ContractException;
import io.regla.rules.quality.source.CsvLines;
import io.regla.rules.quality.source.RowReader;
import io.regla.rules.quality.source.Sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The before check in one read of each file: the bundled contracts (quality domain, {@link ExportContracts}) and the
 * profile with its control totals ({@link ExportProfile}) used to read, decode and split every line once each. Here the
 * contracts' reader reads the file and hands each split line to the profile as well, so a line is read and split once
 * and both see it. The checks stay the quality domain's; only where their values come from changed.
 *
 * <p>The contracts see exactly what the quality domain's CSV reader (Jackson) would give them: a line without a quote is
 * split at the commas (the same fields), an empty line is a record without values, and a line with a quote is handed to
 * Jackson on its own (rare; a quote Jackson refuses is the same error). One difference is left: Jackson reads a quoted
 * field across lines, this reader does not (the export's dialect is one record a line, as the load reads it) and refuses
 * such a line as Jackson refuses an unclosed quote.
 */
final class BeforeCheck {

    private BeforeCheck() {
    }

    /** The profile with the contracts' findings, both from one read of the export. */
    static ExportProfile run(Path export, RowParser parser, ZoneId zone, Instant at) {
        return run(export, parser, zone, at, false);
    }

    /** The same, with the quality domain's per-field profile (which the migration never reads) when {@code fieldProfiles}: for the benchmark's split of the gain. */
    static ExportProfile run(Path export, RowParser parser, ZoneId zone, Instant at, boolean fieldProfiles) {
        ExportProfile.Tally tally = new ExportProfile.Tally(parser, zone);
        Map<String, Long> contracts = ExportContracts.check(new Shared(export, tally), at, fieldProfiles);
        // the bundled contracts read every file once in full; should one not be, its profile gets a read of its own
        for (LegacyFile f : LegacyFile.values()) {
            if (!tally.done(f)) ExportProfile.profileFile(export, f, tally);
        }
        return tally.profile(contracts);
    }

    /** The export's files for the contracts, each full read also feeding the profile. */
    private static final class Shared extends Sources {
        private final Path export;
        private final ExportProfile.Tally tally;

        Shared(Path export, ExportProfile.Tally tally) {
            this.export = export;
            this.tally = tally;
        }

        @Override
        public RowReader open(Contract contract, List<String> fields) {
            LegacyFile file = null;
            for (LegacyFile f : LegacyFile.values()) if (f.key().equals(contract.dataset())) file = f;
            if (file == null) throw new ContractException("the export has no file for dataset " + contract.dataset());
            // only a read of every column, once, is the profile's: a partial one (a reference cycle's extra pass) is not
            boolean profiled = fields.equals(file.header()) && !tally.done(file);
            return new SharedReader(export, file, fields, profiled ? tally : null);
        }

        @Override
        public String describe() {
            return export.toString();
        }
    }

    private static final class SharedReader implements RowReader {
        private final Path path;
        private final LegacyFile file;
        private final BufferedReader in;
        private final int[] columns;
        private final boolean identity;
        private final ExportProfile.Tally tally;
        private long line = 1;

        SharedReader(Path export, LegacyFile file, List<String> fields, ExportProfile.Tally tally) {
            this.path = export.resolve(file.fileName());
            this.file = file;
            this.tally = tally;
            columns = new int[fields.size()];
            boolean same = fields.size() == file.header().size();
            for (int i = 0; i < columns.length; i++) {
                columns[i] = file.header().indexOf(fields.get(i));
                if (columns[i] < 0) {
                    throw new ContractException(file.fileName() + ":1: column '" + fields.get(i) + "' of the contract is missing; columns: "
                            + file.header());
                }
                same &= columns[i] == i;
            }
            identity = same;
            in = ExportFiles.open(export, file);
        }

        @Override
        public String[] next() {
            String text;
            try {
                text = in.readLine();
            } catch (IOException e) {
                // as the profile's own read said it (bytes that are not UTF-8, an I/O error): the export is unreadable
                throw new UnreadableExportException(path + ": " + e.getMessage(), e);
            }
            if (text == null) {
                if (tally != null && !tally.done(file)) tally.endOfFile(file);
                return null;
            }
            line++;
            // Jackson gives an empty line as a record without values; the profile (and the load) skip it
            if (text.isEmpty()) return new String[columns.length];
            String[] split = Csv.parse(text);
            if (tally != null) tally.row(file, split);
            String[] raw = text.indexOf('"') < 0 ? split : jackson(text);
            if (identity && raw.length == columns.length) return raw;
            String[] out = new String[columns.length];
            for (int i = 0; i < columns.length; i++) out[i] = columns[i] < raw.length ? raw[columns[i]] : null;
            return out;
        }

        /** A quoted line as the quality domain's CSV reader splits it, or its error. */
        private String[] jackson(String text) {
            try {
                return CsvLines.split(text);
            } catch (IOException e) {
                String m = e.getMessage() == null ? "unreadable" : e.getMessage();
                int nl = m.indexOf('\n');
                throw new ContractException(file.fileName() + ":" + line + ": malformed CSV row (record " + (line - 1) + "): "
                        + (nl < 0 ? m : m.substring(0, nl)), e);
            }
        }

        @Override
        public String name() {
            return file.fileName();
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a file we only read
            }
        }
    }
}
