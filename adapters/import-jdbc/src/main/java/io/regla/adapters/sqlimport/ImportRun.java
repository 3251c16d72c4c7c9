package io.regla.adapters.sqlimport;

import java.time.Instant;
import java.util.List;

/**
 * One scheduled import as kept in the store (fact type {@code ImportRun}, id {@code <started millis>#<owner>#<n>},
 * so they list in time order), for the admin page and the log.
 *
 * @param owner          the instance that ran it
 * @param imported       what each record type's import did (types that failed are absent)
 * @param rejects        why a record type was not imported (row and column, never a value): the whole type is
 *                       left as it was, the others are imported
 * @param welcomeSkipped enrolments older than the welcome window marked as not to be welcomed
 */
public record ImportRun(Instant startedAt, Instant finishedAt, String owner, List<ImportReport> imported,
                        List<String> rejects, int welcomeSkipped) {

    public ImportRun {
        imported = imported == null ? List.of() : List.copyOf(imported);
        rejects = rejects == null ? List.of() : List.copyOf(rejects);
    }

    public boolean ok() {
        return rejects.isEmpty();
    }

    /** @param n tells apart runs of one owner started in the same millisecond */
    String storeId(int n) {
        return String.format("%015d#%s#%03d", startedAt.toEpochMilli(), owner, n);
    }
}
