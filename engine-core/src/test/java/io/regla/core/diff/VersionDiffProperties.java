package io.regla.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FiredRule;
import io.regla.api.Version;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.testmodel.Person;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if diff's invariants on the greeting rule set (1.1.0 drops the birthday rule and greets gold
 * members differently): a version against itself differs nowhere; two versions differ exactly by the multiset
 * difference of their decisions, computed here case by case without the diff's code.
 */
class VersionDiffProperties {

    private static final Instant AT = Instant.parse("2026-07-01T14:00:00Z");
    private static final Version V1 = Version.parse("1.0.0");
    private static final Version V2 = Version.parse("1.1.0");
    private static DroolsEngine engine;

    @BeforeContainer
    static void start() {
        engine = TestRules.engine();
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    @Provide
    Arbitrary<List<Case>> cases() {
        Arbitrary<Person> person = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
                Arbitraries.integers().between(0, 90),
                Arbitraries.of(LocalDate.of(2000, 7, 1), LocalDate.of(1990, 3, 4), null),
                Arbitraries.of(Person.Tier.values()))
                .as((name, age, birthday, tier) -> new Person("P-" + name, name, age, birthday, tier));
        return person.list().ofMaxSize(3).list().ofMaxSize(8).map(groups -> {
            List<Case> out = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) out.add(new Case("case#" + i, List.copyOf(groups.get(i))));
            return out;
        });
    }

    @Property(tries = 60)
    void aVersionAgainstItselfIsEmpty(@ForAll("cases") List<Case> cases, @ForAll boolean newer) {
        Version v = newer ? V2 : V1;
        DiffReport r = VersionDiff.of(engine, "greeting", v, v).asOf(AT).run(cases);
        assertThat(r.empty()).isTrue();
        assertThat(r.cases()).isEqualTo(cases.size());
        assertThat(r.unchanged()).isEqualTo(cases.size());
        assertThat(r.changed()).isZero();
        assertThat(r.actions()).isEmpty();
        assertThat(r.rules()).isEmpty();
        assertThat(r.examples()).isEmpty();
    }

    @Property(tries = 60)
    void twoVersionsDifferByTheSetDifferenceOfTheirDecisions(@ForAll("cases") List<Case> cases) {
        DiffReport r = VersionDiff.of(engine, "greeting", V1, V2).asOf(AT).examples(1000).run(cases);
        int changedCases = 0;
        int onlyFrom = 0;
        int onlyTo = 0;
        Map<String, int[]> firings = new HashMap<>();
        for (Case c : cases) {
            Decision a = engine.decide("greeting", c.facts(), DecideOptions.builder().version(V1).asOf(AT).build());
            Decision b = engine.decide("greeting", c.facts(), DecideOptions.builder().version(V2).asOf(AT).build());
            List<JsonNode> left = trees(a.actions());
            List<JsonNode> right = trees(b.actions());
            List<JsonNode> leftOnly = minus(left, right);
            List<JsonNode> rightOnly = minus(right, left);
            if (!leftOnly.isEmpty() || !rightOnly.isEmpty()) changedCases++;
            onlyFrom += leftOnly.size();
            onlyTo += rightOnly.size();
            for (String f : minusText(fired(a), fired(b))) firings.computeIfAbsent(f.split("\\|")[0], k -> new int[2])[0]++;
            for (String f : minusText(fired(b), fired(a))) firings.computeIfAbsent(f.split("\\|")[0], k -> new int[2])[1]++;
        }
        assertThat(r.changed()).isEqualTo(changedCases);
        assertThat(r.unchanged()).isEqualTo(cases.size() - changedCases);
        // a changed action is one only in from and one only in to, paired by key
        int removedOrChanged = r.actions().values().stream().mapToInt(n -> n.removed() + n.changed()).sum();
        int addedOrChanged = r.actions().values().stream().mapToInt(n -> n.added() + n.changed()).sum();
        assertThat(removedOrChanged).isEqualTo(onlyFrom);
        assertThat(addedOrChanged).isEqualTo(onlyTo);
        Map<String, List<Integer>> expected = new HashMap<>();
        firings.forEach((rule, n) -> expected.put(rule, List.of(n[0], n[1])));
        Map<String, List<Integer>> actual = new HashMap<>();
        r.rules().forEach((rule, n) -> actual.put(rule, List.of(n.from(), n.to())));
        assertThat(actual).isEqualTo(expected);
        assertThat(r.examples()).hasSize(changedCases + (int) r.examples().stream().filter(e -> e.kinds().contains("firings only")).count());
    }

    private static List<JsonNode> trees(List<Action> actions) {
        return actions.stream().map(a -> (JsonNode) ActionKeys.tree(a)).toList();
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        List<T> rest = new ArrayList<>(b);
        List<T> out = new ArrayList<>();
        for (T x : a) {
            if (!rest.remove(x)) out.add(x);
        }
        return out;
    }

    private static List<String> minusText(List<String> a, List<String> b) {
        return minus(a, b);
    }

    private static List<String> fired(Decision d) {
        return d.trace().firings().stream().map((FiredRule f) -> f.rule() + "|" + f.facts()).toList();
    }
}
