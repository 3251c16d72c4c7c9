package io.regla.core.testing;

import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.mutation.MutationReport;
import io.regla.core.mutation.MutantResult;
import io.regla.core.mutation.MutationScore;
import io.regla.core.mutation.MutationTester;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests every {@code rules/<domain>} module runs over its own rule-set folders (surefire runs in the module
 * directory): every version compiles, every scenario file passes (one test each), and full rule coverage over every
 * version (a rule no scenario fires fails the build), and a mutation score of at least 90 % per version (see
 * {@link io.regla.core.mutation.MutationTester}). A module extends this and names its rule sets.
 */
public abstract class RuleSetModuleTests {

    private static final Path MODULE = Path.of("");

    /** One engine over the module's folders, shared by the module's other tests. */
    public static RulesEngine moduleEngine() {
        return Shared.ENGINE;
    }

    /** The rule set ids this module must hold. */
    protected abstract List<String> ruleSets();

    @Test
    void everyVersionCompiles() {
        try (RulesEngine engine = Regla.builder().rulesDirectory(MODULE).build()) {
            assertThat(engine.registry().ruleSets()).containsAll(ruleSets());
            for (String id : engine.registry().ruleSets()) {
                for (RuleSetInfo v : engine.registry().versions(id)) {
                    assertThat(engine.registry().compile(id, v.version()).state()).as(v.label())
                            .isEqualTo(RuleSetInfo.State.COMPILED);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.of(Regla.builder().rulesDirectory(MODULE).buildDrools(), MODULE)
                .requireFullCoverage(true).tests();
    }

    /** The mutation score every version must reach: its scenarios kill at least this share of its mutants. */
    public static final double MIN_MUTATION_SCORE = 90.0;

    /**
     * Mutants per version the build runs, picked evenly over files and rules, to keep {@code mvn verify} cheap;
     * {@code -Dregla.mutation.maxMutants=0} runs them all (as {@code regla mutate} does).
     */
    public static final int MUTANTS_PER_VERSION = Integer.getInteger("regla.mutation.maxMutants", 40);

    /**
     * Versions ({@code "<rule-set> <version>"}) whose scenarios have not been raised to {@link #MIN_MUTATION_SCORE} yet,
     * each with the floor its check holds meanwhile. Their test prints every survivor and says PENDING; listing a
     * version here is a visible debt for the lead, not a lower bar (remove the entry once its scenarios kill enough).
     */
    protected Map<String, Double> pendingMutationScores() {
        return Map.of();
    }

    /**
     * One test per version: its scenarios kill at least {@value #MIN_MUTATION_SCORE}% of its mutants (equivalent mutants
     * are allow-listed with a reason in {@code <rule-set>/equivalent-mutants/<version>.yaml}, never by lowering the bar).
     * A failure lists every survivor as a one-line diff, and allow-list entries that name no survivor any more.
     */
    @TestFactory
    Stream<DynamicNode> mutationScores() {
        DroolsEngine engine = Regla.builder().rulesDirectory(MODULE).buildDrools();
        List<DynamicNode> tests = new java.util.ArrayList<>();
        for (String id : engine.registry().ruleSets()) {
            for (RuleSetInfo v : engine.registry().versions(id)) {
                if (v.version() == null) continue;
                tests.add(org.junit.jupiter.api.DynamicTest.dynamicTest("mutation score " + id + " " + v.version(), () -> {
                    MutationScore score = MutationTester.builder(engine).maxMutants(MUTANTS_PER_VERSION).build()
                            .run(id, v.version());
                    String text = new MutationReport(List.of(score)).text();
                    Double pending = pendingMutationScores().get(id + " " + v.version());
                    System.out.print(text);
                    if (pending != null && score.score() < MIN_MUTATION_SCORE) {
                        System.out.printf("PENDING: %s %s scores %.1f%%, below %.0f%%: its scenarios still have to be raised%n",
                                id, v.version(), score.score(), MIN_MUTATION_SCORE);
                    }
                    double bar = pending != null ? pending : MIN_MUTATION_SCORE;
                    assertThat(score.results()).filteredOn(r -> r.outcome() == MutantResult.Outcome.NOT_COMPILING)
                            .extracting(MutantResult::killedBy)
                            .as("mutants the strict profile refused: a mutation must never add a forbidden call")
                            .noneMatch(error -> error.contains("strict:"));
                    assertThat(score.staleAllowList()).as("allow-list entries that name no survivor:\n" + text).isEmpty();
                    assertThat(score.score()).as("mutation score of %s %s below %s%%; survivors:\n%s", id, v.version(),
                            bar, text).isGreaterThanOrEqualTo(bar);
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Every version keeps to the strict profile: {@link #everyVersionCompiles} loads them from their folders, where
     * strict is the default, so a version is checked unless its ruleset.yaml opts out with {@code strict: false};
     * an opt-out must be listed here with its reason.
     */
    @Test
    void everyVersionIsStrict() throws java.io.IOException {
        try (Stream<Path> files = Files.walk(MODULE.toAbsolutePath())) {
            List<Path> manifests = files.filter(p -> p.getFileName().toString().equals(io.regla.core.registry.Manifest.FILE_NAME))
                    .filter(p -> { // the module's rule-set folders, not build output or test resources
                        String top = MODULE.toAbsolutePath().relativize(p).getName(0).toString();
                        return !top.equals("target") && !top.equals("src");
                    })
                    .toList();
            assertThat(manifests).isNotEmpty();
            for (Path manifest : manifests) {
                io.regla.core.registry.RuleSetFolder folder = io.regla.core.registry.RuleSetFolder.read(manifest.getParent(),
                        manifest.getParent().toString());
                assertThat(folder.manifest()).as(manifest.toString()).isNotNull();
                String label = folder.manifest().id() + " " + folder.manifest().version();
                if (!notStrict().containsKey(label)) {
                    assertThat(folder.manifest().strict(true)).as("%s says strict: false but is not listed in notStrict()", label)
                            .isTrue();
                }
            }
        }
    }

    /** Versions ({@code "<rule-set> <version>"}) that opt out of the strict profile, each with why. */
    protected Map<String, String> notStrict() {
        return Map.of();
    }

    @Test
    void everyRuleSetHasScenarios() {
        try (DroolsEngine engine = Regla.builder().rulesDirectory(MODULE).buildDrools()) {
            assertThat(engine.registry().ruleSets()).isNotEmpty().allSatisfy(id ->
                    assertThat(Files.isDirectory(MODULE.resolve(id).resolve("scenarios")))
                            .as("%s/scenarios exists", id).isTrue());
        }
    }

    private static final class Shared {
        static final RulesEngine ENGINE = Regla.builder().rulesDirectory(MODULE).build();
    }
}
