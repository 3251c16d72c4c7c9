package io.regla.core;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void decides() throws Exception {
        Path dir = Path.of(getClass().getResource("/testrules").toURI());
        try (RulesEngine engine = Regla.builder().rulesDirectory(dir).build()) {
            Decision d = engine.decide("greeting", List.of(new Person("P1", "Ana", 30, LocalDate.of(1990, 3, 2), Person.Tier.GOLD),
                    new Person("P2", "Kid", 5, null, null)), DecideOptions.at(Instant.parse("2026-03-02T12:00:00Z")));
            System.out.println(d);
            assertThat(d.version().toString()).isEqualTo("1.0.0");
            assertThat(d.actions(Greet.class)).hasSize(2);
            Decision d2 = engine.decide("greeting", List.of(new Person("P1", "Ana", 30, LocalDate.of(1990, 3, 2), Person.Tier.GOLD)),
                    DecideOptions.at(Instant.parse("2026-07-02T12:00:00Z")));
            System.out.println(d2);
        }
    }
}
