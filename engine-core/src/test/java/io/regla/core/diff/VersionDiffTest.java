package io.regla.core.diff;

import io.regla.api.Version;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import io.regla.core.testmodel.Vip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionDiffTest {

    private static final Instant AT = Instant.parse("2026-07-01T14:00:00Z");
    private static DroolsEngine engine;

    @BeforeAll
    static void start() {
        engine = TestRules.engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static List<Case> people() {
        return List.of(
                new Case("gold", List.of(new Person("P1", "Ana", 30, null, Person.Tier.GOLD))),
                new Case("basic", List.of(new Person("P2", "Beto", 40, null, Person.Tier.BASIC))),
                new Case("birthday", List.of(new Person("P3", "Kid", 7, LocalDate.of(2019, 7, 1), Person.Tier.BASIC))));
    }

    @Test
    void countsChangedRemovedAndFiringsPerRule() {
        DiffReport r = VersionDiff.of(engine, "greeting", Version.parse("1.0.0"), Version.parse("1.1.0")).asOf(AT).run(people());
        assertThat(r.cases()).isEqualTo(3);
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.changed()).isEqualTo(2);
        // gold: same key (personId) other text -> changed; the kid's birthday greeting is gone in 1.1.0
        assertThat(r.actions()).containsOnlyKeys("Greet");
        assertThat(r.actions().get("Greet")).isEqualTo(new DiffReport.ActionCounts(1, 0, 1));
        assertThat(r.rules()).containsEntry("greet-gold", new DiffReport.RuleCounts(0, 1))
                .containsEntry("birthday", new DiffReport.RuleCounts(1, 0))
                .containsEntry("greet-adult", new DiffReport.RuleCounts(1, 0));
        assertThat(r.examples()).extracting(e -> e.diff().subject().id()).containsExactly("gold", "birthday");
        String json = r.toJson().toString();
        assertThat(json).contains("\"cases\":3,\"unchanged\":1,\"changed\":2")
                .contains("\"Greet\":{\"removed\":1,\"added\":0,\"changed\":1}")
                .contains("\"greet-gold\":{\"from\":0,\"to\":1}")
                .contains("\"kinds\":[\"Greet changed\"]");
        // both traces in each example
        assertThat(r.toJson().get("examples").get(0).get("from").get("trace").get(0).get("rule").asText()).isEqualTo("greet-adult");
        assertThat(r.toJson().get("examples").get(0).get("to").get("trace").get(0).get("rule").asText()).isEqualTo("greet-gold");
        assertThat(r.toText()).contains("cases: 3 decided, 1 unchanged, 2 changed").contains("Greet").contains("-1 +0 ~1");
    }

    @Test
    void examplesAreCappedPerKindOfChange() {
        List<Case> many = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> new Case("c" + i, List.of(new Person("P" + i, "Ana", 30, null, Person.Tier.GOLD)))).toList();
        DiffReport r = VersionDiff.of(engine, "greeting", Version.parse("1.0.0"), Version.parse("1.1.0")).asOf(AT).examples(2).run(many);
        assertThat(r.changed()).isEqualTo(10);
        assertThat(r.examples()).hasSize(2);
    }

    @Test
    void anUnknownVersionIsAnErrorBeforeAnyCaseRuns() {
        assertThatThrownBy(() -> VersionDiff.of(engine, "greeting", Version.parse("1.0.0"), Version.parse("9.9.9")).asOf(AT).run(people()))
                .hasMessageContaining("9.9.9");
    }

    @Test
    void actionKeysPreferTheMarkedThenKeyThenIdComponents() {
        assertThat(ActionKeys.of(new Greet("P1", "Hola"))).isEqualTo("Greet[personId=P1]");
        assertThat(ActionKeys.of(new io.regla.api.action.SendEmail("T", "a@b.cl", "E1", "K1", null))).isEqualTo("SendEmail[key=K1]");
        assertThat(ActionKeys.of(new io.regla.api.action.AssignOwner("DEAL", "D1", "O1"))).isEqualTo("AssignOwner[objectType=DEAL, objectId=D1]");
        assertThat(ActionKeys.of(new io.regla.api.action.Rejection("ScheduleInterview E1", "PAST_DATE", "m")))
                .isEqualTo("Rejection[command=ScheduleInterview E1]");
    }

    @Test
    void groupingPutsReferencingFactsWithTheirGroupAndSharesTheRest() {
        Person p1 = new Person("P1", "Ana", 30, null, Person.Tier.GOLD);
        Person p2 = new Person("P2", "Beto", 40, null, Person.Tier.BASIC);
        Vip v1 = new Vip("P1", 2);
        Greet shared = new Greet("nobody", "x");
        List<Case> cases = Cases.groupBy(List.of(p1, v1, p2, shared), "Person");
        assertThat(cases).extracting(Case::id).containsExactly("Person#P1", "Person#P2");
        assertThat(cases.get(0).facts()).containsExactly(p1, v1, shared);
        assertThat(cases.get(1).facts()).containsExactly(p2, shared);
        assertThatThrownBy(() -> Cases.groupBy(List.of(p1), "Enrollment"))
                .hasMessageContaining("--group-by Enrollment").hasMessageContaining("Person");
    }

    @Test
    void theHtmlReportHoldsTheNumbersAndBothSides(@TempDir Path tmp) throws Exception {
        DiffReport r = VersionDiff.of(engine, "greeting", Version.parse("1.0.0"), Version.parse("1.1.0")).asOf(AT).run(people());
        Path file = DiffHtml.write(r, tmp.resolve("report"));
        String html = Files.readString(file);
        assertThat(html).contains("<td class=\"n\" id=\"cases\">3</td>").contains("<td class=\"n\" id=\"changed\">2</td>")
                .contains("<td class=\"n removed\">1</td>").contains("<svg id=\"chart-actions\"").contains("<svg id=\"chart-rules\"")
                .contains("greet-gold").contains("Bienvenida").doesNotContain("http://", "https://", "<script");
    }
}
