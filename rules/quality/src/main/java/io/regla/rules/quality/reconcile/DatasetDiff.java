package io.regla.rules.quality.reconcile;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source against target for one dataset.
 *
 * @param dataset       the dataset
 * @param sourceRecords records in the source
 * @param targetRecords records in the target
 * @param sourceSums    per numeric field, the sum of its values in the source
 * @param targetSums    the same in the target
 * @param missing       keys in the source, not in the target
 * @param extra         keys in the target, not in the source
 * @param changed       keys on both sides whose values differ, with the fields that differ
 * @param passes        how many times each side was read (1 when the segment checksums agree at once)
 */
public record DatasetDiff(String dataset, long sourceRecords, long targetRecords, Map<String, BigDecimal> sourceSums,
                          Map<String, BigDecimal> targetSums, List<String> missing, List<String> extra,
                          List<Changed> changed, int passes) {

    /** A key whose values differ, and which fields. */
    public record Changed(String key, List<String> fields) {
        public Changed {
            fields = List.copyOf(fields);
        }
    }

    public DatasetDiff {
        sourceSums = Collections.unmodifiableMap(new LinkedHashMap<>(sourceSums));
        targetSums = Collections.unmodifiableMap(new LinkedHashMap<>(targetSums));
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        changed = List.copyOf(changed);
    }

    /** Whether the target holds exactly the source's records. */
    public boolean identical() {
        return sourceRecords == targetRecords && missing.isEmpty() && extra.isEmpty() && changed.isEmpty()
                && sumsEqual();
    }

    private boolean sumsEqual() {
        for (Map.Entry<String, BigDecimal> e : sourceSums.entrySet()) {
            BigDecimal t = targetSums.get(e.getKey());
            if (t == null || t.compareTo(e.getValue()) != 0) return false;
        }
        return true;
    }
}
