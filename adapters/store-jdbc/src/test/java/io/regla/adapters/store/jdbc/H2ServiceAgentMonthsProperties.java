package io.regla.adapters.store.jdbc;

import io.regla.adapters.store.jdbc.ServiceQueries.AgentDay;
import io.regla.rules.service.Granularity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly agent sums (V91) give what the per-day rows give: for random contact centres imported in two parts and
 * random windows (whole months and cut ends), the sums per agent and channel, the sums per channel and month and each
 * agent's busiest day equal the same computed from regla_service_agent_day alone.
 */
class H2ServiceAgentMonthsProperties {

    @Property(tries = 15)
    void monthsPlusCutDaysEqualTheDays(@ForAll @IntRange(min = 1, max = 300) int conversations, @ForAll long seed,
                                       @ForAll @IntRange(min = 0, max = 920) int fromDaysBack,
                                       @ForAll @IntRange(min = 0, max = 400) int length) throws Exception {
        JdbcStore store = TestDatabases.h2();
        LocalDate today = H2ServiceStatusDaysProperties.importInTwoParts(store, seed, conversations);
        LocalDate from = today.minusDays(fromDaysBack);
        LocalDate to = from.plusDays(length);
        Jdbc jdbc = new Jdbc(store.dataSource());
        ServiceQueries queries = new ServiceQueries(jdbc);

        List<AgentDay> days = new ArrayList<>();
        Map<String, Map.Entry<LocalDate, Long>> peaks = new HashMap<>();
        jdbc.call("read the days alone", (Connection c) -> {
            ServiceQueries.totals(c, "regla_service_agent_day", "started_day", from, to, days);
            ServiceAgentMonths.peaks(c, from, to, peaks);
            return null;
        });
        assertThat(sums(queries.agentTotals(from, to))).isEqualTo(sums(days));
        assertThat(queries.peakDays(from, to)).isEqualTo(peaks);
        for (String key : new String[]{null, "channel", "agent_id"}) {
            assertThat(byMonth(queries.perDay(key, "sales", from, to, true)))
                    .isEqualTo(byMonth(queries.perDay(key, "sales", from, to, false)));
            assertThat(byMonth(queries.perDay(key, "conversations", from, to, true)))
                    .isEqualTo(byMonth(queries.perDay(key, "conversations", from, to, false)));
        }
    }

    /** Per agent and channel: every sum, as text (the agent's name as the charts label it). */
    private static Map<String, String> sums(List<AgentDay> rows) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        for (AgentDay d : rows) {
            String name = d.agentName() == null || d.agentName().isBlank() ? "" : d.agentName();
            String k = d.agentId() + "|" + d.channel() + "|" + name;
            long[] v = counts.computeIfAbsent(k, x -> new long[7]);
            long[] add = {d.conversations(), d.successful(), d.sales(), d.firstResponseSum(), d.firstResponseN(), d.resolutionSum(), d.resolutionN()};
            for (int i = 0; i < v.length; i++) v[i] += add[i];
            revenue.merge(k, d.revenue(), BigDecimal::add);
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, java.util.Arrays.toString(v) + " " + revenue.get(k).stripTrailingZeros().toPlainString()));
        return out;
    }

    private static Map<String, Map<LocalDate, Long>> byMonth(Map<String, Map<LocalDate, Long>> perDay) {
        Map<String, Map<LocalDate, Long>> out = new TreeMap<>();
        perDay.forEach((k, days) -> days.forEach((d, n) -> out.computeIfAbsent(k, x -> new TreeMap<>())
                .merge(Granularity.MONTH.periodStart(d), n, Long::sum)));
        return out;
    }
}
