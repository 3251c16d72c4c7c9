package io.regla.cli.check;

import io.regla.cli.CliRun;
import io.regla.cli.ReglaCli;
import io.regla.core.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void checksAVersionEndToEndAndDiffsItOnTheSamples(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp.resolve("rules"));
        Path samples = Files.createDirectories(rules.resolve("greeting/samples"));
        Files.writeString(samples.resolve("people.yaml"), """
                - Person: {id: P1, name: Ana, age: 30, tier: GOLD}
                ---
                - Person: {id: P2, name: Beto, age: 40, tier: BASIC}
                """);
        Files.writeString(rules.resolve("greeting/scenarios/gold.yaml"), """
                scenario: Gold members get the warmer greeting
                ruleSet: greeting
                version: 1.1.0
                at: 2026-07-01T09:00:00-04:00
                given:
                  - Person: {id: P1, name: Ana, age: 30, tier: GOLD}
                  - Person: {id: P2, name: Beto, age: 40, tier: BASIC}
                  - Person: {id: P3, name: Kid, age: 17, tier: GOLD}
                expect:
                  actions:
                    - Greet: {personId: P1, text: Bienvenida Ana}
                    - Greet: {personId: P2, text: Hola Beto}
                  none:
                    - Greet: {personId: P3}
                    - Greet: {text: Hola Ana}
                """);
        CliRun r = run("check", rules.resolve("greeting/1.1.0").toString(), "--min-score", "0", "--report", tmp.resolve("report").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("validate   ok (2 rules)").contains("strict     ok").contains("scenarios  ").contains("mutation score: ")
                .contains("diff       vs 1.0.0 on 2 sample case(s): 1 changed, 1 unchanged");
        String verdict = r.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(verdict).startsWith("verdict: PASS greeting 1.1.0: compiles; strict; ").contains("mutation score ")
                .contains("diff vs 1.0.0 on 2 samples: 1 changed");
        assertThat(tmp.resolve("report/diff.html")).exists();
    }

    @Test
    void aFailingScenarioOrALowMutationScoreFailsTheVerdict(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp.resolve("rules"));
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        Files.writeString(drl, Files.readString(drl).replace("\"Bienvenida \"", "\"Buenas \""));
        Files.writeString(rules.resolve("greeting/scenarios/gold.yaml"), """
                scenario: Gold members get the warmer greeting
                ruleSet: greeting
                version: 1.1.0
                at: 2026-07-01T09:00:00-04:00
                given:
                  - Person: {id: P1, name: Ana, age: 30, tier: GOLD}
                expect:
                  actions:
                    - Greet: {personId: P1, text: Bienvenida Ana}
                """);
        CliRun r = run("check", rules.resolve("greeting").toString(), "--skip-mutation");
        assertThat(r.exit()).isEqualTo(ReglaCli.FAILED);
        assertThat(r.out()).contains("FAILED  Gold members get the warmer greeting");
        assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("verdict: FAIL greeting 1.1.0: ").contains("scenario(s) failed");

        CliRun score = run("check", TestRules.copyTo(tmp.resolve("rules2")).resolve("greeting/1.0.0").toString(), "--min-score", "100");
        assertThat(score.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("verdict: FAIL greeting 1.0.0")
                .contains("< 100.0%");
    }

    @Test
    void compileErrorsStopTheCheckWithFileLineColumn(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp.resolve("rules"));
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        Files.writeString(drl, Files.readString(drl).replace("tier == Person.Tier.GOLD)", "tier == Person.Tier.GOLD"));
        CliRun r = run("check", rules.resolve("greeting/1.1.0").toString());
        assertThat(r.exit()).isEqualTo(ReglaCli.FAILED);
        assertThat(r.out()).containsPattern("greeting\\.drl:\\d+:\\d+: ").contains("verdict: FAIL greeting 1.1.0: 1 compile error(s)");
    }

    @Test
    void theBundledLoyaltyVersionChecksWithItsSamples() {
        Path loyalty = Path.of("../../rules/loyalty/loyalty/1.1.0");
        CliRun r = run("check", loyalty.toString(), "--skip-mutation");
        // the version before 1.1.0 is now 1.0.1 (1.0.0 re-implemented, same decisions: the same 5 cases change)
        assertThat(r.out()).as(r.err()).contains("diff       vs 1.0.1 on 5 sample case(s): ");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("verdict: PASS loyalty 1.1.0");
    }

    @Test
    void theVerdictSaysWhetherTheVersionIsStrict(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp.resolve("rules"));
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        String text = Files.readString(drl);
        int then = text.indexOf("then\n") + "then\n".length();
        // harmless when it runs (the opted-out version below does run its scenarios), refused all the same
        Files.writeString(drl, text.substring(0, then) + "        System.getenv(\"HOME\");\n" + text.substring(then));
        // strict by default in a folder: refused at compile, with the call's file:line:col
        CliRun refused = run("check", rules.resolve("greeting/1.1.0").toString(), "--skip-mutation");
        assertThat(refused.exit()).isEqualTo(ReglaCli.FAILED);
        assertThat(refused.out()).containsPattern("greeting\\.drl:\\d+:9: strict: rule \"[^\"]+\": calls System.getenv")
                .contains("compile error(s) (1 refused by the strict profile)");
        // opting out does not pass the check: the verdict names what strict would refuse
        Path manifest = rules.resolve("greeting/1.1.0/ruleset.yaml");
        Files.writeString(manifest, Files.readString(manifest) + "strict: false\n");
        CliRun optedOut = run("check", rules.resolve("greeting/1.1.0").toString(), "--skip-mutation");
        assertThat(optedOut.out()).contains("strict     off (strict: false in ruleset.yaml); 1 finding(s) if it were strict")
                .containsPattern("greeting\\.drl:\\d+:9: strict: ");
        assertThat(optedOut.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("verdict: FAIL greeting 1.1.0: ")
                .contains("strict: false with 1 strict finding(s)");
        assertThat(optedOut.exit()).isEqualTo(ReglaCli.FAILED);
    }
}
