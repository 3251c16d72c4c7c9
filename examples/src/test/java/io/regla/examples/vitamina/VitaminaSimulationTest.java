package io.regla.examples.vitamina;

import io.regla.adapters.eml.EmlMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.examples.DemoPart;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class VitaminaSimulationTest {

    static RulesEngine engine;

    @BeforeAll
    static void engine() {
        engine = Regla.builder().bundledRules().build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    record Run(SemesterKpis kpis, List<Enrollment> enrollments, List<EmailSent> sent, long emlFiles) {
    }

    static Run simulate(long seed, Path mailDir) throws Exception {
        VitaminaSimulation.Config config = new VitaminaSimulation.Config(seed, 2, 60, LocalDate.of(2023, 3, 1), LocalDate.of(2023, 4, 30));
        VirtualClock clock = new VirtualClock(Instant.parse("2023-03-01T00:00:00Z"), VitaminaSimulation.Config.ZONE);
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (JdbcStore store = JdbcStore.open(pool, clock)) {
            EmlMailer eml = new EmlMailer(mailDir, "Vitamina", "no-reply@vitamina.example", clock);
            SemesterKpis kpis = new VitaminaSimulation(config, engine, store, eml, VitaminaSimulation.Dispatch.standard(), clock).run();
            long files;
            try (var list = Files.list(mailDir)) {
                files = list.filter(p -> p.toString().endsWith(".eml")).count();
            }
            return new Run(kpis, store.facts().listAll(Enrollment.class), store.facts().listAll(EmailSent.class), files);
        } finally {
            pool.dispose();
        }
    }

    @Test
    void a_short_term_runs_the_whole_journey_and_mails_by_the_rules(@TempDir Path dir) throws Exception {
        Run run = simulate(7, dir.resolve("a"));
        SemesterKpis k = run.kpis();
        assertThat(k.enrollments()).isEqualTo(60);
        assertThat(k.statuses()).containsKey(EnrollmentStatus.ADAPTED);
        assertThat(k.medianDaysToInterview()).isBetween(1.0, 30.0);
        assertThat(k.medianDaysToAdaptation()).isGreaterThanOrEqualTo(k.medianDaysToInterview());
        assertThat(k.outbox()).isEmpty();
        // one .eml file per mail recorded as sent, and at most one welcome per enrolment
        assertThat(run.emlFiles()).isEqualTo(run.sent().size());
        Map<String, Long> welcomes = run.sent().stream().filter(s -> s.template().equals("BIENVENIDA"))
                .collect(Collectors.groupingBy(EmailSent::enrollmentId, Collectors.counting()));
        assertThat(welcomes.values()).allMatch(n -> n == 1);
        assertThat(k.mailsByTemplate()).containsKeys("BIENVENIDA", "RECORDATORIO_ADAPTACION");
        assertThat(k.openRate().get("BIENVENIDA")).isBetween(0.3, 0.95);
        assertThat(k.format()).contains("median days enrolment -> interview held", "rejections by code", "open_rate");
    }

    @Test
    void a_seed_replays_the_same_term(@TempDir Path dir) throws Exception {
        Run first = simulate(11, dir.resolve("a"));
        Run second = simulate(11, dir.resolve("b"));
        assertThat(second.enrollments()).isEqualTo(first.enrollments());
        assertThat(second.kpis().rejections()).isEqualTo(first.kpis().rejections());
        assertThat(second.kpis().mailsByTemplate()).isEqualTo(first.kpis().mailsByTemplate());
        assertThat(second.kpis().openRate()).isEqualTo(first.kpis().openRate());
    }

    @Test
    void the_demo_runs_it() {
        assertThat(DemoPart.all()).anyMatch(p -> p instanceof VitaminaDemo);
    }
}
