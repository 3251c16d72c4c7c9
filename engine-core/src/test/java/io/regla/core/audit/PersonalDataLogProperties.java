package io.regla.core.audit;

import io.regla.api.DecideOptions;
import io.regla.api.spi.DecisionRecord;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant: no name or e-mail address of a {@code PersonalData.Field} of an input fact reaches the decision
 * log unmasked, whether the rules copy it into a marked field, a free-text message or the trace, and
 * whatever its shape. Each try decides on the real engine and reads back what the writer wrote.
 */
class PersonalDataLogProperties {

    static final MemoryDecisionLog LOG = new MemoryDecisionLog();
    static DroolsEngine engine;

    @BeforeContainer
    static void start() {
        engine = Regla.builder().rulesDirectory(AuditRules.dir()).decisionLog(LOG).decisionLogBatchSize(1).buildDrools();
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    record Person(String id, String name, String email, boolean vip) {
    }

    @Provide
    Arbitrary<List<Person>> people() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars("áéíñü").ofMinLength(2).ofMaxLength(9);
        Arbitrary<String> name = Combinators.combine(word, word).as((a, b) ->
                Character.toUpperCase(a.charAt(0)) + a.substring(1) + " " + Character.toUpperCase(b.charAt(0)) + b.substring(1));
        Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._+-").ofMinLength(1).ofMaxLength(12)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
        Arbitrary<String> domain = Arbitraries.of("example.com", "correo.cl", "uni.edu.ar", "mail.example.org");
        Arbitrary<String> email = Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
        Arbitrary<Person> person = Combinators.combine(Arbitraries.strings().numeric().ofLength(4), name, email, Arbitraries.of(true, false))
                .as((id, n, e, vip) -> new Person("C" + id, n, e, vip));
        return person.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 200)
    void noPersonalValueIsWrittenUnmasked(@ForAll("people") List<Person> people, @ForAll boolean tracing) {
        List<Object> facts = new ArrayList<>();
        for (Person p : people) facts.add(new Customer(p.id(), p.name(), p.email(), p.vip() ? "VIP" : "BASIC"));
        int before = LOG.records.size();
        engine.decide("notice", facts, DecideOptions.builder().asOf(Instant.parse("2026-03-02T12:00:00Z")).tracing(tracing).build());
        DecisionRecord r = awaitRecord(before);

        String written = String.join("\n", r.actionsJson(), String.valueOf(r.traceJson()), r.factsHash(),
                r.ruleSet(), r.version(), r.checksum());
        for (Person p : people) {
            assertThat(written).doesNotContain(p.email()).doesNotContain(p.name());
            assertThat(written.toLowerCase()).doesNotContain(p.email().toLowerCase());
        }
        long vips = people.stream().filter(Person::vip).count();
        // a VIP's notice is there, its address masked to the first character and the domain
        for (Person p : people) {
            if (p.vip()) assertThat(r.actionsJson()).contains(p.email().charAt(0) + "***@" + p.email().substring(p.email().indexOf('@') + 1));
        }
        assertThat(r.actionsJson().split("\"type\":\"Notice\"", -1)).hasSize((int) vips + 1);
    }

    private static DecisionRecord awaitRecord(int before) {
        for (int i = 0; i < 10_000 && LOG.records.size() <= before; i++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(LOG.records).as("the writer wrote the decision").hasSizeGreaterThan(before);
        return LOG.records.get(before);
    }
}
