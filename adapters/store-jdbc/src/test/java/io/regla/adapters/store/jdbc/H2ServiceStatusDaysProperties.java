package io.regla.adapters.store.jdbc;

import io.regla.rules.service.Granularity;
import io.regla.rules.service.demo.ContactCentreGenerator;
import io.regla.rules.service.importing.ConversationRecord;
import io.regla.rules.service.importing.SaleRecord;
import io.regla.rules.service.importing.ServiceImport;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chart 5's customers per day (V90, {@link ServiceStatusDays}) count exactly what the conversations say: for random
 * contact centres imported in two parts (the second adds conversations of customers already numbered, and new
 * ones), random windows (periods cut at both ends included) and every granularity, the customers per period and
 * highest rank, and over the whole window, equal the count over the conversation rows; so do chart 6's customers per
 * month and those seen in an earlier month since the two-year horizon (what a month cut by the window reads).
 */
class H2ServiceStatusDaysProperties {

    @Property(tries = 15)
    void customersPerPeriodAndRankEqualTheCountOverTheConversations(@ForAll @IntRange(min = 1, max = 300) int conversations,
                                                                   @ForAll long seed,
                                                                   @ForAll @IntRange(min = 0, max = 920) int fromDaysBack,
                                                                   @ForAll @IntRange(min = 0, max = 200) int length) throws SQLException {
        JdbcStore store = TestDatabases.h2();
        LocalDate today = importInTwoParts(store, seed, conversations);
        LocalDate from = today.minusDays(fromDaysBack);
        LocalDate to = from.plusDays(length);
        ServiceStatusDays days = new ServiceStatusDays(new Jdbc(store.dataSource()));
        for (Granularity g : Granularity.values()) {
            ServiceStatusDays.Counts counts = days.counts(from, to, g);
            assertThat(counts.byPeriod()).as("per %s", g).isEqualTo(fromConversations(store, from, to, g));
            assertThat(counts.whole()).as("whole window").isEqualTo(fromConversations(store, from, to, null).getOrDefault(from, Map.of()));
        }
        // chart 6's months cut by a window's ends: customers per month, and those seen in an earlier month since the horizon
        LocalDate horizon = today.minusYears(2);
        LocalDate cut = from.isBefore(horizon) ? horizon : from;
        if (!cut.isAfter(to)) {
            Map<LocalDate, List<Long>> retention = new HashMap<>();
            days.retention(cut, to, horizon).forEach((m, v) -> retention.put(m, List.of(v[0], v[1])));
            assertThat(retention).as("retention").isEqualTo(retentionFromConversations(store, cut, to, horizon));
        }
    }

    /** Chart 6's count over the conversation rows (what it ran before V90 for a cut month): {month -> [customers, recurring]}. */
    static Map<LocalDate, List<Long>> retentionFromConversations(JdbcStore store, LocalDate from, LocalDate to, LocalDate horizon) throws SQLException {
        String t = JdbcServiceRepository.CONVERSATION;
        Map<LocalDate, List<Long>> out = new HashMap<>();
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT m.month_start, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM "
                     + t + " e WHERE e.customer_id = m.customer_id AND e.started_day >= ? AND e.started_day < m.month_start)"
                     + " THEN 1 ELSE 0 END) FROM (SELECT DISTINCT month_start, customer_id FROM " + t
                     + " WHERE started_day BETWEEN ? AND ?) m GROUP BY m.month_start")) {
            Jdbc.bind(ps, Date.valueOf(horizon), Date.valueOf(from), Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getDate(1).toLocalDate(), List.of(rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    /**
     * Empties the service tables, then imports a generated contact centre in two parts (the second adds conversations
     * of customers already numbered, and new ones), each classified and aggregated as {@code regla service import}
     * does; returns the generator's today.
     */
    static LocalDate importInTwoParts(JdbcStore store, long seed, int conversations) {
        ServiceImportContract.clear(store);
        List<ConversationRecord> rows = new ArrayList<>();
        List<SaleRecord> sales = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(ServiceImportContract.CLOCK.instant(), ZoneOffset.UTC);
        ContactCentreGenerator.generate(seed, conversations, today, rows::add, sales::add);
        int half = rows.size() / 2;
        importPart(store, rows.subList(0, half), sales);
        importPart(store, rows.subList(half, rows.size()), sales);
        return today;
    }

    /** Imports {@code part} (with the sales of its conversations) and classifies it, as {@code regla service import}. */
    private static void importPart(JdbcStore store, List<ConversationRecord> part, List<SaleRecord> sales) {
        if (part.isEmpty()) return;
        JdbcServiceRepository repository = new JdbcServiceRepository(store);
        repository.upsertConversations(part);
        java.util.Set<String> ids = new java.util.HashSet<>();
        part.forEach(r -> ids.add(r.id()));
        repository.upsertSales(sales.stream().filter(s -> ids.contains(s.conversationId())).toList());
        new ServiceImport(ServiceImportContract.ENGINE, repository, ServiceImportContract.CLOCK)
                .classifyPending(ServiceImportContract.CLOCK.instant());
    }

    /**
     * The count over the conversation rows (what chart 5 ran before V90): customers per period and highest rank,
     * or over the whole window (a null granularity, keyed by {@code from}).
     */
    static Map<LocalDate, Map<Integer, Long>> fromConversations(JdbcStore store, LocalDate from, LocalDate to, Granularity g) throws SQLException {
        String period = g == null ? "CAST(? AS DATE)" : switch (g) {
            case DAY -> "started_day";
            case WEEK -> "week_start";
            case MONTH -> "month_start";
        };
        String sql = "SELECT p, r, COUNT(*) FROM (SELECT " + period + " p, customer_id, MAX(status_rank) r FROM "
                + JdbcServiceRepository.CONVERSATION + " WHERE started_day BETWEEN ? AND ? GROUP BY "
                + (g == null ? "customer_id" : period + ", customer_id") + ") x GROUP BY p, r";
        Map<LocalDate, Map<Integer, Long>> out = new HashMap<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (g == null) Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(from), Date.valueOf(to));
            else Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getDate(1).toLocalDate(), k -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3));
            }
        }
        return out;
    }
}
