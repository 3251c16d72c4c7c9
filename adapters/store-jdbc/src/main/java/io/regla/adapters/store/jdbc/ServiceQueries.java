package io.regla.adapters.store.jdbc;

import io.regla.rules.service.Granularity;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL behind the service dashboard (tables of V30); every window here is already cut at the two-year horizon. */
final class ServiceQueries {

    /** Rows of regla_service_agent_day summed (day null when over several days). agentId is '' for conversations without an agent. */
    record AgentDay(LocalDate day, String agentId, String channel, String agentName, long conversations, long successful,
                    long sales, BigDecimal revenue, long firstResponseSum, long firstResponseN, long resolutionSum,
                    long resolutionN) {
    }

    private final Jdbc jdbc;

    ServiceQueries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The window's aggregates summed per agent, channel and agent name ({@code day} null), earliest first: charts 1
     * to 4 and the alerts' first responses group them no finer. The window's whole months come from
     * regla_service_agent_month (V91), the days its ends cut from regla_service_agent_day: ~2,000 rows for two years
     * at any volume instead of ~60,000.
     */
    List<AgentDay> agentTotals(LocalDate from, LocalDate to) {
        return jdbc.call("read service aggregates per agent", c -> {
            List<AgentDay> out = new ArrayList<>();
            Whole.split(from, to, (a, b) -> totals(c, "regla_service_agent_day", "started_day", a, b, out),
                    (a, b) -> totals(c, "regla_service_agent_month", "month_start", a, b, out));
            return out;
        });
    }

