package io.regla.adapters.store.jdbc;

import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartPoint;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.ChartSeries;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.demo.ContactCentreGenerator;
import io.regla.rules.service.importing.ConversationRecord;
import io.regla.rules.service.importing.SaleRecord;
import io.regla.rules.service.importing.ServiceImport;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the dashboard over generated contact centres (H2): the totals equal a model computed from the
 * records (so nothing older than two years is ever counted), withSale never exceeds conversations, and DAY, WEEK and
 * MONTH buckets sum to the same numbers.
 */
class H2ServiceDashboardProperties {

    @Property(tries = 12)
    void chartsAgreeWithAModelOfTheRecordsAndAcrossGranularities(@ForAll @IntRange(min = 1, max = 400) int conversations,
                                                                 @ForAll long seed,
                                                                 @ForAll @IntRange(min = 0, max = 950) int fromDaysBack,
                                                                 @ForAll @IntRange(min = 0, max = 120) int length) {
        JdbcStore store = TestDatabases.h2();
        ServiceImportContract.clear(store);
        JdbcServiceRepository repository = new JdbcServiceRepository(store);
        List<ConversationRecord> rows = new ArrayList<>();
        List<SaleRecord> sales = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(ServiceImportContract.CLOCK.instant(), ZoneOffset.UTC);
        ContactCentreGenerator.generate(seed, conversations, today, rows::add, sales::add);
        for (int i = 0; i < rows.size(); i += 100) repository.upsertConversations(rows.subList(i, Math.min(rows.size(), i + 100)));
        repository.upsertSales(sales);
        new ServiceImport(ServiceImportContract.ENGINE, repository, ServiceImportContract.CLOCK).classifyPending(ServiceImportContract.CLOCK.instant());
        JdbcServiceDashboard dashboard = new JdbcServiceDashboard(store, ServiceImportContract.ENGINE, ServiceImportContract.CLOCK);

        LocalDate from = today.minusDays(fromDaysBack);
        LocalDate to = from.plusDays(length);
        LocalDate horizon = today.minusYears(2);
        Map<String, BigDecimal> revenueOf = new HashMap<>();
        Map<String, Integer> salesOf = new HashMap<>();
        sales.forEach(s -> {
            revenueOf.merge(s.conversationId(), s.amount(), BigDecimal::add);
            salesOf.merge(s.conversationId(), 1, Integer::sum);
        });
        long counted = 0;
        long successful = 0;
        long resolved = 0;
        long salesCounted = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (ConversationRecord r : rows) {
            LocalDate day = LocalDate.ofInstant(r.startedAt(), ZoneOffset.UTC);
            boolean inHorizon = !day.isBefore(horizon);
            if (inHorizon && r.closedAt() != null && r.status().equals("RESUELTA")) {
                LocalDate closed = LocalDate.ofInstant(r.closedAt(), ZoneOffset.UTC);
                if (!closed.isBefore(from) && !closed.isAfter(to)) resolved++;
            }
            if (!inHorizon || day.isBefore(from) || day.isAfter(to)) continue;
            counted++;
            if ("GENERO_VENTA".equals(r.result()) || salesOf.containsKey(r.id())) successful++;
            salesCounted += salesOf.getOrDefault(r.id(), 0);
            revenue = revenue.add(revenueOf.getOrDefault(r.id(), BigDecimal.ZERO));
        }

        Map<String, List<Long>> firstResponses = new HashMap<>();
        Map<String, List<Long>> resolutions = new HashMap<>();
        for (ConversationRecord r : rows) {
            LocalDate day = LocalDate.ofInstant(r.startedAt(), ZoneOffset.UTC);
            if (day.isBefore(horizon) || day.isBefore(from) || day.isAfter(to)) continue;
            String agent = r.agentId() == null ? JdbcServiceDashboard.NO_AGENT : r.agentName();
            if (r.firstResponseSeconds() != null) firstResponses.computeIfAbsent(agent, k -> new ArrayList<>()).add(r.firstResponseSeconds());
            if (r.resolutionSeconds() != null) resolutions.computeIfAbsent(agent, k -> new ArrayList<>()).add(r.resolutionSeconds());
        }
        // chart 6: per month, the customers with a conversation in the window, and those seen in an earlier month
        java.util.Set<String> customerMonths = new java.util.HashSet<>();
        java.util.Set<String> recurringMonths = new java.util.HashSet<>();
        for (ConversationRecord r : rows) {
            LocalDate day = LocalDate.ofInstant(r.startedAt(), ZoneOffset.UTC);
            if (day.isBefore(horizon) || day.isBefore(from) || day.isAfter(to)) continue;
            LocalDate month = day.withDayOfMonth(1);
            customerMonths.add(month + r.customerId());
            boolean seen = rows.stream().anyMatch(e -> e.customerId().equals(r.customerId())
                    && !LocalDate.ofInstant(e.startedAt(), ZoneOffset.UTC).isBefore(horizon)
                    && LocalDate.ofInstant(e.startedAt(), ZoneOffset.UTC).isBefore(month));
            if (seen) recurringMonths.add(month + r.customerId());
        }
        assertThat(dashboard.chart(6, new ChartQuery(from, to, Granularity.WEEK)).totals())
                .containsEntry("customers", (long) customerMonths.size()).containsEntry("recurring", (long) recurringMonths.size());
        Chart c2 = dashboard.chart(2, new ChartQuery(from, to, Granularity.WEEK));
        assertMedians(c2.series().get(2), firstResponses, 0);
        assertMedians(c2.series().get(3), resolutions, 0);
        // the histograms a window of more than EXACT_MEDIANS_UP_TO conversations reads
        Chart approximate = new JdbcServiceDashboard(store, ServiceImportContract.ENGINE, ServiceImportContract.CLOCK, 0)
                .chart(2, new ChartQuery(from, to, Granularity.WEEK));
        assertMedians(approximate.series().get(2), firstResponses, ResponseHistogram.RELATIVE_ERROR);
        // the totals' medians over every agent: exact, and within the histograms' error
        assertOverallMedian(c2, "firstResponseMedianSeconds", firstResponses, 0);
        assertOverallMedian(c2, "resolutionMedianSeconds", resolutions, 0);
        assertOverallMedian(approximate, "firstResponseMedianSeconds", firstResponses, ResponseHistogram.RELATIVE_ERROR);
        assertOverallMedian(approximate, "resolutionMedianSeconds", resolutions, ResponseHistogram.RELATIVE_ERROR);
        assertMedians(approximate.series().get(3), resolutions, ResponseHistogram.RELATIVE_ERROR);

        for (Granularity g : Granularity.values()) {
            ChartQuery q = new ChartQuery(from, to, g);
            Chart c1 = dashboard.chart(1, q);
            assertThat(c1.totals()).containsEntry("conversations", counted).containsEntry("successful", successful);
            assertThat(sum(c1.series().get(0))).isEqualTo(counted);
            Chart c3 = dashboard.chart(3, q);
            assertThat((long) c3.totals().get("withSale")).isLessThanOrEqualTo((long) c3.totals().get("conversations"));
            assertThat(dashboard.chart(4, q).totals()).containsEntry("revenue", revenue.setScale(2, java.math.RoundingMode.HALF_UP));
            Chart c7 = dashboard.chart(7, q);
            assertThat(c7.totals()).containsEntry("started", counted).containsEntry("resolved", resolved);
            assertThat(sum(c7.series().get(0))).isEqualTo(counted);
            assertThat(sum(c7.series().get(1))).isEqualTo(resolved);
            Chart c8 = dashboard.chart(8, q);
            assertThat(c8.totals()).containsEntry("sales", salesCounted);
            assertThat(c8.series().stream().mapToLong(H2ServiceDashboardProperties::sum).sum()).isEqualTo(salesCounted);
            Chart c5 = dashboard.chart(5, q);
            long customers = (long) c5.totals().get("customers");
            assertThat(customers).isLessThanOrEqualTo(counted);
            // a customer counts once per period, so the per-period stacks hold at least the window's customers
            long stacked = c5.series().stream().mapToLong(H2ServiceDashboardProperties::sum).sum();
            assertThat(stacked).isGreaterThanOrEqualTo(customers);
            if (g == Granularity.DAY) assertThat(stacked).isLessThanOrEqualTo(counted);
            for (Chart c : List.of(c1, c3, c7, c8, c5)) {
                assertThat(c.series()).allSatisfy(s -> assertThat(s.points()).allSatisfy(p -> assertThat(p.y()).isGreaterThanOrEqualTo(0)));
            }
        }
    }

