package io.regla.core.mutation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.core.facts.Json;

import java.util.List;
import java.util.Locale;

/**
 * The scores of the versions a run mutated, as text (per rule: mutants, killed, survived with the mutation as a
 * one-line diff, score; last line {@code mutation score: NN.N% (K killed of M)}) or JSON with the same numbers.
 */
public record MutationReport(List<MutationScore> versions) {

    public MutationReport {
        versions = List.copyOf(versions);
    }

    public int killed() {
        return versions.stream().mapToInt(MutationScore::killed).sum();
    }

    public int counted() {
        return versions.stream().mapToInt(MutationScore::counted).sum();
    }

    /** Killed of counted over every version, in percent. */
    public double score() {
        return MutationScore.percent(killed(), counted());
    }

    /** The last line of the text report. */
    public String scoreLine() {
        return String.format(Locale.ROOT, "mutation score: %.1f%% (%d killed of %d)", score(), killed(), counted());
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (MutationScore v : versions) {
            sb.append(String.format(Locale.ROOT, "%s %s: %d mutants, %d killed, %d survived, %d equivalent (allow-listed), "
                            + "%d not compiling; %d scenarios; %.1f s on %d threads, %.0f ms per mutant%n",
                    v.ruleSet(), v.version(), v.results().size(), v.killed(), v.survived(), v.equivalent(), v.notCompiling(),
                    v.scenarios(), v.nanos() / 1e9, v.threads(), v.millisPerMutant()));
            if (v.sampled()) {
                sb.append(String.format(Locale.ROOT, "  a sample of %d of the version's %d mutants ran; all: regla mutate --rule-set %s --version %s%n",
                        v.results().size(), v.generated(), v.ruleSet(), v.version()));
            }
            sb.append(String.format(Locale.ROOT, "  %-40s %7s %6s %8s %6s%n", "rule", "mutants", "killed", "survived", "score"));
            var survivors = v.survivorsByRule();
            for (RuleScore r : v.rules()) {
                sb.append(String.format(Locale.ROOT, "  %-40s %7d %6d %8d %5.1f%%%n", r.rule(), r.mutants(), r.killed(),
                        r.survived(), r.score()));
                for (MutantResult s : survivors.getOrDefault(r.rule(), List.of())) {
                    sb.append("      survived  ").append(s.mutant().id()).append('\n');
                    sb.append("                ").append(s.mutant().diff()).append('\n');
                }
            }
            for (String b : v.brokenScenarios()) sb.append("  scenario failing before any mutation (left out): ").append(b).append('\n');
            for (String s : v.staleAllowList()) sb.append("  allow-list entry names no survivor (remove it): ").append(s).append('\n');
            sb.append(String.format(Locale.ROOT, "  %s %s score: %.1f%% (%d killed of %d)%n", v.ruleSet(), v.version(),
                    v.score(), v.killed(), v.counted()));
        }
        sb.append(scoreLine()).append('\n');
        return sb.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("mutants", versions.stream().mapToInt(v -> v.results().size()).sum());
        root.put("killed", killed());
        root.put("survived", versions.stream().mapToInt(MutationScore::survived).sum());
        root.put("equivalent", versions.stream().mapToInt(MutationScore::equivalent).sum());
        root.put("notCompiling", versions.stream().mapToInt(MutationScore::notCompiling).sum());
        root.put("score", round(score()));
        ArrayNode vs = root.putArray("versions");
        for (MutationScore v : versions) {
            ObjectNode n = vs.addObject();
            n.put("ruleSet", v.ruleSet());
            n.put("version", v.version().toString());
            n.put("mutants", v.results().size());
            n.put("generated", v.generated());
            n.put("killed", v.killed());
            n.put("survived", v.survived());
            n.put("equivalent", v.equivalent());
            n.put("notCompiling", v.notCompiling());
            n.put("score", round(v.score()));
            n.put("scenarios", v.scenarios());
            n.put("seconds", round(v.nanos() / 1e9));
            n.put("threads", v.threads());
            n.put("msPerMutant", round(v.millisPerMutant()));
            ObjectNode rules = n.putObject("rules");
            for (RuleScore r : v.rules()) {
                ObjectNode rn = rules.putObject(r.rule());
                rn.put("mutants", r.mutants());
                rn.put("killed", r.killed());
                rn.put("survived", r.survived());
                rn.put("equivalent", r.equivalent());
                rn.put("notCompiling", r.notCompiling());
                rn.put("score", round(r.score()));
            }
            ArrayNode survivors = n.putArray("survivors");
            for (MutantResult s : v.survivors()) {
                ObjectNode sn = survivors.addObject();
                sn.put("id", s.mutant().id());
                sn.put("rule", s.mutant().rule());
                sn.put("kind", s.mutant().kind().label());
                sn.put("file", s.mutant().file());
                sn.put("line", s.mutant().line());
                sn.put("column", s.mutant().column());
                sn.put("diff", s.mutant().diff());
            }
            v.brokenScenarios().forEach(n.putArray("brokenScenarios")::add);
            v.staleAllowList().forEach(n.putArray("staleAllowList")::add);
        }
        return root;
    }

    public String json() {
        try {
            return Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
