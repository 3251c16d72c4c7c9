package io.regla.core.diff;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What-if: decides each case with two versions of a rule set on the same as-of instant and reports what
 * changes.
 * <pre>{@code
 * DiffReport r = VersionDiff.of(engine, "loyalty", Version.parse("1.0.0"), Version.parse("1.1.0"))
 *         .asOf(Instant.parse("2025-08-10T23:00:00Z")).examples(3)
 *         .run(Cases.groupBy(facts, "Member"));
 * }</pre>
 * A case that fails to decide on either version is counted as failed (with its error) and left out of the
 * other counts: a what-if run over last month's facts should not stop at one bad record.
 */
public final class VersionDiff {

    private final RulesEngine engine;
    private final String ruleSet;
    private final Version from;
    private final Version to;
    private Instant asOf;
    private int examples = 3;

    private VersionDiff(RulesEngine engine, String ruleSet, Version from, Version to) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
    }

    public static VersionDiff of(RulesEngine engine, String ruleSet, Version from, Version to) {
        return new VersionDiff(engine, ruleSet, from, to);
    }

    /** The instant both versions decide at (default: the engine clock's now, read once per run). */
    public VersionDiff asOf(Instant asOf) {
        this.asOf = asOf;
        return this;
    }

    /** Example cases kept per kind of change ({@code SendEmail removed}, ...); default 3. */
    public VersionDiff examples(int perKind) {
        if (perKind < 0) throw new IllegalArgumentException("examples must not be negative: " + perKind);
        this.examples = perKind;
        return this;
    }

    public DiffReport run(List<Case> cases) {
        Instant at = asOf != null ? asOf : engine.clock().instant();
        DecideOptions onFrom = DecideOptions.builder().version(from).asOf(at).tracing(true).build();
        DecideOptions onTo = DecideOptions.builder().version(to).asOf(at).tracing(true).build();
        // both versions must exist before any case runs: a typo in a version is a usage error, not N failed cases
        engine.registry().resolve(ruleSet, from, at);
        engine.registry().resolve(ruleSet, to, at);
        int unchanged = 0;
        int changed = 0;
        Map<String, int[]> actions = new TreeMap<>();
        Map<String, int[]> rules = new TreeMap<>();
        Map<String, Integer> perKind = new LinkedHashMap<>();
        List<DiffReport.Example> kept = new ArrayList<>();
        List<DiffReport.Failure> failures = new ArrayList<>();
        for (Case c : cases) {
            Decision a;
            Decision b;
            try {
                a = engine.decide(ruleSet, c.facts(), onFrom);
                b = engine.decide(ruleSet, c.facts(), onTo);
            } catch (RuntimeException e) {
                failures.add(new DiffReport.Failure(c.id(), io.regla.api.PersonalData.maskEmailsIn(String.valueOf(e.getMessage()))));
                continue;
            }
            CaseDiff d = CaseDiff.of(c, a, b);
            if (d.actionsChanged()) changed++;
            else unchanged++;
            d.countsByType().forEach((type, n) -> {
                int[] sum = actions.computeIfAbsent(type, t -> new int[3]);
                for (int i = 0; i < 3; i++) sum[i] += n[i];
            });
            d.rulesFrom().forEach((rule, n) -> rules.computeIfAbsent(rule, r -> new int[2])[0] += n);
            d.rulesTo().forEach((rule, n) -> rules.computeIfAbsent(rule, r -> new int[2])[1] += n);
            List<String> kinds = kinds(d);
            boolean keep = false;
            for (String k : kinds) {
                int seen = perKind.merge(k, 1, Integer::sum);
                if (seen <= examples) keep = true;
            }
            if (keep) kept.add(new DiffReport.Example(kinds, d));
        }
        Map<String, DiffReport.ActionCounts> actionCounts = new LinkedHashMap<>();
        actions.forEach((t, n) -> actionCounts.put(t, new DiffReport.ActionCounts(n[0], n[1], n[2])));
        Map<String, DiffReport.RuleCounts> ruleCounts = new LinkedHashMap<>();
        rules.forEach((r, n) -> ruleCounts.put(r, new DiffReport.RuleCounts(n[0], n[1])));
        return new DiffReport(ruleSet, from, to, at, cases.size(), unchanged, changed, actionCounts, ruleCounts, kept,
                failures);
    }

    /** {@code SendEmail removed}, {@code AccruePoints changed}, or {@code firings only} when the actions agree. */
    static List<String> kinds(CaseDiff d) {
        Set<String> out = new LinkedHashSet<>();
        d.removed().forEach(a -> out.add(a.type() + " removed"));
        d.added().forEach(a -> out.add(a.type() + " added"));
        d.changed().forEach(c -> out.add(c.to().type() + " changed"));
        if (out.isEmpty() && d.firingsChanged()) out.add("firings only");
        return List.copyOf(out);
    }
}
