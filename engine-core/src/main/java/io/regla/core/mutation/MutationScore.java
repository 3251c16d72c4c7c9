package io.regla.core.mutation;

import io.regla.api.Version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutation score of one rule set version: every mutant's outcome, per rule, and how long it took.
 *
 * @param generated       how many mutants the version has; more than {@code results} when a cap sampled them
 * @param scenarios       the scenarios that ran on this version (and so on each of its mutants)
 * @param brokenScenarios scenarios of this version that already fail without a mutation (left out)
 * @param staleAllowList  allow-list entries that name no survivor (the mutant is gone, or a scenario kills it)
 * @param threads         how many mutants ran at once
 * @param nanos           wall time for the whole version
 */
public record MutationScore(String ruleSet, Version version, List<MutantResult> results, int generated, int scenarios,
                            List<String> brokenScenarios, List<String> staleAllowList, int threads, long nanos) {

    public MutationScore {
        results = List.copyOf(results);
        brokenScenarios = List.copyOf(brokenScenarios);
        staleAllowList = List.copyOf(staleAllowList);
    }

    /** Whether only a sample of the mutants ran (see {@link MutationTester.Builder#maxMutants}). */
    public boolean sampled() {
        return generated > results.size();
    }

    public int killed() {
        return count(MutantResult.Outcome.KILLED);
    }

    public int survived() {
        return count(MutantResult.Outcome.SURVIVED);
    }

    public int equivalent() {
        return count(MutantResult.Outcome.EQUIVALENT);
    }

    public int notCompiling() {
        return count(MutantResult.Outcome.NOT_COMPILING);
    }

    /** The mutants the score counts: killed plus survived. */
    public int counted() {
        return killed() + survived();
    }

    /** Killed of counted, in percent. */
    public double score() {
        return percent(killed(), counted());
    }

    public List<MutantResult> survivors() {
        return results.stream().filter(r -> r.outcome() == MutantResult.Outcome.SURVIVED).toList();
    }

    /** Mean time per mutant (compile and scenarios), in milliseconds, as measured with {@link #threads()} at once. */
    public double millisPerMutant() {
        return results.isEmpty() ? 0 : results.stream().mapToLong(MutantResult::nanos).sum() / 1e6 / results.size();
    }

    /** Per rule (or CSV file), sorted by name. */
    public List<RuleScore> rules() {
        Map<String, int[]> by = new TreeMap<>();
        for (MutantResult r : results) {
            int[] c = by.computeIfAbsent(r.mutant().rule(), k -> new int[5]);
            c[r.outcome().ordinal()]++;
        }
        List<RuleScore> out = new ArrayList<>();
        by.forEach((rule, c) -> out.add(new RuleScore(rule, c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2], c[3])));
        return out;
    }

    private int count(MutantResult.Outcome o) {
        return (int) results.stream().filter(r -> r.outcome() == o).count();
    }

    static double percent(int part, int whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }

    /** Survivors grouped by rule, in the order the report prints them. */
    Map<String, List<MutantResult>> survivorsByRule() {
        Map<String, List<MutantResult>> out = new LinkedHashMap<>();
        for (MutantResult r : survivors()) out.computeIfAbsent(r.mutant().rule(), k -> new ArrayList<>()).add(r);
        return out;
    }
}
