package io.regla.rules.quality;

import io.regla.api.RulesEngine;
import io.regla.rules.quality.check.DatasetChecker;
import io.regla.rules.quality.check.DatasetResult;
import io.regla.rules.quality.check.FingerprintSet;
import io.regla.rules.quality.check.RuleBatches;
import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.source.RowReader;
import io.regla.rules.quality.source.Sources;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Checks the datasets of a contracts folder:
 * <pre>{@code
 * CheckResult r = QualityCheck.builder(Contracts.load(folder))
 *         .sources(Sources.asContracted(dataDir))
 *         .rules(engine, List.of("quality"))     // optional: custom rule sets over Record facts
 *         .at(instant)
 *         .build().run();
 * }</pre>
 * Datasets are read one at a time, record by record, referenced datasets first so that each reference index is
 * filled while its dataset is checked anyway (a reference cycle costs one extra pass over a dataset's referenced
 * field).
 */
public final class QualityCheck {

    private final Contracts contracts;
    private final Sources sources;
    private final RulesEngine engine;
    private final List<String> ruleSets;
    private final Instant at;
    private final int batchSize;
    private final Consumer<Finding> listener;
    private final boolean fieldProfiles;

    private QualityCheck(Builder b) {
        this.fieldProfiles = b.fieldProfiles;
        this.contracts = b.contracts;
        this.sources = b.sources != null ? b.sources : Sources.asContracted(contracts.folder());
        this.engine = b.engine;
        this.ruleSets = b.ruleSets;
        this.at = b.at != null ? b.at : b.clock.instant();
        this.batchSize = b.batchSize;
        this.listener = b.listener;
    }

    public static Builder builder(Contracts contracts) {
        return new Builder(contracts);
    }

    public CheckResult run() {
        List<Finding> findings = new ArrayList<>();
        Consumer<Finding> sink = listener == null ? findings::add : f -> {
            findings.add(f);
            listener.accept(f);
        };
        Map<String, FingerprintSet> indexes = new HashMap<>();   // "dataset.field" -> referenced values
        for (Contract c : contracts.byName().values()) {
            for (Field f : c.fields().values()) {
                if (f.references() != null) indexes.putIfAbsent(f.references().toString(), new FingerprintSet());
            }
        }
        List<DatasetResult> results = new ArrayList<>();
        java.util.Set<String> filled = new java.util.HashSet<>();
        for (Contract c : contracts.ordered()) {
            Map<String, FingerprintSet> lookups = new HashMap<>();
            for (Field f : c.fields().values()) {
                if (f.references() == null) continue;
                String ref = f.references().toString();
                // Normally the referenced dataset was checked before and filled the index; a reference cycle or a
                // reference into the same dataset needs the values before this pass.
                if (filled.add(ref)) fillByExtraPass(ref, indexes.get(ref));
                lookups.put(f.name(), indexes.get(ref));
            }
            Map<String, FingerprintSet> toBuild = new HashMap<>();
            for (Field f : c.fields().values()) {
                String ref = c.dataset() + "." + f.name();
                if (indexes.containsKey(ref) && !filled.contains(ref)) toBuild.put(f.name(), indexes.get(ref));
            }
            DatasetChecker checker = new DatasetChecker(c, lookups, toBuild, fieldProfiles);
            RuleBatches rules = engine == null || ruleSets.isEmpty() ? null
                    : new RuleBatches(engine, ruleSets, at, batchSize, c, checker, sink);
            try (RowReader reader = sources.open(c)) {
                results.add(checker.run(reader, sink, rules));
            }
            toBuild.keySet().forEach(f -> filled.add(c.dataset() + "." + f));
        }
        return new CheckResult(at, results, findings);
    }

    /** Reads one field of a dataset into its index: only for references in a cycle or to the same dataset. */
    private void fillByExtraPass(String ref, FingerprintSet index) {
        int dot = ref.indexOf('.');
        Contract target = contracts.get(ref.substring(0, dot));
        Field field = target.fields().get(ref.substring(dot + 1));
        try (RowReader reader = sources.open(target, List.of(field.name()))) {
            String[] row;
            while ((row = reader.next()) != null) {
                String text = row[0] == null ? null : row[0].strip();
                if (text == null || text.isEmpty()) continue;
                Object typed = field.type().parse(text, target.timeZone());
                if (typed != io.regla.rules.quality.contract.FieldType.INVALID) {
                    index.add(io.regla.rules.quality.contract.FieldType.canonical(typed));
                }
            }
        }
    }

    public static final class Builder {
        private final Contracts contracts;
        private Sources sources;
        private RulesEngine engine;
        private List<String> ruleSets = List.of();
        private Instant at;
        private Clock clock = Clock.systemUTC();
        private int batchSize = 1_000;
        private Consumer<Finding> listener;
        private boolean fieldProfiles = true;

        private Builder(Contracts contracts) {
            this.contracts = Objects.requireNonNull(contracts, "contracts");
        }

        /** Where datasets are read (default: as the contracts say, CSV files relative to the contracts folder). */
        public Builder sources(Sources sources) {
            this.sources = sources;
            return this;
        }

        public Builder dataDirectory(Path dir) {
            return sources(Sources.asContracted(dir));
        }

        /** Custom rule sets run over every record (each by the version effective at {@link #at}). */
        public Builder rules(RulesEngine engine, List<String> ruleSets) {
            this.engine = engine;
            this.ruleSets = List.copyOf(ruleSets);
            return this;
        }

        /** The run's instant: picks rule versions and is the rules' {@code Now} (default: the clock's instant). */
        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Records per engine call (default 1,000). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Whether each dataset's fields are profiled (distinct values, min, max: {@link DatasetResult#profile()}); default
         * true. A caller that reads only the findings turns it off: the findings are the same, for a fraction of the CPU.
         */
        public Builder fieldProfiles(boolean on) {
            this.fieldProfiles = on;
            return this;
        }

        /** Also hands every finding to {@code listener} as it is found. */
        public Builder listener(Consumer<Finding> listener) {
            this.listener = listener;
            return this;
        }

        public QualityCheck build() {
            return new QualityCheck(this);
        }
    }
}
