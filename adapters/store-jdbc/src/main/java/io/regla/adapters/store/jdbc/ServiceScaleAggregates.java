package io.regla.adapters.store.jdbc;

import io.regla.rules.service.Granularity;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rebuilds the aggregates of Flyway V80, V90 and V91 from the conversations (so a rebuild is idempotent whatever was
 * imported twice): chart 2's response-time histograms per day and per month, chart 5's customer statuses per day
 * ({@link ServiceStatusDays}), chart 6's customer months and their counts, the agents' months
 * ({@link ServiceAgentMonths}).
 * {@link JdbcServiceRepository#refreshAggregates()} calls it for the days and customers an import touched.
 */
final class ServiceScaleAggregates {

    /** Above this many touched customers, chart 6's tables are rebuilt whole (one statement each, not per chunk). */
    static final int WHOLE_REBUILD = 20_000;
    private static final String CONVERSATION = JdbcServiceRepository.CONVERSATION;
    private static final int IN_CHUNK = 500;

    private final Jdbc jdbc;

    ServiceScaleAggregates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Fills what a store migrated after its conversations were imported lacks (V80's, V90's or V91's tables empty while
     * conversations are stored), each part once, from the conversations; nothing when all are there.
     *
     * @return which parts it filled: {V80's histograms and customer months, V90's statuses, V91's agent months}
     */
    boolean[] fillMissing() {
        boolean[] empty = jdbc.call("check the service aggregates of V80, V90 and V91", c -> !exists(c, CONVERSATION) ? null
                : new boolean[]{!exists(c, "regla_service_customer_month"), !exists(c, "regla_service_status_day"),
                !exists(c, "regla_service_agent_month")});
        if (empty == null || !(empty[0] || empty[1] || empty[2])) return new boolean[3];
        LocalDate[] span = jdbc.call("read the service days", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(started_day), MAX(started_day) FROM " + CONVERSATION)) {
                rs.next();
                return new LocalDate[]{rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()};
            }
        });
        months(span[0], span[1], empty[0], empty[1], empty[2]);
        if (empty[0]) customers(null);
        return empty;
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            return rs.next();
        }
    }

    /**
     * Of the start days [from, to], the parts chosen: chart 2's histograms of the days and of the months they fall
     * in, chart 5's customer statuses of the days, the monthly agent sums of their months (from
     * regla_service_agent_day, which must be up to date); a month per transaction.
     */
    void months(LocalDate from, LocalDate to, boolean histograms, boolean statuses, boolean agents) {
        for (LocalDate m = Granularity.MONTH.periodStart(from); !m.isAfter(to); m = m.plusMonths(1)) {
            LocalDate month = m;
            LocalDate a = from.isAfter(m) ? from : m;
            LocalDate last = m.plusMonths(1).minusDays(1);
            LocalDate b = to.isBefore(last) ? to : last;
            jdbc.transaction("aggregate response times, customer statuses and agents' months " + a + ".." + b, c -> {
                if (histograms) {
                    days(c, a, b);
                    month(c, month, last);
                }
                if (statuses) ServiceStatusDays.rebuild(c, a, b);
                if (agents) ServiceAgentMonths.rebuild(c, month);
                return null;
            });
        }
    }

    private static void days(Connection c, LocalDate a, LocalDate b) throws SQLException {
        Map<LocalDate, Map<String, ResponseHistogram[]>> byDay = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT started_day, COALESCE(agent_id, ''), first_response_seconds,"
                + " resolution_seconds FROM " + CONVERSATION + " WHERE started_day BETWEEN ? AND ?")) {
            Jdbc.bind(ps, Date.valueOf(a), Date.valueOf(b));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ResponseHistogram[] h = byDay.computeIfAbsent(rs.getDate(1).toLocalDate(), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ResponseHistogram[]{new ResponseHistogram(), new ResponseHistogram()});
                    long first = rs.getLong(3);
                    if (!rs.wasNull()) h[0].add(first);
                    long resolution = rs.getLong(4);
                    if (!rs.wasNull()) h[1].add(resolution);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM regla_service_response_day WHERE started_day BETWEEN ? AND ?")) {
            Jdbc.bind(ps, Date.valueOf(a), Date.valueOf(b)).executeUpdate();
        }
        insert(c, "regla_service_response_day", "started_day", byDay);
    }

    /** The month's row per agent: the sum of its days' histograms. */
    private static void month(Connection c, LocalDate month, LocalDate last) throws SQLException {
        Map<String, ResponseHistogram[]> byAgent = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, first_response, resolution FROM regla_service_response_day"
                + " WHERE started_day BETWEEN ? AND ?")) {
            Jdbc.bind(ps, Date.valueOf(month), Date.valueOf(last));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ResponseHistogram[] h = byAgent.computeIfAbsent(rs.getString(1), k -> new ResponseHistogram[]{new ResponseHistogram(), new ResponseHistogram()});
                    h[0].addEncoded(rs.getString(2));
                    h[1].addEncoded(rs.getString(3));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM regla_service_response_month WHERE month_start = ?")) {
            Jdbc.bind(ps, Date.valueOf(month)).executeUpdate();
        }
        insert(c, "regla_service_response_month", "month_start", Map.of(month, byAgent));
    }

    private static void insert(Connection c, String table, String key, Map<LocalDate, Map<String, ResponseHistogram[]>> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + key + ", agent_id, first_response, resolution)"
                + " VALUES (?, ?, ?, ?)")) {
            for (var day : rows.entrySet()) {
                for (var agent : day.getValue().entrySet()) {
                    Jdbc.bind(ps, Date.valueOf(day.getKey()), agent.getKey(), agent.getValue()[0].encode(), agent.getValue()[1].encode());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * Chart 6's customer months of {@code customers} (null: of every customer) recomputed, then the counts of every
     * month whose customer months changed.
     */
    void customers(Collection<String> customers) {
        boolean whole = customers == null || customers.size() > WHOLE_REBUILD;
        String months = "SELECT month_start, customer_id, LAG(last_day) OVER (PARTITION BY customer_id ORDER BY month_start)"
                + " FROM (SELECT month_start, customer_id, MAX(started_day) last_day FROM " + CONVERSATION + "%s"
                + " GROUP BY month_start, customer_id) x";
        if (whole) {
            jdbc.transaction("rebuild the customer months", c -> {
                update(c, "DELETE FROM regla_service_customer_month");
                update(c, "INSERT INTO regla_service_customer_month (month_start, customer_id, prev_day) " + months.formatted(""));
                update(c, "DELETE FROM regla_service_retention_month");
                update(c, "INSERT INTO regla_service_retention_month (month_start, prev_day, customers)"
                        + " SELECT month_start, prev_day, COUNT(*) FROM regla_service_customer_month GROUP BY month_start, prev_day");
                return null;
            });
            return;
        }
        List<String> all = List.copyOf(customers);
        TreeSet<LocalDate> touched = new TreeSet<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            String in = " WHERE customer_id IN (" + JdbcServiceRepository.marks(chunk.size()) + ")";
            jdbc.transaction("aggregate " + chunk.size() + " customers' months", c -> {
                touched.addAll(monthsOf(c, in, chunk));
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM regla_service_customer_month" + in)) {
                    Jdbc.bind(ps, chunk.toArray()).executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_service_customer_month (month_start, customer_id,"
                        + " prev_day) " + months.formatted(in))) {
                    Jdbc.bind(ps, chunk.toArray()).executeUpdate();
                }
                touched.addAll(monthsOf(c, in, chunk));
                return null;
            });
        }
        if (touched.isEmpty()) return;
        jdbc.transaction("count " + touched.size() + " months' customers", c -> {
            for (LocalDate m : touched) {
                update(c, "DELETE FROM regla_service_retention_month WHERE month_start = ?", Date.valueOf(m));
                update(c, "INSERT INTO regla_service_retention_month (month_start, prev_day, customers) SELECT month_start,"
                        + " prev_day, COUNT(*) FROM regla_service_customer_month WHERE month_start = ? GROUP BY month_start, prev_day",
                        Date.valueOf(m));
            }
            return null;
        });
    }

    private static List<LocalDate> monthsOf(Connection c, String in, List<String> chunk) throws SQLException {
        List<LocalDate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT month_start FROM regla_service_customer_month" + in)) {
            Jdbc.bind(ps, chunk.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getDate(1).toLocalDate());
            }
        }
        return out;
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, values).executeUpdate();
        }
    }
}
