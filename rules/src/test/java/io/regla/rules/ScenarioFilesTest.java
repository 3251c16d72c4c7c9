package io.regla.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RuleSetInfo;
import io.regla.api.Session;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.facts.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the scenario files of {@code <rule-set>/scenarios/} in the public scenario format and checks that
 * every rule of every version is fired by at least one scenario.
 *
 * <p>A stop-gap: the engine's own scenario runner ({@code io.regla.core.scenario}) replaces this once it
 * is merged. The semantics follow the format's definition: listed actions must be emitted exactly
 * {@code count} times (default 1) matching the listed fields, {@code none} entries must match no
 * emitted action, and {@code rulesFired} is checked as the exact set of rules that fired.
 */
class ScenarioFilesTest {

    private static DroolsEngine engine;
    private static final Map<String, Set<String>> fired = new TreeMap<>();

    @BeforeAll
    static void engine() {
        engine = Regla.builder().rulesDirectory(Path.of("")).buildDrools();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String ruleSet : List.of("scheduling", "mailing")) {
            try (Stream<Path> s = Files.list(Path.of(ruleSet, "scenarios"))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        assertThat(files).isNotEmpty();
        Stream<DynamicTest> runs = files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> run(f)));
        return Stream.concat(runs, Stream.of(DynamicTest.dynamicTest("every rule is fired by a scenario", this::coverage)));
    }

    private void coverage() {
        List<String> unfired = new ArrayList<>();
        for (String id : List.of("scheduling", "mailing")) {
            for (RuleSetInfo v : engine.registry().versions(id)) {
                Set<String> seen = fired.getOrDefault(v.label(), Set.of());
                for (String rule : engine.registry().rules(id, v.version())) {
                    if (!seen.contains(rule)) unfired.add(v.label() + " " + rule);
                }
            }
        }
        assertThat(unfired).as("rules no scenario fires").isEmpty();
    }

    private void run(Path file) throws IOException {
        JsonNode doc = Json.YAML.readTree(file.toFile());
        String ruleSet = doc.path("ruleSet").asText();
        Instant at = instant(doc.path("at").asText());
        DecideOptions.Builder options = DecideOptions.builder().asOf(at).tracing(true);
        if (doc.hasNonNull("version")) options.version(doc.get("version").asText());
        DecideOptions opts = options.build();
        var mapper = engine.mapper(ruleSet, opts);
        try (Session session = engine.openSession(ruleSet, opts)) {
            if (doc.has("given")) session.insertAll(mapper.fromTree(doc.get("given"), file + " given"));
            session.fire();
            int n = 0;
            for (JsonNode step : doc.path("steps")) {
                n++;
                if (step.hasNonNull("at")) session.advanceTo(instant(step.get("at").asText()));
                if (step.has("insert")) session.insertAll(mapper.fromTree(step.get("insert"), file + " step " + n));
                Decision d = session.fire();
                if (step.has("expect")) check(step.get("expect"), d.actions(), d.trace().rulesFired(), file + " step " + n);
            }
            fired.computeIfAbsent(session.ruleSet().label(), k -> new TreeSet<>()).addAll(session.trace().rulesFired());
            check(doc.path("expect"), session.actions(), session.trace().rulesFired(), file.toString());
        }
    }

    private static void check(JsonNode expect, List<Action> actions, Set<String> rulesFired, String where) {
        for (JsonNode want : expect.path("actions")) {
            int count = want.path("count").asInt(1);
            long got = actions.stream().filter(a -> matches(want, a)).count();
            if (got != count) {
                fail(where + ": expected " + count + " x " + describe(want) + " but " + got + " matched; emitted:\n  "
                        + String.join("\n  ", actions.stream().map(Object::toString).toList()));
            }
        }
        for (JsonNode unwanted : expect.path("none")) {
            for (Action a : actions) {
                if (matches(unwanted, a)) fail(where + ": unexpected " + a + " (matches none: " + describe(unwanted) + ")");
            }
        }
        if (expect.has("rulesFired")) {
            Set<String> want = new TreeSet<>();
            expect.get("rulesFired").forEach(r -> want.add(r.asText()));
            assertThat(new TreeSet<>(rulesFired)).as(where + ": rulesFired").isEqualTo(want);
        }
    }

    private static String describe(JsonNode entry) {
        return entry.toString();
    }

    private static boolean matches(JsonNode entry, Action action) {
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("count")) continue;
            if (!e.getKey().equals(action.type())) return false;
            for (Iterator<Map.Entry<String, JsonNode>> fs = e.getValue().fields(); fs.hasNext(); ) {
                Map.Entry<String, JsonNode> f = fs.next();
                if (!fieldEquals(action, f.getKey(), f.getValue())) return false;
            }
        }
        return true;
    }

    private static boolean fieldEquals(Action action, String field, JsonNode want) {
        for (RecordComponent c : action.getClass().getRecordComponents()) {
            if (!c.getName().equals(field)) continue;
            Object value;
            try {
                value = c.getAccessor().invoke(action);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value == null) return want.isNull();
            if (value instanceof Instant i) return i.equals(instant(want.asText()));
            if (value instanceof Map<?, ?> m) {
                for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                    var kv = it.next();
                    if (!kv.getValue().asText().equals(String.valueOf(m.get(kv.getKey())))) return false;
                }
                return true;
            }
            return value.toString().equals(want.asText());
        }
        throw new AssertionError("action " + action.type() + " has no field '" + field + "'");
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
