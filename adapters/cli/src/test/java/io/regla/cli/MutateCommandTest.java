package io.regla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.core.TestRules;
import io.regla.core.facts.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MutateCommandTest {

    private static String[] args(String... more) {
        String[] base = {"mutate", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "discount"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void printsPerRuleScoresSurvivorsAndTheScoreLine(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.of(args("--report", tmp.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("discount 1.0.0:").contains("vip-greeting").contains("vips.csv")
                .contains("survived  vips.csv:3:2 change-cell 2 -> 4").contains("vips.csv:3: - P8,2  + P8,4");
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).matches("mutation score: \\d+\\.\\d% \\(\\d+ killed of \\d+\\)");
        assertThat(tmp.resolve("mutation.txt")).exists();
        JsonNode json = Json.JSON.readTree(Files.readString(tmp.resolve("mutation.json")));
        assertThat(last).contains("(" + json.get("killed").asInt() + " killed of "
                + (json.get("killed").asInt() + json.get("survived").asInt()) + ")");
    }

    @Test
    void jsonHasTheSameNumbersAndMinScoreSetsTheExitCode() throws Exception {
        CliRun json = CliRun.of(args("--format", "json", "--version", "1.0.0"));
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode n = Json.JSON.readTree(json.out());
        JsonNode v = n.get("versions").get(0);
        assertThat(v.get("version").asText()).isEqualTo("1.0.0");
        assertThat(v.get("killed").asInt() + v.get("survived").asInt() + v.get("equivalent").asInt() + v.get("notCompiling").asInt())
                .isEqualTo(v.get("mutants").asInt());
        assertThat(v.get("survivors")).isNotEmpty();
        double score = n.get("score").asDouble();
        assertThat(score).isLessThan(100.0);

        assertThat(CliRun.of(args("--min-score", "100")).exit()).isEqualTo(ReglaCli.FAILED);
        assertThat(CliRun.of(args("--min-score", "0")).exit()).isEqualTo(ReglaCli.OK);
    }

    @Test
    void badInputIsAUsageError() {
        CliRun unknown = CliRun.of("mutate", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "nope");
        assertThat(unknown.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(unknown.err()).contains("unknown rule set 'nope'");
        assertThat(CliRun.of(args("--format", "xml")).exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(CliRun.of(args("--version", "9.9.9")).exit()).isEqualTo(ReglaCli.USAGE);
    }
}
