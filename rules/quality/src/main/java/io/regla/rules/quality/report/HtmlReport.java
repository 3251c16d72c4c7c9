package io.regla.rules.quality.report;

import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.Finding;
import io.regla.rules.quality.check.Check;
import io.regla.rules.quality.check.DatasetResult;
import io.regla.rules.quality.check.FieldProfile;
import io.regla.rules.quality.history.QualityRun;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html}: one self-contained page (inline CSS, inline SVG charts, no script) in Spanish for the
 * client's IT team. Per dataset: the profile of every field, the findings by check with a few examples, a bar chart
 * of findings per field, and the history of recorded runs as a line chart. Values are already masked upstream.
 */
public final class HtmlReport {

    /** Examples shown per check and dataset. */
    public static final int EXAMPLES = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222;max-width:1100px}
            h1{font-size:1.6em}h2{border-bottom:2px solid #2471a3;padding-bottom:4px;margin-top:2em}h3{margin-top:1.4em}
            table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;
            font-size:.9em}th{background:#eef3f8}td.n{text-align:right}.ok{color:#239b56}.err{color:#c0392b;font-weight:600}
            .warn{color:#b9770e}.small{font-size:10px}svg.chart text{font-size:12px;fill:#333}.muted{color:#777}
            """;

    private HtmlReport() {
    }

    /** @param history recorded runs per dataset, oldest first (empty when nothing was recorded) */
    public static String render(CheckResult result, Map<String, List<QualityRun>> history) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Informe de calidad de datos</title>")
                .append("<style>").append(CSS).append("</style></head><body>");
        h.append("<h1>Informe de calidad de datos</h1><p class=\"muted\">Revisión del ")
                .append(Html.esc(DAY.format(result.at()))).append(" UTC. Los datos personales (nombres, correos, documentos) ")
                .append("aparecen enmascarados.</p>");
        summary(h, result);
        Map<String, List<Finding>> byDataset = new LinkedHashMap<>();
        for (Finding f : result.findings()) byDataset.computeIfAbsent(f.dataset(), k -> new ArrayList<>()).add(f);
        for (DatasetResult d : result.datasets()) {
            List<Finding> findings = byDataset.getOrDefault(d.dataset(), List.of());
            h.append("<h2 id=\"").append(Html.esc(d.dataset())).append("\">").append(Html.esc(d.dataset())).append("</h2>");
            h.append("<p>").append(d.records()).append(" registros leídos de ").append(Html.esc(d.source())).append("; ")
                    .append(d.total()).append(" hallazgos (").append(d.errors()).append(" ERROR, ").append(d.warnings())
                    .append(" WARNING).</p>");
            profile(h, d);
            findings(h, d, findings);
            perField(h, d, findings);
            history(h, d.dataset(), history.getOrDefault(d.dataset(), List.of()));
        }
        return h.append("</body></html>").toString();
    }

    private static void summary(StringBuilder h, CheckResult result) {
        List<String> checks = new ArrayList<>();
        for (DatasetResult d : result.datasets()) d.findings().keySet().forEach(c -> { if (!checks.contains(c)) checks.add(c); });
        checks.sort(Check::compare);
        h.append("<h2>Resumen</h2><table><tr><th>Conjunto de datos</th><th>Registros</th>");
        for (String c : checks) h.append("<th>").append(Html.esc(c)).append("</th>");
        h.append("<th>Total</th></tr>");
        for (DatasetResult d : result.datasets()) {
            h.append("<tr><td><a href=\"#").append(Html.esc(d.dataset())).append("\">").append(Html.esc(d.dataset()))
                    .append("</a></td><td class=\"n\">").append(d.records()).append("</td>");
            for (String c : checks) h.append("<td class=\"n\">").append(d.findings().getOrDefault(c, 0L)).append("</td>");
            h.append("<td class=\"n ").append(d.errors() > 0 ? "err" : d.warnings() > 0 ? "warn" : "ok").append("\">")
                    .append(d.total()).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void profile(StringBuilder h, DatasetResult d) {
        h.append("<h3>Perfil</h3><table><tr><th>Campo</th><th>Tipo</th><th>Con valor</th><th>Nulos</th><th>Inválidos</th>")
                .append("<th>Distintos</th><th>Mínimo</th><th>Máximo</th></tr>");
        for (FieldProfile p : d.profile()) {
            h.append("<tr><td>").append(Html.esc(p.field())).append("</td><td>").append(p.type()).append("</td><td class=\"n\">")
                    .append(p.values()).append("</td><td class=\"n\">").append(p.nulls()).append("</td><td class=\"n\">")
                    .append(p.invalid()).append("</td><td class=\"n\">").append(p.distinctExact() ? "" : "≈")
                    .append(p.distinct()).append("</td><td>").append(Html.esc(p.min())).append("</td><td>")
                    .append(Html.esc(p.max())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void findings(StringBuilder h, DatasetResult d, List<Finding> findings) {
        h.append("<h3>Hallazgos por verificación</h3>");
        if (findings.isEmpty()) {
            h.append("<p class=\"ok\">Sin hallazgos.</p>");
            return;
        }
        Map<String, List<Finding>> byCheck = new TreeMap<>(Check::compare);
        for (Finding f : findings) {
            List<Finding> l = byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>());
            if (l.size() < EXAMPLES) l.add(f);
        }
        for (Map.Entry<String, List<Finding>> e : byCheck.entrySet()) {
            long count = d.findings().getOrDefault(e.getKey(), 0L);
            h.append("<h4>").append(Html.esc(e.getKey())).append(": ").append(count).append("</h4>")
                    .append("<table><tr><th>Registro</th><th>Clave</th><th>Campo</th><th>Severidad</th><th>Mensaje</th></tr>");
            for (Finding f : e.getValue()) {
                h.append("<tr><td class=\"n\">").append(f.record()).append("</td><td>").append(Html.esc(f.key()))
                        .append("</td><td>").append(Html.esc(f.field())).append("</td><td class=\"")
                        .append(f.isError() ? "err" : "warn").append("\">").append(Html.esc(f.severity()))
                        .append("</td><td>").append(Html.esc(f.message())).append("</td></tr>");
            }
            h.append("</table>");
            if (count > e.getValue().size()) {
                h.append("<p class=\"muted\">… y ").append(count - e.getValue().size()).append(" más en findings.csv</p>");
            }
        }
    }

    private static void perField(StringBuilder h, DatasetResult d, List<Finding> findings) {
        if (findings.isEmpty()) return;
        Map<String, Long> perField = new LinkedHashMap<>();
        for (Finding f : findings) perField.merge(f.field() == null ? "(registro)" : f.field(), 1L, Long::sum);
        Map<String, Long> sorted = new LinkedHashMap<>();
        perField.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        h.append("<h3>Hallazgos por campo</h3>").append(Svg.bars(sorted, "Hallazgos por campo de " + d.dataset()));
    }

    private static void history(StringBuilder h, String dataset, List<QualityRun> runs) {
        h.append("<h3>Historia</h3>");
        if (runs.isEmpty()) {
            h.append("<p class=\"muted\">Sin revisiones registradas (use --record).</p>");
            return;
        }
        List<String> labels = new ArrayList<>();
        Map<String, List<Long>> series = new LinkedHashMap<>();
        series.put("hallazgos", new ArrayList<>());
        series.put("ERROR", new ArrayList<>());
        series.put("registros", new ArrayList<>());
        for (QualityRun r : runs) {
            labels.add(DAY.format(r.at()).substring(0, 10));
            series.get("hallazgos").add(r.total());
            series.get("ERROR").add(r.errors());
            series.get("registros").add(r.records());
        }
        h.append(Svg.lines(labels, series, "Historia de " + dataset));
    }
}
