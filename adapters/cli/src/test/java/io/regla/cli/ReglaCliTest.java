package io.regla.cli;

import io.regla.core.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReglaCliTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void validatePassesOnGoodRules() {
        CliRun r = run("validate", TestRules.dir().toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("ok  greeting 1.0.0  (2 rules)").contains("4 version(s) checked, 0 error(s)");
    }

    @Test
    void validatePrintsFileLineColumnAndExitsOne(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyTo(tmp);
        Path drl = rules.resolve("greeting/1.1.0/greeting.drl");
        Files.writeString(drl, Files.readString(drl).replace("tier == Person.Tier.GOLD)", "tier == Person.Tier.GOLD"));
        CliRun r = run("validate", rules.resolve("greeting").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern("greeting/1\\.1\\.0/greeting\\.drl:\\d+:\\d+: ")
                .contains("ok  greeting 1.0.0").contains("1 error(s)").doesNotContain("Parser returned a null Package");
    }

    @Test
    void testRunsScenariosAndEndsWithTheSummaryLine(@TempDir Path tmp) throws Exception {
        CliRun ok = run("test", TestRules.dir().toString(), "--no-bundled", "--rules", TestRules.dir().toString(), "--coverage");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("coverage greeting 1.0.0").endsWith("4 passed, 0 failed" + System.lineSeparator());

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                scenario: expects a greeting that never comes
                ruleSet: greeting
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Person: {id: P9, name: Kid, age: 4}
                expect:
                  actions:
                    - Greet: {personId: P9}
                """);
        CliRun failed = run("test", bad.toString(), TestRules.dir().toString(), "--no-bundled", "--rules", TestRules.dir().toString());
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("FAILED  expects a greeting that never comes")
                .contains("expected 1 × Greet{\"personId\":\"P9\"}, emitted 0").contains("4 passed, 1 failed");
    }

    @Test
    void decidePrintsTheDecisionAsJson(@TempDir Path tmp) throws Exception {
        Path facts = tmp.resolve("people.yaml");
        Files.writeString(facts, "- Person: {id: P1, name: Ana, age: 30}\n");
        CliRun r = run("decide", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "greeting",
                "--at", "2026-07-01T10:00:00-04:00", "--facts", facts.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"version\" : \"1.1.0\"").contains("\"type\" : \"Greet\"")
                .contains("\"rule\" : \"greet-adult\"").contains("\"Person#P1\"");

        Path csv = tmp.resolve("Person.csv");
        Files.writeString(csv, "id,name,age\nP1,Ana,30\nP2,Bea,x\n");
        CliRun bad = run("decide", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "greeting",
                "--at", "2026-07-01T10:00:00-04:00", "--facts", csv.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Person.csv: record 2, field 'age'");
    }

    @Test
    void versionsListsEffectiveDatesChecksumsAndTheActiveOne() {
        CliRun r = run("versions", "--no-bundled", "--rules", TestRules.dir().toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("greeting       1.0.0      2026-01-01T03:00:00Z")
                .contains("greeting       1.1.0      2026-06-01T04:00:00Z       *");
    }

    @Test
    void unknownRuleSetIsOneClearLineWithExitTwo() {
        CliRun r = run("decide", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "nope",
                "--facts", TestRules.dir().resolve("greeting/1.0.0/ruleset.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("regla: unknown rule set 'nope'").doesNotContain("Exception");
    }

    @Test
    void helpDocumentsExitCodes() {
        CliRun r = run("--help");
        assertThat(r.out()).contains("Exit codes:").contains("validate").contains("decide");
    }
}
