package io.regla.adapters.store.jdbc;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

/**
 * Flyway V91's monthly sums of regla_service_agent_day (and each agent's busiest day of the month), rebuilt from the
 * per-day rows of a month, so they hold whatever the days hold; {@link ServiceQueries} reads a window's whole months
 * here and the days its ends cut from the per-day rows.
 */
final class ServiceAgentMonths {

    private ServiceAgentMonths() {
    }

    /** The month's rows from its days' rows (in {@code c}'s transaction; the days must be up to date). */
    static void rebuild(Connection c, LocalDate month) throws SQLException {
        Date first = Date.valueOf(month);
        Date last = Date.valueOf(month.plusMonths(1).minusDays(1));
        for (String table : new String[]{"regla_service_agent_month", "regla_service_agent_peak_month"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE month_start = ?")) {
                Jdbc.bind(ps, first).executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_service_agent_month (month_start, agent_id, channel,"
                + " agent_name, conversations, successful, sales, revenue, first_response_sum, first_response_n, resolution_sum,"
                + " resolution_n) SELECT CAST(? AS DATE), agent_id, channel, COALESCE(agent_name, ''), SUM(conversations),"
                + " SUM(successful), SUM(sales), SUM(revenue), SUM(first_response_sum), SUM(first_response_n),"
                + " SUM(resolution_sum), SUM(resolution_n) FROM regla_service_agent_day WHERE started_day BETWEEN ? AND ?"
                + " GROUP BY agent_id, channel, COALESCE(agent_name, '')")) {
            Jdbc.bind(ps, first, first, last).executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_service_agent_peak_month (month_start, agent_id,"
                + " peak_day, conversations) SELECT CAST(? AS DATE), agent_id, started_day, n FROM (" + PEAKS + ") x WHERE k = 1")) {
            Jdbc.bind(ps, first, first, last).executeUpdate();
        }
    }

    /** Each agent's conversations per start day in [?, ?], numbered from the busiest (the earliest of equals first). */
    private static final String PEAKS = "SELECT agent_id, started_day, SUM(conversations) n, ROW_NUMBER() OVER"
            + " (PARTITION BY agent_id ORDER BY SUM(conversations) DESC, started_day) k FROM regla_service_agent_day"
            + " WHERE started_day BETWEEN ? AND ? AND agent_id <> '' GROUP BY agent_id, started_day";

    /** Each agent's busiest start day in [from, to] merged into {@code out} ({@link #busier}). */
    static void peaks(Connection c, LocalDate from, LocalDate to, Map<String, Map.Entry<LocalDate, Long>> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, started_day, n FROM (" + PEAKS + ") x WHERE k = 1")) {
            Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) busier(out, rs.getString(1), rs.getDate(2).toLocalDate(), rs.getLong(3));
            }
        }
    }

    /** Keeps the busier of {@code agent}'s peak in {@code out} and ({@code day}, {@code n}); the earlier day on a tie. */
    static void busier(Map<String, Map.Entry<LocalDate, Long>> out, String agent, LocalDate day, long n) {
        out.merge(agent, Map.entry(day, n), (a, b) -> a.getValue() > b.getValue()
                || (a.getValue().equals(b.getValue()) && a.getKey().isBefore(b.getKey())) ? a : b);
    }
}
