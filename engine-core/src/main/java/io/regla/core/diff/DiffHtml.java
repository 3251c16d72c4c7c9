package io.regla.core.diff;

import io.regla.api.FiredRule;
import io.regla.core.audit.MaskedJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


/**
 * {@code diff.html}: one self-contained page (inline CSS and SVG, no script, no network) an analyst can send
 * for approval: the summary, a bar chart of changes per action type and one of firings per rule, and the
 * example cases with both versions side by side. In Spanish, like the other reports users read.
 */
public final class DiffHtml {

    private static final String REMOVED = "#c0392b";
    private static final String ADDED = "#27ae60";
    private static final String CHANGED = "#e67e22";

    private DiffHtml() {
    }

    /** Writes {@code dir/diff.html} (creating {@code dir}) and returns its path. */
    public static Path write(DiffReport r, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("diff.html");
            Files.writeString(file, render(r), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the diff report in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static String render(DiffReport r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Comparación ")
                .append(esc(r.ruleSet())).append(' ').append(r.from()).append(" → ").append(r.to()).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                .append("td.n{text-align:right}.sbs{display:grid;grid-template-columns:1fr 1fr;gap:1em}")
                .append(".case{border:1px solid #ddd;border-radius:6px;padding:.8em;margin:1em 0}")
                .append("pre{white-space:pre-wrap;font-size:.85em;background:#f7f7f7;padding:.5em;margin:.3em 0}")
                .append(".rem{color:").append(REMOVED).append("}.add{color:").append(ADDED).append("}.chg{color:").append(CHANGED).append('}')
                .append(".legend span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}")
                .append("</style></head><body>");
        h.append("<h1>Comparación de versiones: ").append(esc(r.ruleSet())).append(' ').append(r.from()).append(" → ").append(r.to()).append("</h1>");
        h.append("<p>Ambas versiones decidieron cada caso con los mismos hechos, a la fecha ").append(esc(r.asOf().toString())).append(".</p>");
        h.append("<h2>Resumen</h2><table id=\"summary\">")
                .append(row("Casos", r.cases(), "cases"))
                .append(row("Sin cambios", r.unchanged(), "unchanged"))
                .append(row("Con cambios", r.changed(), "changed"))
                .append(row("Con error", r.failures().size(), "failed"))
                .append("</table>");
        h.append("<h2>Acciones por tipo</h2>");
        if (r.actions().isEmpty()) {
            h.append("<p>Ninguna acción cambia.</p>");
        } else {
            h.append("<table id=\"actions\"><tr><th>Acción</th><th>Quitadas (solo en ").append(r.from()).append(")</th><th>Nuevas (solo en ")
                    .append(r.to()).append(")</th><th>Cambiadas (misma clave)</th></tr>");
            r.actions().forEach((t, n) -> h.append("<tr data-type=\"").append(esc(t)).append("\"><td>").append(esc(t))
                    .append("</td><td class=\"n removed\">").append(n.removed()).append("</td><td class=\"n added\">").append(n.added())
                    .append("</td><td class=\"n changed\">").append(n.changed()).append("</td></tr>"));
            h.append("</table>");
            h.append(legend(new String[]{"quitadas", "nuevas", "cambiadas"}, new String[]{REMOVED, ADDED, CHANGED}));
            h.append(chart(r.actions().entrySet().stream().map(e -> new Bar(e.getKey(),
                    new int[]{e.getValue().removed(), e.getValue().added(), e.getValue().changed()})).toList(),
                    new String[]{REMOVED, ADDED, CHANGED}, "chart-actions"));
        }
        h.append("<h2>Disparos por regla</h2>");
        if (r.rules().isEmpty()) {
            h.append("<p>Ninguna regla dispara distinto.</p>");
        } else {
            h.append("<table id=\"rules\"><tr><th>Regla</th><th>Disparos que desaparecen (").append(r.from())
                    .append(")</th><th>Disparos que aparecen (").append(r.to()).append(")</th></tr>");
            r.rules().forEach((rule, n) -> h.append("<tr data-rule=\"").append(esc(rule)).append("\"><td>").append(esc(rule))
                    .append("</td><td class=\"n from\">").append(n.from()).append("</td><td class=\"n to\">").append(n.to()).append("</td></tr>"));
            h.append("</table>");
            h.append(legend(new String[]{"desaparecen", "aparecen"}, new String[]{REMOVED, ADDED}));
            h.append(chart(r.rules().entrySet().stream().map(e -> new Bar(e.getKey(),
                    new int[]{e.getValue().from(), e.getValue().to()})).toList(), new String[]{REMOVED, ADDED}, "chart-rules"));
        }
        h.append("<h2>Casos de ejemplo</h2>");
        if (r.examples().isEmpty()) h.append("<p>Sin ejemplos: ningún caso cambia.</p>");
        for (DiffReport.Example e : r.examples()) example(h, r, e);
        if (!r.failures().isEmpty()) {
            h.append("<h2>Casos con error</h2><ul>");
            r.failures().forEach(f -> h.append("<li>").append(esc(f.caseId())).append(": ").append(esc(f.error())).append("</li>"));
            h.append("</ul>");
        }
        return h.append("</body></html>").toString();
    }

    private static void example(StringBuilder h, DiffReport r, DiffReport.Example e) {
        CaseDiff d = e.diff();
        List<Object> facts = d.subject().facts();
        h.append("<div class=\"case\"><h3>").append(esc(d.subject().id())).append(" <small>")
                .append(esc(String.join(", ", e.kinds()))).append("</small></h3>");
        for (var a : d.removed()) h.append("<div class=\"rem\">− ").append(esc(MaskedJson.actions(List.of(a), facts).get(0).toString())).append("</div>");
        for (var a : d.added()) h.append("<div class=\"add\">+ ").append(esc(MaskedJson.actions(List.of(a), facts).get(0).toString())).append("</div>");
        for (var c : d.changed()) {
            h.append("<div class=\"chg\">~ ").append(esc(MaskedJson.actions(List.of(c.from()), facts).get(0).toString()))
                    .append(" → ").append(esc(MaskedJson.actions(List.of(c.to()), facts).get(0).toString())).append("</div>");
        }
        h.append("<div class=\"sbs\">");
        side(h, r.from().toString(), d.from().actions(), d.from().trace().firings(), facts);
        side(h, r.to().toString(), d.to().actions(), d.to().trace().firings(), facts);
        h.append("</div></div>");
    }

    private static void side(StringBuilder h, String version, List<io.regla.api.Action> actions, List<FiredRule> firings, List<Object> facts) {
        h.append("<div><h4>").append(esc(version)).append("</h4><b>Acciones</b><pre>");
        MaskedJson.actions(actions, facts).forEach(a -> h.append(esc(a.toString())).append('\n'));
        h.append("</pre><b>Reglas disparadas</b><pre>");
        MaskedJson.trace(firings, facts).forEach(f -> h.append(f.get("sequence").asInt()).append(". ").append(esc(f.get("rule").asText()))
                .append(" ").append(esc(f.get("facts").toString())).append('\n'));
        h.append("</pre></div>");
    }

    private record Bar(String label, int[] values) {
    }

    /** Horizontal grouped bars, one group per label, scaled to the largest value. */
    private static String chart(List<Bar> bars, String[] colours, String id) {
        int max = 1;
        for (Bar b : bars) for (int v : b.values()) max = Math.max(max, v);
        int barH = 14;
        int groupH = barH * colours.length + 10;
        int labelW = 260;
        int plotW = 480;
        int height = groupH * bars.size() + 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"").append(id).append("\" width=\"").append(labelW + plotW + 60)
                .append("\" height=\"").append(height).append("\" role=\"img\" style=\"font:12px sans-serif\">");
        int y = 5;
        for (Bar b : bars) {
            s.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + groupH / 2).append("\" text-anchor=\"end\">")
                    .append(esc(b.label())).append("</text>");
            for (int i = 0; i < b.values().length; i++) {
                int w = (int) Math.round((double) b.values()[i] * plotW / max);
                int by = y + i * barH;
                s.append("<rect x=\"").append(labelW).append("\" y=\"").append(by).append("\" width=\"").append(w)
                        .append("\" height=\"").append(barH - 2).append("\" fill=\"").append(colours[i]).append("\"/>")
                        .append("<text x=\"").append(labelW + w + 4).append("\" y=\"").append(by + barH - 4).append("\">")
                        .append(b.values()[i]).append("</text>");
            }
            y += groupH;
        }
        return s.append("</svg>").toString();
    }

    private static String legend(String[] names, String[] colours) {
        StringBuilder s = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < names.length; i++) {
            s.append("<span style=\"background:").append(colours[i]).append("\"></span>").append(names[i]);
        }
        return s.append("</div>").toString();
    }

    private static String row(String label, int n, String id) {
        return "<tr><th>" + label + "</th><td class=\"n\" id=\"" + id + "\">" + n + "</td></tr>";
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

}
