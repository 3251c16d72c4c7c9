package io.regla.rules.quality.history;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dataset's figures in one recorded check run: the data health over time.
 *
 * @param runId    the run's id (all datasets of one run share it)
 * @param at       the run's instant
 * @param dataset  the dataset
 * @param records  records read
 * @param errors   ERROR findings
 * @param warnings WARNING findings
 * @param findings findings per check code
 */
public record QualityRun(String runId, Instant at, String dataset, long records, long errors, long warnings,
                         Map<String, Long> findings) {

    public QualityRun {
        findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    public long total() {
        return findings.values().stream().mapToLong(Long::longValue).sum();
    }
}
