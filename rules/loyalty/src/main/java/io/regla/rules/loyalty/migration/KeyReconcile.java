package io.regla.rules.loyalty.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Key-level completeness: every line of the export is either migrated (its id is in the target) or rejected
 * (its line is in the rejects table). Streams the export once more, one lookup per batch.
 */
final class KeyReconcile {

    private final MigrationStore store;
    private final int batchSize;

    KeyReconcile(MigrationStore store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }

    /** Lines neither migrated nor rejected (0 when the migration is complete). */
    long unaccounted(Path export) {
        long missing = 0;
        for (LegacyFile file : LegacyFile.values()) {
            try (BufferedReader r = ExportFiles.open(export, file)) {
                List<Long> lines = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                long line = 0;
                for (String text = r.readLine(); text != null; text = r.readLine()) {
                    if (text.isEmpty()) continue;
                    line++;
                    String[] f = Csv.parse(text);
                    lines.add(line);
                    ids.add(f == null || f.length == 0 ? "" : f[0].trim());
                    if (lines.size() == batchSize) {
                        missing += check(file, lines, ids);
                        lines.clear();
                        ids.clear();
                    }
                }
                if (!lines.isEmpty()) missing += check(file, lines, ids);
            } catch (IOException e) {
                throw new UnreadableExportException(export.resolve(file.fileName()) + ": " + e.getMessage(), e);
            }
        }
        return missing;
    }

    private long check(LegacyFile file, List<Long> lines, List<String> ids) {
        Set<String> migrated = store.migrated(file, new HashSet<>(ids));
        Set<Long> rejected = store.rejectedLines(file, lines);
        long missing = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!rejected.contains(lines.get(i)) && !migrated.contains(ids.get(i))) missing++;
        }
        return missing;
    }
}
