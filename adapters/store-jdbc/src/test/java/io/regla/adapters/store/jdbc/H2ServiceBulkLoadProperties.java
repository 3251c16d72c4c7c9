package io.regla.adapters.store.jdbc;

import io.regla.rules.service.demo.ContactCentreGenerator;
import io.regla.rules.service.importing.ImportReport;
import io.regla.rules.service.importing.ServiceImport;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's fast loader stores exactly what {@code regla service import} stores: for a generated contact
 * centre, every service table (conversations with their verdicts, sales, the per-day aggregates, the ranks) holds the
 * same rows whether the records went through the CSV files and the import or straight through
 * {@link JdbcServiceBulkLoad}.
 */
class H2ServiceBulkLoadProperties {

    /** Every service table and the columns that order its rows. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("regla_service_conversation", "id");
        TABLES.put("regla_service_sale", "id");
        TABLES.put("regla_service_agent_day", "started_day, agent_id, channel");
        TABLES.put("regla_service_resolved_day", "closed_day, started_day");
        TABLES.put("regla_service_status_rank", "status");
        TABLES.put("regla_service_response_day", "started_day, agent_id");
        TABLES.put("regla_service_response_month", "month_start, agent_id");
        TABLES.put("regla_service_customer_month", "customer_id, month_start");
        TABLES.put("regla_service_retention_month", "month_start, prev_day, customers");
        TABLES.put("regla_service_customer_number", "customer_id");
        TABLES.put("regla_service_status_day", "started_day");
        TABLES.put("regla_service_agent_month", "month_start, agent_id, channel, agent_name");
        TABLES.put("regla_service_agent_peak_month", "month_start, agent_id");
    }

    private static JdbcStore imported;
    private static JdbcStore bulk;

    private static synchronized JdbcStore[] stores() {
        if (imported == null) {
            imported = JdbcStore.h2(TestDatabases.tempDir("svc-import").resolve("regla"), Clock.systemUTC());
            bulk = JdbcStore.h2(TestDatabases.tempDir("svc-bulk").resolve("regla"), Clock.systemUTC());
        }
        return new JdbcStore[]{imported, bulk};
    }

    @Property(tries = 8)
    void bulkLoadEqualsTheImport(@ForAll @IntRange(min = 1, max = 600) int conversations, @ForAll long seed) throws Exception {
        JdbcStore[] s = stores();
        ServiceImportContract.clear(s[0]);
        ServiceImportContract.clear(s[1]);
        Clock clock = ServiceImportContract.CLOCK;
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        Path dir = TestDatabases.tempDir("svc-csv");
        ContactCentreGenerator.write(dir, seed, conversations, today);
        ImportReport report = new ServiceImport(ServiceImportContract.ENGINE, new JdbcServiceRepository(s[0]), clock)
                .run(dir.resolve("conversations.csv"), dir.resolve("sales.csv"));
        assertThat(report.rejections()).isEmpty();

        JdbcServiceBulkLoad load = new JdbcServiceBulkLoad(s[1], ServiceImportContract.ENGINE, clock.instant());
        ContactCentreGenerator.Result r = ContactCentreGenerator.generate(seed, conversations, today, load::conversation, load::sale);
        long[] loaded = load.finish();
        assertThat(loaded).containsExactly(r.conversations(), r.sales());
        assertThat(report.conversationsImported()).isEqualTo(r.conversations());

        for (var t : TABLES.entrySet()) {
            List<String> expected = rows(s[0], t.getKey(), t.getValue());
            assertThat(rows(s[1], t.getKey(), t.getValue())).as(t.getKey()).isEqualTo(expected);
            if (t.getKey().matches(".*(conversation|agent_day|response_day|customer_month|status_day|agent_month)")) assertThat(expected).as(t.getKey()).isNotEmpty();
        }
    }

    private static Object text(Object value) {
        return value instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : value;
    }

    /** Every row of a table as text, in key order. */
    static List<String> rows(JdbcStore store, String table, String order) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(rs.getMetaData().getColumnLabel(i)).append('=').append(text(rs.getObject(i))).append(';');
                out.add(b.toString());
            }
        }
        return out;
    }
}
