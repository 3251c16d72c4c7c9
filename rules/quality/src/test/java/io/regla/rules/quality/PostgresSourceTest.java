package io.regla.rules.quality;

import io.regla.rules.quality.contract.Contracts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A dataset read from PostgreSQL through a contract's JDBC query (driver from the class path, rows streamed). */
class PostgresSourceTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void checksAQueryOverPostgres(@TempDir Path dir) throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE venta (id_venta TEXT, cantidad INT, precio NUMERIC(10,2), monto NUMERIC(12,2), "
                    + "vendida_en TIMESTAMP WITH TIME ZONE, canal TEXT)");
            st.execute("INSERT INTO venta SELECT 'S' || lpad(g::text, 4, '0'), 2, 10.50, 21.00, "
                    + "timestamptz '2024-11-20 10:00:00-03' + g * interval '1 minute', 'WHATSAPP' FROM generate_series(1, 2500) g");
            st.execute("UPDATE venta SET monto = 25.00 WHERE id_venta = 'S0007'");
            st.execute("UPDATE venta SET canal = 'FAX' WHERE id_venta = 'S0100'");
            st.execute("UPDATE venta SET cantidad = NULL WHERE id_venta = 'S2500'");
        }
        Files.writeString(dir.resolve("sales.contract.yaml"), """
                dataset: sales
                source:
                  jdbc: %s
                  query: SELECT id_venta AS saleId, cantidad AS quantity, precio AS unitPrice, monto AS amount,
                         vendida_en AS soldAt, canal AS channel FROM venta ORDER BY id_venta
                key: [saleId]
                fields:
                  saleId:    {type: string, required: true, pattern: "^S[0-9]{4}$"}
                  quantity:  {type: integer, required: true, min: 1}
                  unitPrice: {type: decimal, required: true, min: 0}
                  amount:    {type: decimal, required: true, min: 0}
                  soldAt:    {type: datetime, required: true}
                  channel:   {type: string, enum: [WHATSAPP, WEB]}
                """.formatted(url));
        try (var engine = io.regla.core.Regla.builder().rulesDirectory(Path.of("")).build()) {
            CheckResult r = QualityCheck.builder(Contracts.load(dir)).rules(engine, java.util.List.of("quality"))
                    .at(java.time.Instant.parse("2026-03-01T00:00:00Z")).build().run();
            assertThat(r.dataset("sales").records()).isEqualTo(2500);
            assertThat(r.dataset("sales").findings()).isEqualTo(Map.of("REQUIRED", 1L, "ENUM", 1L, "SALE_AMOUNT_MISMATCH", 1L));
            assertThat(r.findings()).filteredOn(f -> f.check().equals("SALE_AMOUNT_MISMATCH"))
                    .singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("S0007"));
        }
    }
}
