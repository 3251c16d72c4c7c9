package io.regla.adapters.sqlimport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The admissions system's database as tests see it: an embedded PostgreSQL (one per test JVM) with a
 * {@code matriculas} table per test, columns named the way the source system names them.
 */
final class SourceDatabase {

    private static EmbeddedPostgres postgres;

    record Row(String id, String nombre, String sede, String tutor, String correo, LocalDate alta, LocalDate inicio,
               String estado) {
    }

    final String table = "matriculas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    /** The JDBC URL of the embedded PostgreSQL, for a config file. */
    static String jdbcUrl() {
        dataSource();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    SourceDatabase() {
        sql("CREATE TABLE " + table + " (matricula_id VARCHAR(20) PRIMARY KEY, nombre_nino VARCHAR(100), sede VARCHAR(20),"
                + " tutor VARCHAR(100), correo_tutor VARCHAR(100), fecha_alta DATE, fecha_inicio DATE, estado VARCHAR(30))");
    }

    /** The query operations ran by hand, with aliases naming the fact's fields (snake_case and camelCase alike). */
    String query() {
        return "SELECT matricula_id AS id, nombre_nino AS child_name, sede AS \"campusId\", tutor AS GUARDIAN_NAME,"
                + " correo_tutor AS guardian_email, fecha_alta AS enrolled_on, fecha_inicio AS starts_on, estado AS status"
                + " FROM " + table + " ORDER BY matricula_id";
    }

    void upsert(List<Row> rows) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (matricula_id) DO UPDATE SET"
                        + " nombre_nino = EXCLUDED.nombre_nino, sede = EXCLUDED.sede, tutor = EXCLUDED.tutor,"
                        + " correo_tutor = EXCLUDED.correo_tutor, fecha_alta = EXCLUDED.fecha_alta,"
                        + " fecha_inicio = EXCLUDED.fecha_inicio, estado = EXCLUDED.estado")) {
            for (Row r : rows) {
                ps.setString(1, r.id());
                ps.setString(2, r.nombre());
                ps.setString(3, r.sede());
                ps.setString(4, r.tutor());
                ps.setString(5, r.correo());
                ps.setObject(6, r.alta());
                ps.setObject(7, r.inicio());
                ps.setString(8, r.estado());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void sql(String sql) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Row row(int n) {
        return new Row("M-" + String.format("%04d", n), "Niño " + n, "C" + (n % 3), "Tutor " + n, "tutor" + n + "@example.com",
                LocalDate.of(2023, 1, 2).plusDays(n % 20), LocalDate.of(2023, 3, 1).plusDays(n % 10), "ENROLLED");
    }
}
