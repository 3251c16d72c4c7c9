package io.regla.examples.service;

import io.regla.rules.service.Chart;
import io.regla.rules.service.ServiceCharts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDemoTest {

    static double total(Chart c, String key) {
        return ((Number) c.totals().get(key)).doubleValue();
    }

    @Test
    void theContactCentreIsImportedWholeAndTheChartsAgreeWithEachOther(@TempDir Path dir) throws Exception {
        StringWriter text = new StringWriter();
        Clock clock = Clock.fixed(Instant.parse("2026-03-15T18:00:00Z"), ZoneOffset.UTC);
        ServiceDemo.Outcome o = new ServiceDemo().run(new PrintWriter(text, true), dir, clock);
        System.out.print(text);

        assertThat(o.imported().conversationsRead()).isEqualTo(ContactCentre.DEMO_CONVERSATIONS);
        assertThat(o.imported().rejections()).isEmpty();
        assertThat(o.imported().conversationsImported()).isEqualTo(ContactCentre.DEMO_CONVERSATIONS);
        for (Map<Integer, Chart> charts : java.util.List.of(o.recent(), o.twoYears())) {
            Chart c1 = charts.get(1), c3 = charts.get(3), c4 = charts.get(4), c7 = charts.get(7);
            assertThat(total(c3, "conversations")).isEqualTo(total(c1, "conversations")).isPositive();
            assertThat(total(c3, "withSale")).isEqualTo(total(c1, "successful")).isLessThanOrEqualTo(total(c3, "conversations"));
            assertThat(total(c7, "started")).isEqualTo(total(c1, "conversations"));
            assertThat(total(c4, "revenue")).isPositive();
        }
        // 2.5 years generated, 2 counted: roughly four fifths of the conversations are on the two-year charts
        double counted = total(o.twoYears().get(3), "conversations") / ContactCentre.DEMO_CONVERSATIONS;
        assertThat(counted).isBetween(0.7, 0.9);
        assertThat(total(o.recent().get(3), "conversations")).isLessThan(total(o.twoYears().get(3), "conversations") / 10);
        ServiceCharts.TITLES.values().forEach(title -> assertThat(text.toString()).contains(title));
        assertThat(text.toString()).contains("conversionRate=").contains("revenue=").contains("SYSTEM_ADMIN");
    }
}
