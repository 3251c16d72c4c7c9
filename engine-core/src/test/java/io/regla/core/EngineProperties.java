package io.regla.core;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FactFormat;
import io.regla.api.FactMappingException;
import io.regla.api.RulesEngine;
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

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's invariants (issue: engine foundation). */
class EngineProperties {

    static DroolsEngine engine;

    @BeforeContainer
    static void start() {
        engine = TestRules.engine();
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    @Provide
    Arbitrary<List<Person>> people() {
        Arbitrary<Person> person = Combinators.combine(
                Arbitraries.integers().between(1, 999),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(LocalDate.of(1990, 3, 2), LocalDate.of(2001, 7, 15), LocalDate.of(1980, 12, 31)).injectNull(0.4),
                Arbitraries.of(Person.Tier.class).injectNull(0.3)
        ).as((id, name, age, birthday, tier) -> new Person("P" + id, name, age, birthday, tier));
        return person.list().ofMaxSize(12).uniqueElements(Person::id);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2026-01-02T00:00:00Z").getEpochSecond(),
                Instant.parse("2026-12-31T23:59:59Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }

    @Property(tries = 60)
    void sameFactsAndClockGiveTheSameDecision(@ForAll("people") List<Person> people, @ForAll("instants") Instant at) {
        Decision first = engine.decide("greeting", people, DecideOptions.at(at));
        Decision again = engine.decide("greeting", people, DecideOptions.at(at));
        try (RulesEngine other = TestRules.engine()) {
            Decision elsewhere = other.decide("greeting", people, DecideOptions.at(at));
            assertThat(again).isEqualTo(first);
            assertThat(elsewhere).isEqualTo(first);
        }
        assertThat(first.trace().firings()).hasSameSizeAs(first.actions());
    }

    @Property(tries = 8)
    void aPinnedDecisionIgnoresLoadingReloadingAndBreakingOtherVersions(@ForAll("people") List<Person> people,
                                                                        @ForAll("instants") Instant at,
                                                                        @ForAll("changes") List<String> changes) throws Exception {
        Path dir = Files.createTempDirectory("regla-pinned");
        TestRules.copyTo(dir);
        DecideOptions pinned = DecideOptions.builder().version("1.0.0").asOf(at).build();
        try (RulesEngine e = Regla.builder().rulesDirectory(dir).build()) {
            Decision before = e.decide("greeting", people, pinned);
            for (String change : changes) {
                apply(dir, change);
                e.registry().reload();
                assertThat(e.decide("greeting", people, pinned)).isEqualTo(before);
            }
        } finally {
            TestRules.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<List<String>> changes() {
        return Arbitraries.of("break-1.1.0", "fix-1.1.0", "add-1.2.0", "add-broken-1.3.0", "remove-1.2.0", "touch-manifest-1.1.0")
                .list().ofMinSize(1).ofMaxSize(4);
    }

    private static void apply(Path dir, String change) throws Exception {
        Path v11 = dir.resolve("greeting/1.1.0/greeting.drl");
        switch (change) {
            case "break-1.1.0" -> Files.writeString(v11, Files.readString(v11) + "\nrule \"oops\" when Person( then end\n");
            case "fix-1.1.0" -> Files.writeString(v11, Files.readString(v11).replace("\nrule \"oops\" when Person( then end\n", ""));
            case "add-1.2.0", "add-broken-1.3.0" -> {
                String v = change.equals("add-1.2.0") ? "1.2.0" : "1.3.0";
                Path d = Files.createDirectories(dir.resolve("greeting/" + v));
                Files.writeString(d.resolve("ruleset.yaml"), "id: greeting\nversion: " + v + "\neffectiveFrom: 2026-02-01T00:00:00Z\n");
                Files.writeString(d.resolve("g.drl"), change.equals("add-1.2.0")
                        ? "package rules.greeting;\nimport io.regla.core.testmodel.*;\nrule \"all\" when $p : Person() then insert(new Greet($p.id(), \"x\")); end\n"
                        : "package rules.greeting;\nrule \"bad\" when Nope() then end\n");
            }
            case "remove-1.2.0" -> {
                Path d = dir.resolve("greeting/1.2.0");
                if (Files.exists(d)) TestRules.deleteTree(d);
            }
            case "touch-manifest-1.1.0" -> {
                Path m = dir.resolve("greeting/1.1.0/ruleset.yaml");
                Files.writeString(m, Files.readString(m) + "\n# touched\n");
            }
            default -> throw new IllegalArgumentException(change);
        }
    }

    @Property(tries = 15)
    void eightThreadsDecideLikeOne(@ForAll("batches") List<List<Person>> batches, @ForAll("instants") Instant at) throws Exception {
        List<Decision> sequential = batches.stream().map(b -> engine.decide("greeting", b, DecideOptions.at(at))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Decision>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (List<Person> b : batches) futures.add(pool.submit(() -> engine.decide("greeting", b, DecideOptions.at(at))));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i % batches.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Provide
    Arbitrary<List<List<Person>>> batches() {
        return people().list().ofMinSize(8).ofMaxSize(24);
    }

    /** A bad value in one field of one record: the error must name that record and field. */
    record Corruption(int record, String field, String badValue) {
    }

    @Property(tries = 120)
    void everyMappingErrorNamesRecordAndField(@ForAll("people") List<Person> people, @ForAll("formats") FactFormat format,
                                              @ForAll("corruptions") Corruption c) {
        List<Person> rows = people.isEmpty() ? List.of(new Person("P1", "Ana", 3, null, null)) : people;
        int record = Math.floorMod(c.record(), rows.size()) + 1;
        String text = render(rows, format, record, c.field(), c.badValue());
        assertThatThrownBy(() -> engine.readFacts("greeting", DecideOptions.at(Instant.parse("2026-03-01T00:00:00Z")),
                format, new StringReader(text), "person." + format.name().toLowerCase()))
                .isInstanceOfSatisfying(FactMappingException.class, e -> {
                    assertThat(e.record()).isEqualTo(record);
                    assertThat(e.field()).isEqualTo(c.field());
                    assertThat(e.getMessage()).contains("record " + record).contains("'" + c.field() + "'");
                });
    }

    @Provide
    Arbitrary<FactFormat> formats() {
        return Arbitraries.of(FactFormat.class);
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        return Combinators.combine(Arbitraries.integers().between(0, 50),
                Arbitraries.of("age:x12", "age:3.5.1", "birthday:2026-13-01", "birthday:yesterday", "tier:PLATINO", "colour:red"))
                .as((r, fv) -> new Corruption(r, fv.substring(0, fv.indexOf(':')), fv.substring(fv.indexOf(':') + 1)));
    }

    private static String render(List<Person> rows, FactFormat format, int badRecord, String field, String bad) {
        StringBuilder sb = new StringBuilder();
        if (format == FactFormat.CSV) {
            sb.append("id,name,age,birthday,tier").append(field.equals("colour") ? ",colour" : "").append('\n');
        } else if (format == FactFormat.JSON) {
            sb.append('[');
        }
        for (int i = 0; i < rows.size(); i++) {
            Person p = rows.get(i);
            boolean b = i + 1 == badRecord;
            String age = b && field.equals("age") ? bad : String.valueOf(p.age());
            String birthday = b && field.equals("birthday") ? bad : p.birthday() == null ? "" : p.birthday().toString();
            String tier = b && field.equals("tier") ? bad : p.tier() == null ? "" : p.tier().name();
            String colour = b && field.equals("colour") ? bad : "";
            switch (format) {
                case CSV -> sb.append(String.join(",", p.id(), p.name(), age, birthday, tier))
                        .append(field.equals("colour") ? "," + colour : "").append('\n');
                case YAML -> sb.append("- Person: {id: ").append(p.id()).append(", name: ").append(p.name()).append(", age: '").append(age).append('\'')
                        .append(birthday.isEmpty() ? "" : ", birthday: '" + birthday + "'")
                        .append(tier.isEmpty() ? "" : ", tier: " + tier)
                        .append(colour.isEmpty() ? "" : ", colour: " + colour).append("}\n");
                case JSON -> sb.append(i == 0 ? "" : ",").append("{\"Person\":{\"id\":\"").append(p.id()).append("\",\"name\":\"").append(p.name())
                        .append("\",\"age\":\"").append(age).append('"')
                        .append(birthday.isEmpty() ? "" : ",\"birthday\":\"" + birthday + "\"")
                        .append(tier.isEmpty() ? "" : ",\"tier\":\"" + tier + "\"")
                        .append(colour.isEmpty() ? "" : ",\"colour\":\"" + colour + "\"").append("}}");
            }
        }
        if (format == FactFormat.JSON) sb.append(']');
        return sb.toString();
    }

}
