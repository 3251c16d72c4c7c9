package io.regla.rules.quality;

import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.reconcile.DatasetDiff;
import io.regla.rules.quality.reconcile.ReconcileResult;
import io.regla.rules.quality.reconcile.Reconciler;
import io.regla.rules.quality.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {

    @TempDir
    Path target;

    @Test
    void aCopyIsIdentical() throws IOException {
        for (String f : List.of("patients.csv", "admissions.csv")) {
            Files.copy(QualityCheckTest.MINI.resolve(f), target.resolve(f));
        }
        ReconcileResult r = new Reconciler(Contracts.load(QualityCheckTest.MINI), Sources.folder(QualityCheckTest.MINI),
                Sources.folder(target)).run();
        assertThat(r.identical()).isTrue();
        assertThat(r.dataset("admissions").sourceSums()).containsEntry("amount", new BigDecimal("1605.60"));
        assertThat(r.dataset("admissions").passes()).isEqualTo(1);
    }

    @Test
    void aLoadIntoADatabaseShowsMissingExtraAndChangedRows() throws Exception {
        String url = "jdbc:h2:mem:reconcile-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE admissions (admissionId VARCHAR(20), patientId VARCHAR(20), ward VARCHAR(20), "
                    + "admittedAt TIMESTAMP, dischargedAt TIMESTAMP, age INT, amount DECIMAL(12,2))");
            st.execute("CREATE TABLE patients (patientId VARCHAR(20), name VARCHAR(100), email VARCHAR(100), document VARCHAR(40), birthDate DATE)");
            st.execute("INSERT INTO patients SELECT * FROM CSVREAD('" + QualityCheckTest.MINI.resolve("patients.csv").toAbsolutePath() + "')");
            // the load: A000002 lost, A000004's ward and amount differ, A000099 appeared; the rest equal in other notation
            st.execute("INSERT INTO admissions VALUES ('A000001','P0001','UCI','2026-02-01 08:00:00','2026-02-03 10:00:00',45,1200.5)");
            st.execute("INSERT INTO admissions VALUES ('A000003','P9999','PEDIATRIA','2026-02-03 09:00:00','2026-02-04 09:00:00',7,80.10)");
            st.execute("INSERT INTO admissions VALUES ('A000004','P0001','UCI','2026-02-04 09:00:00','2026-02-05 09:00:00',45,11)");
            st.execute("INSERT INTO admissions VALUES ('A000005','P0001','UCI','2026-02-05 09:00:00','2026-02-04 09:00:00',45,10)");
            st.execute("INSERT INTO admissions VALUES ('A000006','P0002','UCI','2026-02-06 09:00:00',NULL,200,10)");
            st.execute("INSERT INTO admissions VALUES ('A000099','P0002','UCI','2026-02-06 09:00:00',NULL,20,10)");
        }
        // A000007 has an unreadable admittedAt in the CSV: it cannot be loaded as a TIMESTAMP, so it is missing too
        ReconcileResult r = new Reconciler(Contracts.load(QualityCheckTest.MINI), Sources.folder(QualityCheckTest.MINI),
                Sources.database(url, null, null)).run();
        DatasetDiff a = r.dataset("admissions");
        assertThat(a.sourceRecords()).isEqualTo(7);
        assertThat(a.targetRecords()).isEqualTo(6);
        assertThat(a.missing()).containsExactly("A000002", "A000007");
        assertThat(a.extra()).containsExactly("A000099");
        assertThat(a.changed()).containsExactly(new DatasetDiff.Changed("A000004", List.of("ward", "amount")));
        assertThat(a.targetSums().get("amount")).isEqualByComparingTo("1321.60");
        assertThat(r.dataset("patients").identical()).isTrue();
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
