package io.regla.adapters.http.service;

import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartPoint;
import io.regla.rules.service.ChartSeries;
import io.regla.rules.service.Granularity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV export reads back to the chart's points: any text survives quoting, numbers are exact, formulas never run. */
class ChartCsvProperties {

    @Property
    void everyPointReadsBackFromTheCsv(@ForAll @Size(max = 12) List<String> xs,
                                       @ForAll @DoubleRange(min = -1e9, max = 1e9) double y) {
        List<ChartPoint> points = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            points.add(new ChartPoint(xs.get(i), y + i));
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("conversations", xs.size());
        Chart chart = new Chart(1, "t", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 30), Granularity.WEEK, totals,
                List.of(new ChartSeries("Conversaciones, atendidas", "bar", points)));

        List<List<String>> rows = parse(ChartCsv.write(chart));

        assertThat(rows.get(0)).containsExactly("series", "x", "y");
        assertThat(rows).hasSize(1 + points.size() + 1);
        for (int i = 0; i < points.size(); i++) {
            List<String> row = rows.get(1 + i);
            String x = points.get(i).x();
            assertThat(row.get(0)).isEqualTo("Conversaciones, atendidas");
            boolean formula = !x.isEmpty() && "=+-@".indexOf(x.charAt(0)) >= 0;
            assertThat(row.get(1)).isEqualTo(formula ? "'" + x : x);
            assertThat(new BigDecimal(row.get(2)).doubleValue()).isEqualTo(points.get(i).y());
        }
        assertThat(rows.get(rows.size() - 1)).containsExactly("total", "conversations", String.valueOf(xs.size()));
    }

    /** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; rows end in CRLF. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
