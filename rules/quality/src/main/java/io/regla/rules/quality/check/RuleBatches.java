package io.regla.rules.quality.check;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.rules.quality.Finding;
import io.regla.rules.quality.Record;
import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.Field;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feeds records to the custom rule sets in batches (one engine call per batch and rule set), and turns what the
 * rules emit into findings: the dataset's severity when the rule gave none, personal values and e-mails masked in
 * the message, the key masked when it is personal. A rule sees the records of its batch only: custom checks are
 * about one record (or records that arrive together), cross-dataset checks belong to the contract.
 */
public final class RuleBatches implements DatasetChecker.RecordSink {

    private final RulesEngine engine;
    private final List<String> ruleSets;
    private final DecideOptions options;
    private final int batchSize;
    private final Contract contract;
    private final DatasetChecker checker;
    private final Consumer<Finding> findings;
    private final List<Record> batch = new ArrayList<>();
    private final Map<Long, String[]> personal = new HashMap<>();

    public RuleBatches(RulesEngine engine, List<String> ruleSets, Instant at, int batchSize, Contract contract,
                       DatasetChecker checker, Consumer<Finding> findings) {
        this.engine = engine;
        this.ruleSets = List.copyOf(ruleSets);
        this.options = DecideOptions.builder().asOf(at).tracing(false).build();
        this.batchSize = batchSize;
        this.contract = contract;
        this.checker = checker;
        this.findings = findings;
    }

    @Override
    public void accept(Record record, String[] personalValues) {
        batch.add(record);
        if (personalValues.length > 0) personal.put(record.record(), personalValues);
        if (batch.size() >= batchSize) flush();
    }

    @Override
    public void flush() {
        if (batch.isEmpty()) return;
        List<Field> personalFields = checker.personalFields();
        for (String ruleSet : ruleSets) {
            Decision d = engine.decide(ruleSet, batch, options);
            for (Finding f : d.actions(Finding.class)) {
                String[] values = personal.getOrDefault(f.record(), new String[0]);
                String message = Masking.maskText(f.message(), personalFields, values);
                String key = f.key() == null ? null : Masking.key(contract, f.key());
                Finding out = new Finding(f.dataset(), f.record(), key, f.field(), f.check(),
                        f.severity() == null ? contract.severity() : f.severity(), message);
                checker.emit(findings, out);
            }
        }
        batch.clear();
        personal.clear();
    }
}
