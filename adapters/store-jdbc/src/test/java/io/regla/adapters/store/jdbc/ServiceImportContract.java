package io.regla.adapters.store.jdbc;

import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartPoint;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.ChartSeries;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.ServiceAlert;
import io.regla.rules.service.importing.ImportReport;
import io.regla.rules.service.importing.Rejection;
import io.regla.rules.service.importing.ServiceImport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service import and dashboard against a real database (H2 and PostgreSQL subclasses). */
abstract class ServiceImportContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);
    static final RulesEngine ENGINE = Regla.builder().bundledRules().build();
    static final String CONV_HEADER = "conversation_id,customer_id,customer_name,started_at,closed_at,status,channel,"
            + "agent_id,agent_name,first_response_seconds,resolution_seconds,result,customer_status_after,agent_comments\n";
    static final String SALE_HEADER = "sale_id,product_id,product_name,conversation_id,quantity,unit_price,amount\n";

    abstract JdbcStore store();

    static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static void clear(JdbcStore store) {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("regla_service_sale", "regla_service_conversation", "regla_service_agent_day",
                    "regla_service_resolved_day", "regla_service_status_rank", "regla_service_response_day",
                    "regla_service_response_month", "regla_service_customer_month", "regla_service_retention_month",
                    "regla_service_setting", "regla_service_status_day", "regla_service_customer_number",
                    "regla_service_agent_month", "regla_service_agent_peak_month")) {
                s.executeUpdate("DELETE FROM " + t);
            }
            s.executeUpdate("UPDATE regla_service_customer_counter SET last_no = 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long rows(String table) {
        try (Connection c = store().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Path dir;
    JdbcServiceRepository repository;
    JdbcServiceDashboard dashboard;

    @BeforeEach
    void setUp() throws IOException {
        clear(store());
        dir = TestDatabases.tempDir("service");
        repository = new JdbcServiceRepository(store());
        dashboard = new JdbcServiceDashboard(store(), ENGINE, CLOCK);
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    ImportReport importFiles(Path conversations, Path sales) {
        return new ServiceImport(ENGINE, new JdbcServiceRepository(store()), CLOCK).run(conversations, sales);
    }

    static final String K1 = id("k1"), K2 = id("k2"), K3 = id("k3"), A1 = id("a1"), A2 = id("a2"), P1 = id("p1");

    Path conversations() throws IOException {
        return write("conversations.csv", CONV_HEADER
                + id("c1") + "," + K1 + ",Juana Pérez,2026-02-20T10:00:00-03:00,2026-02-20T10:30:00-03:00,RESUELTA,WhatsApp," + A1 + ",Ana,60,1800,GENERO_VENTA,CLIENTE_CON_VENTA,ok\n"
                + id("c2") + "," + K2 + ",Pedro Gómez,2026-02-21T10:00:00Z,2026-02-21T11:00:00Z,RESUELTA,Email," + A2 + ",Beto,600,3600,CERRADA_SIN_SOLUCION,INACTIVO,\"línea uno\nlínea dos\"\n"
                + "not-a-uuid," + K1 + ",Juana Pérez,2026-02-20T10:00:00Z,,ACTIVA,WhatsApp," + A1 + ",Ana,,,,,\n"
                + id("c4") + "," + K1 + ",Juana Pérez,2026-02-20T10:00:00Z,,ABIERTA,WhatsApp," + A1 + ",Ana,,,,,\n"
                + id("c5") + "," + K2 + ",Pedro Gómez,2026-02-20T10:00:00-03:00,2026-02-20T12:59:00Z,RESUELTA,Chat," + A1 + ",Ana,5,5,CERRADA_SIN_SOLUCION,INACTIVO,\n"
                + id("c6") + "," + K2 + ",Pedro Gómez,2026-02-20T10:00:00,,ACTIVA,Chat," + A1 + ",Ana,,,,,\n"
                + id("c7") + "," + K3 + ",Luz Díaz,2026-02-25T09:00:00Z,,ACTIVA,Chat,,,,,,,\n"
                + id("c1") + "," + K1 + ",Juana Pérez,2026-02-20T10:00:00-03:00,,ACTIVA,WhatsApp," + A1 + ",Ana,,,,,\n"
                // started more than two years before the clock's date: imported, never counted
                + id("old") + "," + K3 + ",Luz Díaz,2024-03-01T09:00:00Z,2024-03-01T10:00:00Z,RESUELTA,Chat," + A1 + ",Ana,10,3600,GENERO_VENTA,CLIENTE_CON_VENTA,\n");
    }

    Path sales() throws IOException {
        return write("sales.csv", SALE_HEADER
                + id("s1") + "," + P1 + ",Plan,"  + id("c1") + ",2,10.50,21.00\n"
                + id("s2") + "," + P1 + ",Plan," + id("c2") + ",1,99.99,99.99\n"
                + id("s3") + "," + P1 + ",Plan," + id("nowhere") + ",1,5,5\n"
                + id("s4") + "," + P1 + ",Plan," + id("c1") + ",3,10,30.02\n"
                + id("s5") + "," + P1 + ",Plan," + id("c4") + ",1,5,5\n");
    }

    @Test
    void rejectsEachBadRecordWithItsLineColumnAndCheckAndImportsTheRest() throws IOException {
        ImportReport r = importFiles(conversations(), sales());

        assertThat(r.rejections()).extracting(Rejection::file, Rejection::line, Rejection::column, Rejection::check).containsExactly(
                org.assertj.core.groups.Tuple.tuple("conversations.csv", 5L, "conversation_id", "FORMAT"),
                org.assertj.core.groups.Tuple.tuple("conversations.csv", 6L, "status", "ENUM"),
                org.assertj.core.groups.Tuple.tuple("conversations.csv", 7L, "closed_at", "CLOSED_BEFORE_STARTED"),
                org.assertj.core.groups.Tuple.tuple("conversations.csv", 8L, "started_at", "PATTERN"),
                org.assertj.core.groups.Tuple.tuple("conversations.csv", 10L, "conversation_id", "DUPLICATE_KEY"),
                org.assertj.core.groups.Tuple.tuple("sales.csv", 4L, "conversation_id", "ORPHAN_REFERENCE"),
                org.assertj.core.groups.Tuple.tuple("sales.csv", 5L, "amount", "SALE_AMOUNT_MISMATCH"),
                org.assertj.core.groups.Tuple.tuple("sales.csv", 6L, "conversation_id", ServiceImport.CONVERSATION_REJECTED));
        assertThat(r.rejections()).allSatisfy(x -> assertThat(x.message()).doesNotContain("Juana", "Pedro"));
        assertThat(r.conversationsRead()).isEqualTo(9);
        assertThat(r.conversationsImported()).isEqualTo(4);
        assertThat(r.salesRead()).isEqualTo(5);
        assertThat(r.salesImported()).isEqualTo(2);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(rows("regla_service_conversation")).isEqualTo(4);
        assertThat(rows("regla_service_sale")).isEqualTo(2);
    }

    @Test
    void importingTheSameFilesAgainChangesNothing() throws IOException {
        importFiles(conversations(), sales());
        Chart before = dashboard.chart(1, window(Granularity.DAY));
        ImportReport again = importFiles(conversations(), sales());

        assertThat(again.conversationsImported()).isEqualTo(4);
        assertThat(rows("regla_service_conversation")).isEqualTo(4);
        assertThat(rows("regla_service_sale")).isEqualTo(2);
        assertThat(dashboard.chart(1, window(Granularity.DAY))).isEqualTo(before);
    }

    @Test
    void daysAreDatesInTheZoneTheFirstImportChoseAndAnotherZoneIsRefused() throws IOException {
        java.time.ZoneId buenosAires = java.time.ZoneId.of("America/Argentina/Buenos_Aires");
        // 22:30 in Buenos Aires on the 27th is 01:30 UTC on the 28th
        Path c = write("conversations.csv", CONV_HEADER
                + id("late") + "," + K1 + ",Juana Pérez,2026-02-27T22:30:00-03:00,2026-02-27T23:00:00-03:00,RESUELTA,WhatsApp," + A1 + ",Ana,60,1800,CERRADA_SIN_SOLUCION,INTERESADO,\n");
        Path s = write("sales.csv", SALE_HEADER);
        ImportReport r = new ServiceImport(ENGINE, new JdbcServiceRepository(store(), buenosAires), CLOCK).run(c, s);
        assertThat(r.exitCode()).isZero();

        assertThat(dashboard.zone()).isEqualTo(buenosAires);
        ChartQuery days = new ChartQuery(LocalDate.parse("2026-02-27"), LocalDate.parse("2026-02-28"), Granularity.DAY);
        assertThat(dashboard.chart(7, days).series().get(0).points()).containsExactly(
                new ChartPoint("2026-02-27", 1), new ChartPoint("2026-02-28", 0));
        assertThat(dashboard.chart(7, days).series().get(1).points()).containsExactly(
                new ChartPoint("2026-02-27", 1), new ChartPoint("2026-02-28", 0));
        assertThat(new JdbcServiceRepository(store()).zone()).isEqualTo(buenosAires);
        assertThat(JdbcServiceRepository.keepingZone(store(), ZoneOffset.UTC).zone()).isEqualTo(buenosAires);
        assertThatThrownBy(() -> new JdbcServiceRepository(store(), ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zone").hasMessageContaining("America/Argentina/Buenos_Aires");
    }

    @Test
    void aStoreWithoutTheV80AggregatesGetsThemWhenADashboardOpensIt() throws IOException {
        importFiles(conversations(), sales());
        Chart retention = dashboard.chart(6, window(Granularity.MONTH));
        Chart medians = new JdbcServiceDashboard(store(), ENGINE, CLOCK, 0).chart(2, window(Granularity.MONTH));
        try (Connection c = store().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("regla_service_response_day", "regla_service_response_month", "regla_service_customer_month",
                    "regla_service_retention_month")) {
                s.executeUpdate("DELETE FROM " + t);
            }
            s.executeUpdate("UPDATE regla_service_customer_counter SET last_no = 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        JdbcServiceDashboard reopened = new JdbcServiceDashboard(store(), ENGINE, CLOCK, 0);
        assertThat(rows("regla_service_customer_month")).isPositive();
        assertThat(reopened.chart(6, window(Granularity.MONTH))).isEqualTo(retention);
        assertThat(reopened.chart(2, window(Granularity.MONTH))).isEqualTo(medians);
        assertThat((long) retention.totals().get("customers")).isPositive();
    }

    @Test
    void chart6IsMonthlyWhateverTheRequestedGranularityWhichItEchoes() throws IOException {
        importFiles(conversations(), sales());
        for (Granularity g : Granularity.values()) {
            Chart c6 = dashboard.chart(6, window(g));
            assertThat(c6.granularity()).isEqualTo(g);   // the filter's; the points are months
            assertThat(c6.series()).allSatisfy(series -> assertThat(series.points()).extracting(ChartPoint::x)
                    .containsExactly("2026-02-01", "2026-03-01"));
        }
    }

    static ChartQuery window(Granularity g) {
        return new ChartQuery(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-02"), g);
    }

    @Test
    void chartsCountWhatWasImportedAsTheIssueFixesTheirTotals() throws IOException {
        importFiles(conversations(), sales());
        ChartQuery q = window(Granularity.WEEK);

        Chart c1 = dashboard.chart(1, q);
        assertThat(c1.totals()).containsEntry("conversations", 3L).containsEntry("successful", 2L);   // c1 by result, c2 by its sale
        assertThat(c1.title()).isEqualTo("Rendimiento de los agentes por volumen de conversaciones");
        assertThat(c1.series().get(0).points()).containsExactly(new ChartPoint("Ana", 1), new ChartPoint("Beto", 1),
                new ChartPoint(JdbcServiceDashboard.NO_AGENT, 1));
        Chart c3 = dashboard.chart(3, q);
        assertThat(c3.totals()).containsEntry("conversations", 3L).containsEntry("withSale", 2L).containsEntry("conversionRate", 0.6667);
        assertThat(dashboard.chart(4, q).totals()).containsEntry("revenue", new BigDecimal("120.99"));
        Chart c2 = dashboard.chart(2, q);
        assertThat(c2.series().get(0).points()).contains(new ChartPoint("Ana", 60), new ChartPoint("Beto", 600));
        assertThat(c2.series().get(3).points()).contains(new ChartPoint("Beto", 3600));
        Chart c5 = dashboard.chart(5, q);
        assertThat(c5.totals()).containsEntry("customers", 3L).containsEntry("CONVERTIDO", 2L).containsEntry("EN_SEGUIMIENTO", 1L);
        // chart 7 is daily activity whatever was asked (issue 12: "line with points per day")
        Chart c7 = dashboard.chart(7, window(Granularity.MONTH));
        assertThat(c7.granularity()).isEqualTo(Granularity.MONTH);   // the filter's; the points are days
        assertThat(c7.totals()).containsEntry("started", 3L).containsEntry("resolved", 2L);
        assertThat(c7.series().get(0).points()).hasSize((int) (window(Granularity.DAY).to().toEpochDay() - window(Granularity.DAY).from().toEpochDay() + 1))
                .filteredOn(p -> p.y() > 0).containsExactly(new ChartPoint("2026-02-20", 1), new ChartPoint("2026-02-21", 1), new ChartPoint("2026-02-25", 1));
        Chart c8 = dashboard.chart(8, q);
        assertThat(c8.totals()).containsEntry("sales", 2L);
        assertThat(c8.series()).extracting(ChartSeries::name).containsExactly("Email", "WhatsApp");
        Chart c6 = dashboard.chart(6, q);
        assertThat(c6.granularity()).isEqualTo(Granularity.WEEK);
        assertThat(c6.totals()).containsEntry("customers", 3L).containsEntry("recurring", 0L);

        assertThat(dashboard.alerts(ServiceAlert.SYSTEM_ADMIN, q)).extracting(ServiceAlert::code, ServiceAlert::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CONVERSATION_WITHOUT_AGENT", id("c7")));
        // Ana answers WhatsApp in 60 s (limit 300), Beto e-mail in 600 s (limit 14,400); nobody has 20 conversations
        assertThat(dashboard.alerts(ServiceAlert.SUPERVISOR, q)).isEmpty();
    }

    @Test
    void nothingOlderThanTwoYearsIsCountedWhateverTheWindow() throws IOException {
        importFiles(conversations(), sales());
        ChartQuery all = new ChartQuery(LocalDate.parse("2023-01-01"), LocalDate.parse("2026-03-02"), Granularity.MONTH);
        assertThat(dashboard.chart(1, all).totals()).containsEntry("conversations", 3L);
        ChartQuery onlyOld = new ChartQuery(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-01"), Granularity.DAY);
        assertThat(dashboard.chart(7, onlyOld).totals()).containsEntry("started", 0L).containsEntry("resolved", 0L);
        assertThat(dashboard.chart(3, onlyOld).totals()).containsEntry("conversations", 0L).containsEntry("conversionRate", 0.0);
    }

    @Test
    void aSaleOfAConversationAlreadyStoredIsNoOrphanAndMakesItSuccessful() throws IOException {
        importFiles(conversations(), write("none.csv", SALE_HEADER));
        assertThat(dashboard.chart(3, window(Granularity.WEEK)).totals()).containsEntry("withSale", 1L);

        ImportReport r = importFiles(write("empty.csv", CONV_HEADER),
                write("later.csv", SALE_HEADER + id("s9") + "," + P1 + ",Plan," + id("c2") + ",1,10,10\n"));

        assertThat(r.rejections()).isEmpty();
        assertThat(r.classified()).isEqualTo(1);
        assertThat(dashboard.chart(3, window(Granularity.WEEK)).totals()).containsEntry("withSale", 2L);
    }

    @Test
    void secondsWrittenAsDecimalsAreNumericAndRoundedNotRejected() throws IOException {
        // a data-frame tool writes a numeric column with blanks (an active conversation's resolution) as 3600.0
        Path c = write("conversations.csv", CONV_HEADER
                + id("d1") + "," + K1 + ",Juana Pérez,2026-02-20T10:00:00Z,2026-02-20T11:00:00Z,RESUELTA,WhatsApp," + A1 + ",Ana,60.0,3600.0,GENERO_VENTA,CLIENTE_CON_VENTA,\n"
                + id("d2") + "," + K2 + ",Pedro Gómez,2026-02-21T10:00:00Z,,ACTIVA,WhatsApp," + A1 + ",Ana,12.5,,,INTERESADO,\n"
                + id("d3") + "," + K2 + ",Pedro Gómez,2026-02-21T10:00:00Z,,ACTIVA,WhatsApp," + A1 + ",Ana,-1.0,,,INTERESADO,\n");
        ImportReport r = importFiles(c, write("none.csv", SALE_HEADER));

        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.column()).isEqualTo("first_response_seconds");
        });
        assertThat(r.conversationsImported()).isEqualTo(2);
        Chart c2 = dashboard.chart(2, window(Granularity.WEEK));
        // (60 + 13) / 2 = 36.5 s; resolution 3600 s
        assertThat(c2.totals()).containsEntry("firstResponseMeanSeconds", 36.5).containsEntry("resolutionMeanSeconds", 3600.0)
                .containsEntry("firstResponseMedianSeconds", 36.5).containsEntry("resolutionMedianSeconds", 3600.0);
    }

    @Test
    void aSaleOfAStoredConversationWithAWrongAmountIsRejectedForTheAmountOnly() throws IOException {
        importFiles(conversations(), write("none.csv", SALE_HEADER));

        ImportReport r = importFiles(write("empty.csv", CONV_HEADER),
                write("later.csv", SALE_HEADER + id("s8") + "," + P1 + ",Plan," + id("c2") + ",2,10,20.02\n"));

        // the conversation is in the store: the reason is the amount, not an orphan reference that is not one
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.check()).isEqualTo("SALE_AMOUNT_MISMATCH");
            assertThat(x.line()).isEqualTo(2);
        });
        assertThat(rows("regla_service_sale")).isZero();
    }

    @Test
    void aFileWithoutAColumnIsAnErrorNamingFileAndLineAndImportsNothing() throws IOException {
        Path bad = write("bad.csv", "conversation_id,customer_id\n" + id("x") + "," + K1 + "\n");
        assertThatThrownBy(() -> importFiles(bad, sales())).hasMessageContaining("bad.csv:1").hasMessageContaining("customer_name");
        assertThat(rows("regla_service_conversation")).isZero();
    }

    @Test
    void chartNumbersOutsideOneToEightAreRefused() {
        assertThatThrownBy(() -> dashboard.chart(9, window(Granularity.DAY))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 8");
        assertThatThrownBy(() -> dashboard.alerts("MANAGER", window(Granularity.DAY))).isInstanceOf(IllegalArgumentException.class);
    }
}
