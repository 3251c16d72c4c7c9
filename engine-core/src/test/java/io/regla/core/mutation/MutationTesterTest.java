package io.regla.core.mutation;

import io.regla.api.Version;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutationTesterTest {

    private static final Version V1 = Version.parse("1.0.0");

    @Test
    void generatesEveryKindOfMutantOnTheParsedRules() {
        try (DroolsEngine engine = TestRules.engine()) {
            List<Mutant> greeting = MutationTester.builder(engine).build().mutants("greeting", V1);
            Set<String> ids = greeting.stream().map(Mutant::id).collect(Collectors.toSet());
            assertThat(ids).hasSize(greeting.size()); // unique
            assertThat(ids).contains(
                    "greeting.drl:7:1 remove-rule \"greet-adult\"",
                    "greeting.drl:9:17 negate age >= 18",
                    "greeting.drl:9:17 drop-constraint age >= 18",
                    "greeting.drl:9:21 swap-operator >= -> >",
                    "greeting.drl:9:24 change-number 18 -> 19",
                    "greeting.drl:9:24 change-number 18 -> 17",
                    "greeting.drl:9:24 change-number 18 -> 36");
            Mutant swap = greeting.stream().filter(m -> m.id().equals("greeting.drl:9:21 swap-operator >= -> >")).findFirst().orElseThrow();
            assertThat(swap.rule()).isEqualTo("greet-adult");
            assertThat(swap.diff()).isEqualTo("greeting.drl:9: - $p : Person(age >= 18)  + $p : Person(age > 18)");

            List<Mutant> discount = MutationTester.builder(engine).build().mutants("discount", V1);
            assertThat(discount.stream().map(Mutant::id)).contains(
                    "age-bands.csv:10 drop-row",
                    "age-bands.csv:10:1 change-cell 0 -> 1",
                    "age-bands.csv:10:1 change-cell 18 -> 36",
                    "vips.csv:2 drop-row",
                    "vips.csv:2:2 change-cell 1 -> 2");
            // header rows of the table and of the reference data are never mutated
            assertThat(discount).noneMatch(m -> m.file().equals("age-bands.csv") && m.line() < 10)
                    .noneMatch(m -> m.file().equals("vips.csv") && m.line() == 1);
        }
    }

    @Test
    void killsWhatTheScenariosNoticeAndListsTheSurvivors() {
        try (DroolsEngine engine = TestRules.engine()) {
            MutationScore score = MutationTester.builder(engine).threads(2).build().run("discount", V1);
            Map<String, MutantResult.Outcome> outcome = score.results().stream()
                    .collect(Collectors.toMap(r -> r.mutant().id(), MutantResult::outcome));
            // P7 is in the scenario (vip-1 expected); P8 is not, so a change to its row goes unnoticed
            assertThat(outcome.get("vips.csv:2 drop-row")).isEqualTo(MutantResult.Outcome.KILLED);
            assertThat(outcome.get("vips.csv:2:2 change-cell 1 -> 2")).isEqualTo(MutantResult.Outcome.KILLED);
            assertThat(outcome.get("vips.csv:3:2 change-cell 2 -> 4")).isEqualTo(MutantResult.Outcome.SURVIVED);
            assertThat(outcome.get("vip.drl:7:1 remove-rule \"vip-greeting\"")).isEqualTo(MutantResult.Outcome.KILLED);
            // a changed decision table compiles anew (Drools caches a table by its path: see MutationTester)
            assertThat(outcome.get("age-bands.csv:10 drop-row")).isEqualTo(MutantResult.Outcome.KILLED);
            assertThat(score.scenarios()).isEqualTo(1);
            assertThat(score.killed() + score.survived() + score.equivalent() + score.notCompiling()).isEqualTo(score.results().size());
            assertThat(score.score()).isEqualTo(100.0 * score.killed() / (score.killed() + score.survived()));
            assertThat(score.rules()).extracting(RuleScore::rule).contains("vip-greeting", "vips.csv", "age-bands.csv");

            MutationReport report = new MutationReport(List.of(score));
            String text = report.text();
            String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(last).matches("mutation score: \\d+\\.\\d% \\(" + score.killed() + " killed of " + score.counted() + "\\)");
            assertThat(text).contains("survived  vips.csv:3:2 change-cell 2 -> 4")
                    .contains("vips.csv:3: - P8,2  + P8,4");
            var json = report.toJson();
            assertThat(json.get("killed").asInt()).isEqualTo(score.killed());
            assertThat(json.get("versions").get(0).get("survived").asInt()).isEqualTo(score.survived());
            assertThat(json.get("versions").get(0).get("rules").get("vips.csv").get("mutants").asInt())
                    .isEqualTo(score.rules().stream().filter(r -> r.rule().equals("vips.csv")).findFirst().orElseThrow().mutants());
        }
    }

    @Test
    void aMutantThatLoopsIsKilledNotHung() {
        try (DroolsEngine engine = TestRules.engine()) {
            // dropping the guard of the greeting rule makes nothing loop, but a run cap of 1 firing turns any
            // scenario that fires twice into a failure: the cap is what stops a looping mutant
            MutationScore score = MutationTester.builder(engine).maxFiringsPerRun(1).build().run("discount", V1);
            assertThat(score.survived()).isZero();
        }
    }

    @Test
    void reviewedEquivalentMutantsDoNotCountAndStaleEntriesAreReported(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path allow = rules.resolve("discount").resolve(EquivalentMutants.FOLDER).resolve("1.0.0.yaml");
        Files.createDirectories(allow.getParent());
        Files.writeString(allow, """
                - mutant: "vips.csv:3:2 change-cell 2 -> 4"
                  reason: P8 is not in any scenario (test fixture)
                - mutant: "vips.csv:2 drop-row"
                  reason: wrong on purpose - a scenario kills it
                """);
        try (DroolsEngine engine = io.regla.core.Regla.builder().rulesDirectory(rules).buildDrools()) {
            MutationScore score = MutationTester.builder(engine).build().run("discount", V1);
            assertThat(score.results()).filteredOn(r -> r.mutant().id().equals("vips.csv:3:2 change-cell 2 -> 4"))
                    .extracting(MutantResult::outcome).containsExactly(MutantResult.Outcome.EQUIVALENT);
            assertThat(score.staleAllowList()).containsExactly("vips.csv:2 drop-row");
            assertThat(new MutationReport(List.of(score)).text()).contains("allow-list entry names no survivor (remove it): vips.csv:2 drop-row");
        }
        Files.writeString(allow, "- mutant: \"vips.csv:3 drop-row\"\n");
        try (DroolsEngine engine = io.regla.core.Regla.builder().rulesDirectory(rules).buildDrools()) {
            assertThatThrownBy(() -> MutationTester.builder(engine).build().run("discount", V1))
                    .hasMessageContaining("1.0.0.yaml").hasMessageContaining("entry 1").hasMessageContaining("missing 'reason'");
        }
    }

    @Test
    void aCapRunsAnEvenSampleAndSaysSo() {
        try (DroolsEngine engine = TestRules.engine()) {
            MutationScore score = MutationTester.builder(engine).maxMutants(5).build().run("greeting", V1);
            assertThat(score.results()).hasSize(5);
            assertThat(score.sampled()).isTrue();
            assertThat(new HashSet<>(score.results().stream().map(r -> r.mutant().file()).toList())).containsExactly("greeting.drl");
            assertThat(new MutationReport(List.of(score)).text()).contains("a sample of 5 of the version's " + score.generated() + " mutants ran");
        }
    }
}
