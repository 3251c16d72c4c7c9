package io.regla.core.mutation;

import io.regla.api.RuleSetInfo;
import io.regla.api.Version;
import io.regla.core.compile.CompiledRuleSet;
import io.regla.core.compile.RuleSetCompiler;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.observe.EngineObserver;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.scenario.Scenario;
import io.regla.core.scenario.ScenarioParser;
import io.regla.core.scenario.ScenarioResult;
import io.regla.core.scenario.ScenarioRunner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mutation testing of a rule set version: would its scenarios notice if a rule were wrong? Each {@link Mutant} is the
 * version with one small change (see {@link MutationKind}); it is compiled in-process with the engine's compiler and
 * every scenario that ran on the version runs on it, in a session of its own. A mutant is killed when one of them
 * fails (or loops, or runs past its time); it survives when all still pass. Mutants run in parallel.
 * <pre>{@code
 * try (DroolsEngine engine = Regla.builder().rulesDirectory(dir).buildDrools()) {
 *     MutationReport report = MutationTester.builder(engine).build().run("mailing");
 *     System.out.print(report.text());     // ends with "mutation score: 93.8% (45 killed of 48)"
 * }
 * }</pre>
 * Scenarios come from {@code <rule-set>/scenarios/} beside the version folders unless {@link Builder#scenarios} names
 * others; only those that pass on the unmutated version count. Reviewed equivalent mutants are read from
 * {@code <rule-set>/equivalent-mutants/<version>.yaml} (see {@link EquivalentMutants}).
 */
public final class MutationTester {

    private final DroolsEngine engine;
    private final List<Path> scenarioPaths;
    private final int threads;
    private final long maxFirings;
    private final Duration timeout;
    private final RuleSetCompiler compiler;
    private final int maxMutants;
    // JVM-wide: the decision-table cache it dodges is global, so two testers must never reuse a path
    private static final java.util.concurrent.atomic.AtomicLong tableMutants = new java.util.concurrent.atomic.AtomicLong();

    private MutationTester(Builder b) {
        this.maxMutants = b.maxMutants;
        this.engine = b.engine;
        this.scenarioPaths = List.copyOf(b.scenarios);
        this.threads = b.threads;
        this.maxFirings = b.maxFirings;
        this.timeout = b.timeout;
        // no pooled sessions: a mutant's scenarios open sessions of their own
        this.compiler = new RuleSetCompiler(engine.versionRegistry().compiler().classLoader(), 0, EngineObserver.NONE,
                false, false, engine.versionRegistry().compiler().strictSettings());
    }

    public static Builder builder(DroolsEngine engine) {
        return new Builder(engine);
    }

    public static final class Builder {
        private final DroolsEngine engine;
        private final List<Path> scenarios = new ArrayList<>();
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private long maxFirings = 10_000;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxMutants;

        private Builder(DroolsEngine engine) {
            this.engine = engine;
        }

        /** Scenario files or folders to run instead of {@code <rule-set>/scenarios/} beside the version folders. */
        public Builder scenarios(List<Path> paths) {
            scenarios.addAll(paths);
            return this;
        }

        /** How many mutants compile and run at once (default: the available processors). */
        public Builder threads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
            this.threads = threads;
            return this;
        }

        /** Firings after which a mutant's run counts as a loop, which kills it (default 10,000). */
        public Builder maxFiringsPerRun(long maxFirings) {
            this.maxFirings = maxFirings;
            return this;
        }

        /** Wall-clock budget of one scenario on a mutant; a run past it kills the mutant (default 10 s: loops are caught by
         * {@link #maxFiringsPerRun}; a tight budget would count a slow, loaded machine as kills). */
        public Builder timeoutPerScenario(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Runs at most this many mutants per version, picked evenly over the version's mutants in file order, so every
         * file and rule keeps its share (0, the default: all). For a quick check in a build; the score is then over
         * the sample, which the report says.
         */
        public Builder maxMutants(int maxMutants) {
            if (maxMutants < 0) throw new IllegalArgumentException("maxMutants must be 0 (all) or more");
            this.maxMutants = maxMutants;
            return this;
        }

        public MutationTester build() {
            return new MutationTester(this);
        }
    }

    /** Every version of a rule set that compiles, in version order. */
    public MutationReport run(String ruleSet) {
        List<MutationScore> out = new ArrayList<>();
        Map<Version, List<Baseline>> baselines = baselines(ruleSet);
        for (RuleSetInfo v : engine.registry().versions(ruleSet)) {
            if (v.version() == null || v.state() == RuleSetInfo.State.FAILED) continue;
            out.add(run(ruleSet, v.version(), baselines));
        }
        return new MutationReport(out);
    }

    /** One version. */
    public MutationScore run(String ruleSet, Version version) {
        return run(ruleSet, version, baselines(ruleSet));
    }

    /** The mutants of a version, without running them. */
    public List<Mutant> mutants(String ruleSet, Version version) {
        return edits(folder(ruleSet, version)).stream().map(Edit::mutant).toList();
    }

    /** The mutants of a version folder: its DRL files, decision tables and reference-data CSVs, in file order. */
    public static List<Mutant> mutants(RuleSetFolder folder) {
        return edits(folder).stream().map(Edit::mutant).toList();
    }

    static List<Edit> edits(RuleSetFolder folder) {
        Manifest m = folder.manifest();
        if (m == null) return List.of();
        Set<String> data = new java.util.HashSet<>();
        m.data().forEach(d -> data.add(d.file()));
        Map<String, Edit> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : folder.sortedFiles().entrySet()) {
            String name = f.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            List<Edit> edits;
            if (lower.endsWith(".drl")) {
                edits = DrlMutants.of(m.id(), m.version(), name, text);
            } else if (lower.endsWith(".csv") && data.contains(name)) {
                edits = TableMutants.of(m.id(), m.version(), name, text, false).stream()
                        .map(e -> new Edit(e.mutant(), e.file(), e.start(), e.end(), e.replacement(), true)).toList();
            } else if (lower.endsWith(".csv") && text.toLowerCase(Locale.ROOT).contains("ruletable")) {
                edits = TableMutants.of(m.id(), m.version(), name, text, true);
            } else {
                continue;
            }
            for (Edit e : edits) out.putIfAbsent(e.mutant().id(), e);
        }
        return List.copyOf(out.values());
    }

    private RuleSetFolder folder(String ruleSet, Version version) {
        return engine.versionRegistry().compiledFor(ruleSet, version, java.time.Instant.MAX).folder();
    }

    /** A scenario that passes on the unmutated version, and the rules it fired there. */
    private record Baseline(Scenario scenario, Set<String> fired) {
    }

    private final Map<Version, List<String>> broken = new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs the rule set's scenarios once on the real versions: which version each ran on, and whether it passed. */
    private Map<Version, List<Baseline>> baselines(String ruleSet) {
        Map<Version, List<Baseline>> out = new TreeMap<>();
        broken.clear();
        ScenarioRunner runner = new ScenarioRunner(engine);
        for (Path file : ScenarioParser.find(scenarioPaths(ruleSet))) {
            for (Scenario s : ScenarioParser.parse(file)) {
                if (!s.ruleSet().equals(ruleSet)) continue;
                ScenarioResult r = runner.run(s);
                if (r.version() == null) continue;
                if (r.passed()) {
                    out.computeIfAbsent(r.version(), k -> new ArrayList<>()).add(new Baseline(s, r.trace().rulesFired()));
                } else {
                    broken.computeIfAbsent(r.version(), k -> new ArrayList<>()).add(s.source() + ": " + s.name());
                }
            }
        }
        return out;
    }

    private List<Path> scenarioPaths(String ruleSet) {
        if (!scenarioPaths.isEmpty()) return scenarioPaths;
        List<Path> out = new ArrayList<>();
        for (RuleSetInfo v : engine.registry().versions(ruleSet)) {
            if (v.version() == null || v.state() == RuleSetInfo.State.FAILED) continue;
            Path dir = folder(ruleSet, v.version()).directory();
            if (dir == null) continue;
            Path scenarios = dir.getParent().resolve("scenarios");
            if (Files.isDirectory(scenarios) && !out.contains(scenarios)) out.add(scenarios);
        }
        return out;
    }

    private MutationScore run(String ruleSet, Version version, Map<Version, List<Baseline>> baselines) {
        long started = System.nanoTime();
        CompiledRuleSet base = engine.versionRegistry().compiledFor(ruleSet, version, java.time.Instant.MAX);
        RuleSetFolder folder = base.folder();
        List<Baseline> scenarios = baselines.getOrDefault(version, List.of());
        Map<String, String> allowed = folder.directory() == null ? Map.of()
                : EquivalentMutants.read(folder.directory().getParent().resolve(EquivalentMutants.FOLDER).resolve(version + ".yaml"));
        List<Edit> all = edits(folder);
        List<Edit> edits = sample(all, maxMutants);
        List<MutantResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "regla-mutant");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<MutantResult>> futures = new ArrayList<>();
            for (Edit e : edits) futures.add(pool.submit(() -> runMutant(base, folder, e, scenarios, allowed.containsKey(e.mutant().id()))));
            for (Future<MutantResult> f : futures) results.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running mutants of " + ruleSet + " " + version, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a mutant of " + ruleSet + " " + version + " could not run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Set<String> equivalent = new java.util.HashSet<>();
        results.stream().filter(r -> r.outcome() == MutantResult.Outcome.EQUIVALENT).forEach(r -> equivalent.add(r.mutant().id()));
        Set<String> ran = new java.util.HashSet<>();
        edits.forEach(e -> ran.add(e.mutant().id()));
        Set<String> exist = new java.util.HashSet<>();
        all.forEach(e -> exist.add(e.mutant().id()));
        // stale: names no mutant at all, or one that ran and did not survive
        List<String> stale = allowed.keySet().stream()
                .filter(id -> !exist.contains(id) || ran.contains(id) && !equivalent.contains(id)).toList();
        return new MutationScore(ruleSet, version, results, all.size(), scenarios.size(), broken.getOrDefault(version, List.of()), stale,
                threads, System.nanoTime() - started);
    }

    /** Every k-th mutant, so a cap keeps the spread over files and rules; deterministic. */
    static List<Edit> sample(List<Edit> all, int max) {
        if (max <= 0 || all.size() <= max) return all;
        List<Edit> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) out.add(all.get((int) ((long) i * all.size() / max)));
        return out;
    }

    private MutantResult runMutant(CompiledRuleSet base, RuleSetFolder original, Edit edit, List<Baseline> scenarios, boolean allowListed) {
        long started = System.nanoTime();
        Map<String, byte[]> files = new TreeMap<>(original.files());
        String text = new String(files.get(edit.file()), StandardCharsets.UTF_8);
        byte[] mutated = edit.apply(text).getBytes(StandardCharsets.UTF_8);
        String lower = edit.file().toLowerCase(Locale.ROOT);
        if (!edit.referenceData() && (lower.endsWith(".csv") || lower.endsWith(".xlsx") || lower.endsWith(".xls"))) {
            // Drools caches a decision table by its source path: under its own name a changed table compiles as the
            // original did (measured: a dropped row still fired). A path of its own per mutant makes it compile anew.
            files.remove(edit.file());
            files.put("mutant-" + tableMutants.incrementAndGet() + "/" + edit.file(), mutated);
        } else {
            files.put(edit.file(), mutated);
        }
        RuleSetFolder mutant = new RuleSetFolder(original.ruleSet(), original.versionFolder(),
                original.location() + " [mutant " + edit.mutant().id() + "]", files, "mutant:" + edit.mutant().id(),
                original.manifest(), List.of());
        RuleSetCompiler.Result compiled;
        try {
            // a reference-data change needs no compile: the same rules with other facts
            compiled = edit.referenceData() ? compiler.withReferenceData(base, mutant) : compiler.compileFiles(mutant, null);
        } catch (RuntimeException e) {
            return new MutantResult(edit.mutant(), MutantResult.Outcome.NOT_COMPILING, String.valueOf(e.getMessage()),
                    System.nanoTime() - started);
        }
        if (!compiled.ok()) {
            return new MutantResult(edit.mutant(), MutantResult.Outcome.NOT_COMPILING,
                    compiled.errors().isEmpty() ? "" : compiled.errors().get(0).toString(), System.nanoTime() - started);
        }
        CompiledRuleSet build = compiled.compiled();
        ScenarioRunner runner = ScenarioRunner.on(build, maxFirings, timeout);
        // the scenarios that fired the mutated rule are the likeliest to notice: run them first
        List<Baseline> ordered = new ArrayList<>(scenarios);
        ordered.sort(Comparator.comparing((Baseline b) -> !b.fired().contains(edit.mutant().rule())));
        for (Baseline b : ordered) {
            String failure;
            try {
                ScenarioResult r = runner.run(b.scenario());
                failure = r.passed() ? null : r.failures().get(0);
            } catch (RuntimeException e) {
                failure = "error: " + e;
            }
            if (failure != null) {
                return new MutantResult(edit.mutant(), MutantResult.Outcome.KILLED, b.scenario().name() + ": " + failure,
                        System.nanoTime() - started);
            }
        }
        return new MutantResult(edit.mutant(), allowListed ? MutantResult.Outcome.EQUIVALENT : MutantResult.Outcome.SURVIVED,
                "", System.nanoTime() - started);
    }
}