    static void totals(Connection c, String table, String key, LocalDate from, LocalDate to, List<AgentDay> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, channel, agent_name, SUM(conversations),"
                + " SUM(successful), SUM(sales), SUM(revenue), SUM(first_response_sum), SUM(first_response_n),"
                + " SUM(resolution_sum), SUM(resolution_n) FROM " + table + " WHERE " + key + " BETWEEN ? AND ?"
                + " GROUP BY agent_id, channel, agent_name ORDER BY MIN(" + key + "), agent_id, channel")) {
            Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AgentDay(null, rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getBigDecimal(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11)));
                }
            }
        }
    }

    /**
     * Per value of {@code key} (a column of the agent aggregates; null: one group, "") and start day of the window:
     * {@code column} summed, where the sum is not 0. With {@code byMonth}, the window's whole months come summed
     * per month (keyed by the month's first day) from regla_service_agent_month.
     */
    Map<String, Map<LocalDate, Long>> perDay(String key, String column, LocalDate from, LocalDate to, boolean byMonth) {
        return jdbc.call("read service aggregates per day", c -> {
            Map<String, Map<LocalDate, Long>> out = new HashMap<>();
            Range days = (a, b) -> sums(c, "regla_service_agent_day", "started_day", key, column, a, b, out);
            if (byMonth) Whole.split(from, to, days, (a, b) -> sums(c, "regla_service_agent_month", "month_start", key, column, a, b, out));
            else days.read(from, to);
            return out;
        });
    }

    private static void sums(Connection c, String table, String day, String key, String column, LocalDate from, LocalDate to,
                             Map<String, Map<LocalDate, Long>> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + (key == null ? "''" : key) + ", " + day + ", SUM(" + column + ")"
                + " FROM " + table + " WHERE " + day + " BETWEEN ? AND ? GROUP BY " + (key == null ? "" : key + ", ") + day
                + " HAVING SUM(" + column + ") <> 0")) {
            Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), x -> new HashMap<>()).merge(rs.getDate(2).toLocalDate(), rs.getLong(3), Long::sum);
                }
            }
        }
    }

    /**
     * Per agent (not '') with conversations in the window: its busiest start day and that day's conversations (the
     * earliest of equally busy days): the busiest of the whole months' peaks (V91) and of the cut days.
     */
    Map<String, Map.Entry<LocalDate, Long>> peakDays(LocalDate from, LocalDate to) {
        return jdbc.call("read agents' busiest days", c -> {
            Map<String, Map.Entry<LocalDate, Long>> out = new HashMap<>();
            Whole.split(from, to, (a, b) -> ServiceAgentMonths.peaks(c, a, b, out), (a, b) -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, peak_day, conversations"
                        + " FROM regla_service_agent_peak_month WHERE month_start BETWEEN ? AND ?")) {
                    Jdbc.bind(ps, Date.valueOf(a), Date.valueOf(b));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) ServiceAgentMonths.busier(out, rs.getString(1), rs.getDate(2).toLocalDate(), rs.getLong(3));
                    }
                }
            });
            return out;
        });
    }

    /** Resolved conversations per closing day in [from, to], of conversations started on or after {@code horizon}. */
    Map<LocalDate, Long> resolvedPerDay(LocalDate from, LocalDate to, LocalDate horizon) {
        return jdbc.call("read resolutions", c -> {
            Map<LocalDate, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT closed_day, SUM(resolved) FROM regla_service_resolved_day"
                    + " WHERE closed_day BETWEEN ? AND ? AND started_day >= ? GROUP BY closed_day")) {
                Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to), Date.valueOf(horizon));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /**
     * Per agent ('' for none): median first response and median resolution, in seconds (NaN without values), within
     * {@link ResponseHistogram#RELATIVE_ERROR} of the exact ones: the window's whole months from the monthly
     * histograms, its other days from the daily ones (V80), a few thousand rows at most whatever the volume.
     */
    Map<String, double[]> medians(LocalDate from, LocalDate to) {
        Map<String, ResponseHistogram[]> sums = new HashMap<>();
        jdbc.call("read response-time histograms", c -> {
            Whole.split(from, to, (a, b) -> histograms(c, "regla_service_response_day", "started_day", a, b, sums),
                    (a, b) -> histograms(c, "regla_service_response_month", "month_start", a, b, sums));
            return null;
        });
        Map<String, double[]> out = new HashMap<>();
        ResponseHistogram[] all = {new ResponseHistogram(), new ResponseHistogram()};
        sums.forEach((agent, h) -> {
            out.put(agent, new double[]{h[0].median(), h[1].median()});
            all[0].add(h[0]);
            all[1].add(h[1]);
        });
        out.put(ALL_AGENTS, new double[]{all[0].median(), all[1].median()});
        return out;
    }

    /** The key of {@link #medians} and {@link #exactMedians} under which the window's medians over every agent are. */
    static final String ALL_AGENTS = "*";   // agent ids are UUIDs (or '' for none): never this

    /** Per agent ('' for none): the exact medians (PERCENTILE_CONT) from the conversations of the window; NaN without values. */
    Map<String, double[]> exactMedians(LocalDate from, LocalDate to) {
        return jdbc.call("read median response times", c -> {
            Map<String, double[]> out = new HashMap<>();
            String medians = " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY first_response_seconds),"
                    + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY resolution_seconds)"
                    + " FROM " + JdbcServiceRepository.CONVERSATION + " WHERE started_day BETWEEN ? AND ?";
            // per agent, then over every agent (ALL_AGENTS)
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(agent_id, '')," + medians
                    + " GROUP BY COALESCE(agent_id, '') UNION ALL SELECT ?," + medians)) {
                Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to), ALL_AGENTS, Date.valueOf(from), Date.valueOf(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double fr = rs.getDouble(2);
                        double fn = rs.wasNull() ? Double.NaN : fr;
                        double res = rs.getDouble(3);
                        double rn = rs.wasNull() ? Double.NaN : res;
                        out.put(rs.getString(1), new double[]{fn, rn});
                    }
                }
            }
            return out;
        });
    }

    private static void histograms(java.sql.Connection c, String table, String key, LocalDate from, LocalDate to,
                                   Map<String, ResponseHistogram[]> sums) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, first_response, resolution FROM " + table
                + " WHERE " + key + " BETWEEN ? AND ?")) {
            Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ResponseHistogram[] h = sums.computeIfAbsent(rs.getString(1), k -> new ResponseHistogram[]{new ResponseHistogram(), new ResponseHistogram()});
                    h[0].addEncoded(rs.getString(2));
                    h[1].addEncoded(rs.getString(3));
                }
            }
        }
    }

    /** The calendar months a window covers whole: the first's start, the last's start and its last day; null if none. */
    record Whole(LocalDate first, LocalDate lastStart, LocalDate end) {
        static Whole of(LocalDate from, LocalDate to) {
            LocalDate first = from.getDayOfMonth() == 1 ? from : Granularity.MONTH.next(Granularity.MONTH.periodStart(from));
            LocalDate afterLast = to.plusDays(1).getDayOfMonth() == 1 ? to.plusDays(1) : Granularity.MONTH.periodStart(to);
            return first.isBefore(afterLast) ? new Whole(first, afterLast.minusMonths(1), afterLast.minusDays(1)) : null;
        }

        /**
         * Reads [from, to] in date order: {@code days} over the days outside the window's whole months (all of it
         * when there are none), {@code months} over the whole months (the first's start to the last's start).
         */
        static void split(LocalDate from, LocalDate to, Range days, Range months) throws SQLException {
            Whole whole = of(from, to);
            if (whole == null) {
                days.read(from, to);
                return;
            }
            if (from.isBefore(whole.first)) days.read(from, whole.first.minusDays(1));
            months.read(whole.first, whole.lastStart);
            if (to.isAfter(whole.end)) days.read(whole.end.plusDays(1), to);
        }
    }

    /** A read of the days (or month starts) [from, to]. */
    interface Range {
        void read(LocalDate from, LocalDate to) throws SQLException;
    }

    /** rank -> status, as the rule set ranked them when it classified. */
    Map<Integer, String> statusByRank() {
        return jdbc.call("read status ranks", c -> {
            Map<Integer, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT status_rank, status FROM regla_service_status_rank");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getInt(1), rs.getString(2));
            }
            return out;
        });
    }

    /**
     * Per month in [from, to]: {customers active that month, of which seen in an earlier month since
     * {@code horizon}}. Months the window covers whole are read from V80's counts (a few hundred rows a month);
     * a month cut by the window's ends from the conversations of its days in the window.
     */
    Map<LocalDate, long[]> retention(LocalDate from, LocalDate to, LocalDate horizon) {
        Map<LocalDate, long[]> out = new HashMap<>();
        Whole whole = Whole.of(from, to);
        if (whole == null) return retentionOfDays(from, to, horizon);
        jdbc.call("read retention counts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT month_start, SUM(customers), SUM(CASE WHEN prev_day >= ?"
                    + " THEN customers ELSE 0 END) FROM regla_service_retention_month WHERE month_start BETWEEN ? AND ?"
                    + " GROUP BY month_start")) {
                Jdbc.bind(ps, Date.valueOf(horizon), Date.valueOf(whole.first), Date.valueOf(whole.lastStart));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getDate(1).toLocalDate(), new long[]{rs.getLong(2), rs.getLong(3)});
                }
            }
            return null;
        });
        if (from.isBefore(whole.first)) out.putAll(retentionOfDays(from, whole.first.minusDays(1), horizon));
        if (to.isAfter(whole.end)) out.putAll(retentionOfDays(whole.end.plusDays(1), to, horizon));
        return out;
    }

    /** The same from the customers per start day in [from, to] (V90). */
    private Map<LocalDate, long[]> retentionOfDays(LocalDate from, LocalDate to, LocalDate horizon) {
        return new ServiceStatusDays(jdbc).retention(from, to, horizon);
    }

    /** Conversations of the window without an agent: {id, channel, started at}. */
    List<Object[]> unassigned(LocalDate from, LocalDate to) {
        return jdbc.call("read unassigned conversations", c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, channel, started_at FROM " + JdbcServiceRepository.CONVERSATION
                    + " WHERE started_day BETWEEN ? AND ? AND agent_id IS NULL ORDER BY started_at, id")) {
                Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant at = rs.getObject(3, java.time.OffsetDateTime.class).toInstant();
                        out.add(new Object[]{rs.getString(1), rs.getString(2), at});
                    }
                }
            }
            return out;
        });
    }
}
