package io.regla.rules.quality.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check found in one dataset.
 *
 * @param dataset  the dataset
 * @param source   where it was read from
 * @param records  records read
 * @param findings findings per check code (built-in codes first, in check order)
 * @param errors   findings of severity ERROR
 * @param warnings findings of severity WARNING
 * @param profile  one profile per contract field
 */
public record DatasetResult(String dataset, String source, long records, Map<String, Long> findings, long errors,
                            long warnings, List<FieldProfile> profile) {

    public DatasetResult {
        findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
        profile = List.copyOf(profile);
    }

    public long total() {
        return findings.values().stream().mapToLong(Long::longValue).sum();
    }
}
