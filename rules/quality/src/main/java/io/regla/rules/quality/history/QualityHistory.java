package io.regla.rules.quality.history;

import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.check.DatasetResult;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where recorded check runs are kept (the port; {@code store-jdbc} implements it on H2 and PostgreSQL). Runs are
 * append-only: a run is never changed once recorded.
 */
public interface QualityHistory extends AutoCloseable {

    /** Appends one run's figures, one per dataset, all with the same run id and instant. */
    void record(List<QualityRun> runs);

    /** A dataset's runs, oldest first. */
    List<QualityRun> history(String dataset);

    @Override
    void close();

    /** The figures of a check result as runs to record under a new run id. */
    static List<QualityRun> runsOf(CheckResult result) {
        String id = UUID.randomUUID().toString();
        List<QualityRun> runs = new ArrayList<>();
        for (DatasetResult d : result.datasets()) {
            runs.add(new QualityRun(id, result.at(), d.dataset(), d.records(), d.errors(), d.warnings(), d.findings()));
        }
        return runs;
    }
}
