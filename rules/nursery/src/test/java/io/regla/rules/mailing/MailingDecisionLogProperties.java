package io.regla.rules.mailing;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.action.SendEmail;
import io.regla.api.spi.DecisionRecord;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.nursery.Enrollment;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mailing rule sets copy the guardian's address into {@code SendEmail.to} and the child's and the
 * guardian's names into merge fields. Invariant: whatever the names and addresses, the decision log
 * (actions, trace, facts hash) holds none of them unmasked, while the e-mails are really decided.
 */
class MailingDecisionLogProperties {

    static final List<DecisionRecord> LOG = new CopyOnWriteArrayList<>();
    static DroolsEngine engine;

    @BeforeContainer
    static void start() {
        engine = Regla.builder().bundledRules().decisionLog(LOG::addAll).decisionLogBatchSize(1).buildDrools();
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    record Family(String child, String guardian, String email) {
    }

    @Provide
    Arbitrary<List<Family>> families() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars("áéíóúñ").ofMinLength(3).ofMaxLength(10)
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1));
        Arbitrary<String> name = Combinators.combine(word, word).as((a, b) -> a + " " + b);
        Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._").ofMinLength(2).ofMaxLength(12)
                .filter(s -> Character.isLetter(s.charAt(0)) && !s.endsWith(".") && !s.contains(".."));
        Arbitrary<String> email = Combinators.combine(local, Arbitraries.of("example.com", "correo.cl", "jardin.edu.cl"))
                .as((l, d) -> l + "@" + d);
        return Combinators.combine(name, name, email).as(Family::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 100)
    void noGuardianOrChildNameNorAddressReachesTheLog(@ForAll("families") List<Family> families,
                                                      @ForAll("versions") String version) {
        List<Object> facts = new ArrayList<>();
        for (int i = 0; i < families.size(); i++) {
            Family f = families.get(i);
            facts.add(new Enrollment("E" + i, f.child(), "C1", f.guardian(), f.email(), LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 9), null));
        }
        int before = LOG.size();
        Decision d = engine.decide("mailing", facts,
                DecideOptions.builder().asOf(Instant.parse("2026-03-02T12:00:00Z")).version(version).build());
        assertThat(d.actions(SendEmail.class)).as("the welcome e-mails are decided")
                .filteredOn(m -> m.template().equals("BIENVENIDA")).hasSize(families.size());

        for (int i = 0; i < 10_000 && LOG.size() <= before; i++) sleep();
        assertThat(LOG).hasSizeGreaterThan(before);
        DecisionRecord r = LOG.get(before);
        String written = r.actionsJson() + "\n" + r.traceJson() + "\n" + r.factsHash();
        for (Family f : families) {
            assertThat(written).doesNotContain(f.email(), f.child(), f.guardian());
            // A name part as a word of its own: a generated part can be a piece of the log's own vocabulary
            // ("Ema" in "SendEmail" once failed CI), which is not a leak.
            for (String part : (f.child() + " " + f.guardian()).split(" ")) {
                assertThat(written).as("name part %s", part)
                        .doesNotContainPattern("(?<!\\p{L})" + java.util.regex.Pattern.quote(part) + "(?!\\p{L})");
            }
            String masked = f.email().charAt(0) + "***@" + f.email().substring(f.email().indexOf('@') + 1);
            assertThat(r.actionsJson()).contains("\"to\":\"" + masked + "\"");
        }
    }

    @Provide
    Arbitrary<String> versions() {
        return Arbitraries.of("1.0.0", "1.1.0", "1.2.0");
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
