package io.regla.cli.diff;

import io.regla.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.ReglaCli;
import io.regla.core.TestRules;
import io.regla.core.facts.Json;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class DiffCommandTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String PEOPLE = """
            - Person: {id: P1, name: Ana, age: 30, tier: GOLD}
            - Person: {id: P2, name: Beto, age: 40, tier: BASIC}
            - Person: {id: P3, name: Kid, age: 7, birthday: 2019-07-01, tier: BASIC}
            """;

    private static String[] args(Path facts, String... more) {
        String[] base = {"diff", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "greeting",
                "--from", "1.0.0", "--to", "1.1.0", "--at", "2026-07-01T10:00:00-04:00", "--facts", facts.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void jsonGroupsOneCasePerPersonAndCountsTheChanges(@TempDir Path tmp) throws Exception {
        Path facts = tmp.resolve("people.yaml");
        Files.writeString(facts, PEOPLE);
        CliRun r = run(args(facts, "--group-by", "Person", "--format", "json"));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.JSON.readTree(r.out());
        assertThat(json.get("cases").asInt()).isEqualTo(3);
        assertThat(json.get("unchanged").asInt()).isEqualTo(1);
        assertThat(json.get("changed").asInt()).isEqualTo(2);
        assertThat(json.at("/actions/Greet/removed").asInt()).isEqualTo(1);
        assertThat(json.at("/actions/Greet/added").asInt()).isZero();
        assertThat(json.at("/actions/Greet/changed").asInt()).isEqualTo(1);
        assertThat(json.at("/rules/greet-gold/to").asInt()).isEqualTo(1);
        assertThat(json.at("/rules/birthday/from").asInt()).isEqualTo(1);
        assertThat(json.at("/examples/0/case").asText()).isEqualTo("Person#P1");
        assertThat(json.at("/examples/0/from/trace/0/rule").asText()).isEqualTo("greet-adult");
        assertThat(json.at("/examples/0/to/trace/0/rule").asText()).isEqualTo("greet-gold");
    }

    @Test
    void withoutGroupingAFileIsOneCaseAndYamlDocumentsAreCasesToo(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("facts"));
        Files.writeString(dir.resolve("all.yaml"), PEOPLE);
        Files.writeString(dir.resolve("docs.yaml"), """
                given:
                  - Person: {id: P9, name: Eva, age: 50, tier: GOLD}
                ---
                - Person: {id: P8, name: Leo, age: 50, tier: BASIC}
                """);
        CliRun r = run(args(dir, "--format", "json"));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.JSON.readTree(r.out());
        assertThat(json.get("cases").asInt()).isEqualTo(3);      // all.yaml, docs.yaml#1, docs.yaml#2
        assertThat(json.get("changed").asInt()).isEqualTo(2);    // all.yaml (P1 gold, P3 birthday) and docs.yaml#1 (gold)
        assertThat(json.at("/actions/Greet/changed").asInt()).isEqualTo(2);
    }

    @Test
    void textPrintsTheCountsAndWritesTheHtmlReport(@TempDir Path tmp) throws Exception {
        Path facts = tmp.resolve("people.yaml");
        Files.writeString(facts, PEOPLE);
        CliRun r = run(args(facts, "--group-by", "Person", "--report", tmp.resolve("out").toString(), "--examples", "1"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("diff greeting 1.0.0 -> 1.1.0").contains("cases: 3 decided, 1 unchanged, 2 changed")
                .contains("example Person#P1  [Greet changed]").contains("trace 1.1.0: greet-gold(Person#P1)")
                .contains("report: ");
        String html = Files.readString(tmp.resolve("out/diff.html"));
        assertThat(html).contains("id=\"cases\">3<").contains("id=\"changed\">2<").contains("<svg id=\"chart-actions\"");
    }

    @Test
    void readsTheFactsOfAStoreFile(@TempDir Path tmp) {
        Path db = tmp.resolve("store");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            store.facts().put("P1", new Person("P1", "Ana", 30, null, Person.Tier.GOLD));
            store.facts().put("P2", new Person("P2", "Beto", 40, null, Person.Tier.BASIC));
        }
        CliRun r = run("diff", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "greeting", "--from", "1.0.0",
                "--to", "1.1.0", "--at", "2026-07-01T10:00:00-04:00", "--db", db.toString(), "--group-by", "Person");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("cases: 2 decided, 1 unchanged, 1 changed");
    }

    @Test
    void badInputIsAUsageErrorNamingIt(@TempDir Path tmp) throws Exception {
        Path facts = tmp.resolve("people.yaml");
        Files.writeString(facts, "- Person: {id: P1, nmae: Ana, age: 3}\n");
        CliRun r = run(args(facts));
        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err()).contains("people.yaml").contains("nmae");
        Files.writeString(facts, PEOPLE);
        CliRun g = run(args(facts, "--group-by", "Enrollment"));
        assertThat(g.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(g.err()).contains("--group-by Enrollment").contains("Person");
        CliRun v = run("diff", "--no-bundled", "--rules", TestRules.dir().toString(), "--rule-set", "greeting", "--from", "1.0.0",
                "--to", "7.0.0", "--facts", facts.toString());
        assertThat(v.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(v.err()).contains("7.0.0");
    }
}