    /** Each agent's median within {@code error} of the exact one (and the chart's rounding to 0.1 s); 0 without values. */
    private static void assertOverallMedian(Chart chart, String key, Map<String, List<Long>> values, double error) {
        List<Long> all = values.values().stream().flatMap(List::stream).toList();
        double exact = all.isEmpty() ? 0 : ResponseHistogramProperties.exactMedian(all);
        double y = ((Number) chart.totals().get(key)).doubleValue();
        assertThat(Math.abs(y - exact)).as(key).isLessThanOrEqualTo(error * exact + 0.05 + 1e-9);
    }

    private static void assertMedians(ChartSeries series, Map<String, List<Long>> values, double error) {
        for (ChartPoint p : series.points()) {
            List<Long> v = values.get(p.x());
            double exact = v == null ? 0 : ResponseHistogramProperties.exactMedian(v);
            assertThat(Math.abs(p.y() - exact)).as(series.name() + " " + p.x())
                    .isLessThanOrEqualTo(error * exact + 0.05 + 1e-9);
        }
        assertThat(series.points().stream().map(ChartPoint::x).toList()).containsAll(values.keySet());
    }

    private static long sum(ChartSeries s) {
        return Math.round(s.points().stream().mapToDouble(ChartPoint::y).sum());
    }
}
