package io.regla.adapters.sqlimport;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.nursery.admissions.WelcomeWindow;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled import from a source database (H2 or PostgreSQL: each subclass runs SQL on its own) into a store:
 * counts and rejects kept as {@link ImportRun}s, and the welcome window keeping old families from being welcomed.
 */
abstract class ScheduledImportContract {

    static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");

    /** Runs statements on the source database. */
    abstract void source(String... sql);

    /** The source's JDBC URL, user and password environment variable value. */
    abstract String url();

    abstract String user();

    abstract String password();

    final String t = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    JdbcStore store;
    Path config;

    @BeforeEach
    void setUp() throws IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcStore.open(ds, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        source("CREATE TABLE " + t + "_sedes (sede_id VARCHAR(20) PRIMARY KEY, nombre VARCHAR(100), cupos INT, dias INT)",
                "CREATE TABLE " + t + "_matriculas (matricula_id VARCHAR(20) PRIMARY KEY, nombre_nino VARCHAR(100),"
                        + " sede VARCHAR(20), tutor VARCHAR(100), correo VARCHAR(100), fecha_alta DATE, fecha_inicio DATE,"
                        + " estado VARCHAR(30))",
                "INSERT INTO " + t + "_sedes VALUES ('C1', 'Vitamina Ñuñoa', 2, 5)",
                // enrolled a week ago: welcomed; enrolled in 2024: an existing family, not welcomed now
                "INSERT INTO " + t + "_matriculas VALUES ('NEW1', 'Ana', 'C1', 'Rosa', 'rosa@example.com', DATE '2026-11-25',"
                        + " DATE '2027-03-01', 'ENROLLED')",
                "INSERT INTO " + t + "_matriculas VALUES ('OLD1', 'Luis', 'C1', 'Pedro', 'pedro@example.com', DATE '2024-03-01',"
                        + " DATE '2024-03-04', 'ADAPTED')");
        config = Files.createTempFile("import", ".yaml");
        Files.writeString(config, """
                source:
                  url: %s
                  user: %s
                  passwordEnv: SRC_PASSWORD
                welcomeWindowDays: 30
                records:
                  - type: Campus
                    query: SELECT sede_id AS id, nombre AS name, cupos AS daily_adaptation_capacity, dias AS adaptation_days FROM %s_sedes
                  - type: Enrollment
                    query: >
                      SELECT matricula_id AS id, nombre_nino AS child_name, sede AS campus_id, tutor AS guardian_name,
                      correo AS guardian_email, fecha_alta AS enrolled_on, fecha_inicio AS starts_on, estado AS status
                      FROM %s_matriculas
                """.formatted(url(), user(), t, t));
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
        Files.deleteIfExists(config);
    }

    ScheduledImport imports(String owner, java.time.Clock clock) {
        return ScheduledImport.builder(store, ImportConfig.load(config, Map.of("SRC_PASSWORD", password())))
                .owner(owner).clock(clock).build();
    }

    @Test
    void anImportKeepsItsCountsAndOldFamiliesAreNotWelcomed() {
        ScheduledImport imports = imports("a", java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        ImportRun run = imports.runOnce().orElseThrow();
        assertThat(run.ok()).isTrue();
        assertThat(run.imported()).containsExactly(new ImportReport("Campus", 1, 1, 0, 0),
                new ImportReport("Enrollment", 2, 2, 0, 0));
        assertThat(run.welcomeSkipped()).isEqualTo(1);
        assertThat(imports.lastRuns(10)).containsExactly(run);
        assertThat(store.facts().listAll(EmailSent.class)).singleElement()
                .satisfies(s -> {
                    assertThat(s.enrollmentId()).isEqualTo("OLD1");
                    assertThat(WelcomeWindow.isSkipped(s)).isTrue();
                });

        try (RulesEngine engine = Regla.builder().bundledRules().clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).build()) {
            NurseryService service = new NurseryService(engine, store, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
            assertThat(service.dailyRun().enqueued()).isEqualTo(1);
            assertThat(store.outbox().find("BIENVENIDA:NEW1")).isPresent();
            assertThat(store.outbox().find("BIENVENIDA:OLD1")).isEmpty();
        }

        // the next run changes nothing and marks nothing again
        ImportRun again = imports.runOnce().orElseThrow();
        assertThat(again.imported()).containsExactly(new ImportReport("Campus", 1, 0, 0, 1),
                new ImportReport("Enrollment", 2, 0, 0, 2));
        assertThat(again.welcomeSkipped()).isZero();
        assertThat(imports.lastRuns(1)).containsExactly(again);
    }

    @Test
    void aRowThatDoesNotMapIsRejectedAndTheOtherTypesAreImported() {
        source("INSERT INTO " + t + "_matriculas VALUES ('BAD1', 'Eva', 'C1', 'Tutor', 'eva@example.com', DATE '2026-11-30',"
                + " DATE '2027-03-01', 'NOT_A_STATUS')");
        ImportRun run = imports("a", java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).runOnce().orElseThrow();
        assertThat(run.ok()).isFalse();
        assertThat(run.imported()).extracting(ImportReport::type).containsExactly("Campus");
        assertThat(run.rejects()).singleElement().asString().contains("Enrollment").contains("row ").containsIgnoringCase("status")
                .doesNotContain("eva@example.com");
        assertThat(store.facts().listAll(io.regla.rules.nursery.Enrollment.class)).isEmpty();
        assertThat(store.facts().listAll(ImportRun.class)).containsExactly(run);
    }
}
