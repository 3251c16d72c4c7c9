package io.regla.rules.quality.check;

import io.regla.rules.quality.Finding;
import io.regla.rules.quality.Record;
import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.contract.FieldType;
import io.regla.rules.quality.source.RowReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Checks one dataset record by record: built-in field checks, the key index (DUPLICATE_KEY), reference lookups,
 * the profile, and hands each record to the custom rules. Memory is the key and reference indexes (16 bytes per
 * distinct value) and the rules' current batch: never the records already read.
 */
public final class DatasetChecker {

    /** Receives each record for the custom rules; {@code personal} holds its personal values for masking. */
    public interface RecordSink {
        void accept(Record record, String[] personal);

        void flush();
    }

    private final Contract contract;
    private final FieldRule[] rules;
    private final ProfileBuilder[] profiles;
    private final int[] keyColumns;
    private final FingerprintSet keys;
    private final FingerprintSet[] indexesToBuild;
    private final List<Field> personalFields = new ArrayList<>();
    private final int[] personalColumns;
    private final String keyFields;
    private final boolean personalKey;
    private final Map<String, Long> counts = new TreeMap<>(Check::compare);
    private long errors;
    private long warnings;

    /**
     * @param references  for each field with {@code references}, the index of the referenced values
     * @param toBuild     for fields other datasets reference, the index to fill with this dataset's values
     */
    public DatasetChecker(Contract contract, Map<String, FingerprintSet> references, Map<String, FingerprintSet> toBuild) {
        this(contract, references, toBuild, true);
    }

    /**
     * @param fieldProfiles whether to profile every field (distinct values, min, max); without, {@link DatasetResult#profile()}
     *                      is empty and the findings are the same
     */
    public DatasetChecker(Contract contract, Map<String, FingerprintSet> references, Map<String, FingerprintSet> toBuild,
                          boolean fieldProfiles) {
        this.contract = contract;
        this.personalKey = contract.personalKey();
        List<Field> fields = contract.fieldList();
        rules = new FieldRule[fields.size()];
        profiles = new ProfileBuilder[fields.size()];
        indexesToBuild = new FingerprintSet[fields.size()];
        List<Integer> personal = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            boolean required = f.required() || contract.key().contains(f.name());
            rules[i] = new FieldRule(f, required, contract.timeZone(), references.get(f.name()));
            profiles[i] = fieldProfiles ? new ProfileBuilder(f) : null;
            indexesToBuild[i] = toBuild.get(f.name());
            if (f.personal()) {
                personalFields.add(f);
                personal.add(i);
            }
        }
        personalColumns = personal.stream().mapToInt(Integer::intValue).toArray();
        keyColumns = contract.key().stream().mapToInt(k -> fields.indexOf(contract.fields().get(k))).toArray();
        keyFields = String.join(",", contract.key());
        // A one-field string key that other datasets reference: its key set and its reference index hold the same
        // values (a string's canonical text is its stripped text, present exactly when the key is), so one set serves
        // both and each record's key is hashed and stored once (on a ten-million-row file, a cache miss less a record).
        int k = keyColumns.length == 1 ? keyColumns[0] : -1;
        if (k >= 0 && fields.get(k).type() == FieldType.STRING && indexesToBuild[k] != null && indexesToBuild[k].size() == 0) {
            keys = indexesToBuild[k];
            indexesToBuild[k] = null;
        } else {
            keys = new FingerprintSet();
        }
    }

    /** Reads every record of {@code reader}; findings go to {@code findings}, records to {@code sink} (or null). */
    public DatasetResult run(RowReader reader, Consumer<Finding> findings, RecordSink sink) {
        long n = 0;
        String[] row;
        StringBuilder keyText = new StringBuilder();
        while ((row = reader.next()) != null) {
            n++;
            boolean keyComplete = keyColumns.length > 0;
            String key;
            if (keyColumns.length == 1) {
                // the usual one-field key: its stripped text, without a copy through the builder
                String v = row[keyColumns[0]];
                key = v == null ? "" : v.strip();
                keyComplete = !key.isEmpty();
            } else {
                keyText.setLength(0);
                for (int k = 0; k < keyColumns.length; k++) {
                    String v = row[keyColumns[k]];
                    if (v == null || v.isBlank()) keyComplete = false;
                    if (k > 0) keyText.append('|');
                    if (v != null) keyText.append(v.strip());
                }
                key = keyText.toString();
            }
            String shownKey = null;   // only a finding shows it
            Map<String, Object> values = sink == null ? null : new LinkedHashMap<>(rules.length * 2);
            for (int i = 0; i < rules.length; i++) {
                FieldRule rule = rules[i];
                FieldRule.Outcome o = rule.check(row[i], profiles[i]);
                if (o != null) {
                    if (shownKey == null) shownKey = shown(key);
                    emit(findings, new Finding(contract.dataset(), n, shownKey, rule.field.name(), o.check(), contract.severity(), o.message()));
                }
                if (rule.typed != null && indexesToBuild[i] != null) {
                    indexesToBuild[i].add(rule.canonical != null ? rule.canonical : FieldType.canonical(rule.typed));
                }
                if (values != null) values.put(rule.field.name(), rule.typed);
            }
            if (keyComplete && !keys.add(key)) {
                if (shownKey == null) shownKey = shown(key);
                emit(findings, new Finding(contract.dataset(), n, shownKey, keyFields, Check.DUPLICATE_KEY, contract.severity(),
                        "la clave " + shownKey + " se repite: ya apareció en un registro anterior"));
            }
            if (sink != null) {
                String[] personal = new String[personalColumns.length];
                for (int p = 0; p < personalColumns.length; p++) personal[p] = row[personalColumns[p]];
                sink.accept(new Record(contract.dataset(), n, key, values), personal);
            }
        }
        if (sink != null) sink.flush();
        List<FieldProfile> profile = new ArrayList<>();
        for (ProfileBuilder p : profiles) if (p != null) profile.add(p.build());
        return new DatasetResult(contract.dataset(), reader.name(), n, counts, errors, warnings, profile);
    }

    /** A record's key as findings show it (masked when a key field is personal). */
    private String shown(String key) {
        return personalKey ? Masking.maskValue(key, false) : key;
    }

    /** Counts and passes on a finding; custom rules' findings come back through here too. */
    public void emit(Consumer<Finding> findings, Finding f) {
        counts.merge(f.check(), 1L, Long::sum);
        if (f.isError()) errors++;
        else warnings++;
        findings.accept(f);
    }

    public List<Field> personalFields() {
        return personalFields;
    }
}
