package io.regla.rules.quality;

import io.regla.rules.quality.check.DatasetResult;

import java.time.Instant;
import java.util.List;

/**
 * What {@code regla quality check} found.
 *
 * @param at       the run's instant (the {@code --at} instant, or the clock's)
 * @param datasets one result per dataset, in check order (referenced datasets first)
 * @param findings every finding, in reading order per dataset
 */
public record CheckResult(Instant at, List<DatasetResult> datasets, List<Finding> findings) {

    public CheckResult {
        datasets = List.copyOf(datasets);
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return datasets.stream().anyMatch(d -> d.errors() > 0);
    }

    /** The exit code of the CLI: 1 when any finding is an ERROR, else 0. */
    public int exitCode() {
        return hasErrors() ? 1 : 0;
    }

    public DatasetResult dataset(String name) {
        return datasets.stream().filter(d -> d.dataset().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset " + name));
    }
}
