package io.regla.adapters.sqlimport;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.spi.FactStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlImportTest {

    @TempDir
    Path dir;
    private JdbcStore store;
    private SourceDatabase source;

    @BeforeEach
    void setUp() {
        store = JdbcStore.h2(dir.resolve("store"), Clock.systemUTC());
        source = new SourceDatabase();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private SqlImport<TestEnrollment> importer(String query) {
        return SqlImport.of(TestEnrollment.class).source(SourceDatabase.dataSource()).query(query).build();
    }

    private List<TestEnrollment> stored() {
        return store.facts().listAll(TestEnrollment.class);
    }

    @Test
    void mapsColumnsOntoTheRecordWhateverTheirCase() {
        source.upsert(List.of(SourceDatabase.row(1), SourceDatabase.row(2)));
        ImportReport report = importer(source.query()).run(store.facts());

        assertThat(report).isEqualTo(new ImportReport("TestEnrollment", 2, 2, 0, 0));
        TestEnrollment first = store.facts().get(TestEnrollment.class, "M-0001").orElseThrow().value();
        assertThat(first).isEqualTo(new TestEnrollment("M-0001", "Niño 1", "C1", "Tutor 1", "tutor1@example.com",
                LocalDate.of(2023, 1, 3), LocalDate.of(2023, 3, 2), TestEnrollment.Status.ENROLLED));
    }

    @Test
    void reRunningUpdatesChangedRowsAndNeverDuplicates() {
        source.upsert(IntStream.rangeClosed(1, 10).mapToObj(SourceDatabase::row).toList());
        importer(source.query()).run(store.facts());
        assertThat(importer(source.query()).run(store.facts())).isEqualTo(new ImportReport("TestEnrollment", 10, 0, 0, 10));

        source.sql("UPDATE " + source.table + " SET estado = 'interview_scheduled' WHERE matricula_id = 'M-0004'");
        source.upsert(List.of(SourceDatabase.row(11)));
        assertThat(importer(source.query()).run(store.facts())).isEqualTo(new ImportReport("TestEnrollment", 11, 1, 1, 9));

        assertThat(stored()).hasSize(11);
        var changed = store.facts().get(TestEnrollment.class, "M-0004").orElseThrow();
        assertThat(changed.value().status()).isEqualTo(TestEnrollment.Status.INTERVIEW_SCHEDULED);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(store.facts().get(TestEnrollment.class, "M-0005").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aFailingQueryLeavesTheStoreAsItWas() {
        source.upsert(List.of(SourceDatabase.row(1)));
        importer(source.query()).run(store.facts());
        List<TestEnrollment> before = stored();

        assertThatThrownBy(() -> importer(source.query().replace(source.table, "no_such_table")).run(store.facts()))
                .isInstanceOf(ImportException.class).hasMessageContaining("the query failed")
                .hasMessageContaining("42P01");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnmappableRowNamesRowAndColumnAndWritesNothing() {
        source.upsert(List.of(SourceDatabase.row(1), SourceDatabase.row(2), SourceDatabase.row(3)));
        source.sql("UPDATE " + source.table + " SET estado = 'ENROLED' WHERE matricula_id = 'M-0003'");

        assertThatThrownBy(() -> importer(source.query()).run(store.facts()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("row 3").hasMessageContaining("column 'status'")
                .hasMessageContaining("ADAPTATION_SCHEDULED")
                .satisfies(e -> assertThat(((ImportException) e).row()).isEqualTo(3));
        assertThat(stored()).isEmpty();
    }

    @Test
    void aTextThatIsNoDateIsRefusedWithoutShowingTheValue() {
        source.upsert(List.of(SourceDatabase.row(1), SourceDatabase.row(2)));
        String query = source.query().replace("fecha_alta AS enrolled_on", "CASE WHEN matricula_id = 'M-0002'"
                + " THEN correo_tutor ELSE fecha_alta::text END AS enrolled_on");

        assertThatThrownBy(() -> importer(query).run(store.facts()))
                .hasMessageContaining("row 2").hasMessageContaining("column 'enrolled_on'")
                .hasMessageContaining("LocalDate").hasMessageNotContaining("tutor2@example.com");
        assertThat(stored()).isEmpty();
    }

    @Test
    void aDatabaseErrorQuotingAnAddressDoesNotRepeatIt() {
        source.upsert(List.of(SourceDatabase.row(1)));
        String query = source.query().replace("fecha_alta AS enrolled_on", "correo_tutor::date AS enrolled_on");
        assertThatThrownBy(() -> importer(query).run(store.facts()))
                .isInstanceOf(ImportException.class).hasMessageContaining("the query failed")
                .hasMessageNotContaining("tutor1@example.com").hasMessageContaining("t***@example.com");
        assertThat(stored()).isEmpty();
    }

    @Test
    void aColumnThatMatchesNoFieldOrAMissingFieldIsAnError() {
        source.upsert(List.of(SourceDatabase.row(1)));
        assertThatThrownBy(() -> importer(source.query().replace("AS guardian_email", "AS guardian_mail")).run(store.facts()))
                .hasMessageContaining("column 'guardian_mail' matches no field");
        assertThatThrownBy(() -> importer(source.query().replace(", estado AS status", "")).run(store.facts()))
                .hasMessageContaining("no column for field 'status'");
        assertThat(stored()).isEmpty();
    }

    @Test
    void twoRowsWithOneIdAreAnError() {
        source.upsert(List.of(SourceDatabase.row(1), SourceDatabase.row(2)));
        String query = source.query().replace("matricula_id AS id", "'M-X' AS id");
        assertThatThrownBy(() -> importer(query).run(store.facts()))
                .hasMessageContaining("row 2").hasMessageContaining("same id as row 1");
        assertThat(stored()).isEmpty();
    }

    @Test
    void anyIdFunctionAndTypeWork() {
        source.upsert(List.of(SourceDatabase.row(7)));
        record CampusOfChild(String enrollment, String campus) {
        }
        ImportReport report = SqlImport.of(CampusOfChild.class).source(SourceDatabase.dataSource())
                .query("SELECT matricula_id AS enrollment, sede AS campus FROM " + source.table)
                .id(CampusOfChild::enrollment).build().run(store.facts());
        assertThat(report.inserted()).isEqualTo(1);
        assertThat(store.facts().get(CampusOfChild.class, "M-0007").orElseThrow().value().campus()).isEqualTo("C1");
        assertThat(FactStore.typeName(CampusOfChild.class)).isEqualTo("CampusOfChild");
    }
}
