package io.regla.api;

import java.util.List;

/**
 * What a reload changed. A version in {@link #failed()} did not replace what was serving.
 *
 * @param added    versions that were not there before and compiled
 * @param changed  versions whose files changed and that now serve the new build
 * @param removed  versions whose folder disappeared
 * @param failed   versions that failed to compile, with their errors
 */
public record ReloadReport(List<RuleSetInfo> added, List<RuleSetInfo> changed, List<RuleSetInfo> removed,
                           List<RuleSetInfo> failed) {

    public ReloadReport {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        failed = List.copyOf(failed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty() && failed.isEmpty();
    }
}
