package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.rules.loyalty.ledger.StatementLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's {@code reconciliation.json}, {@code rejects.csv} (every rejected row with its check) and
 * {@code report.html} (totals side by side, the drift distribution, rejects by check, the drifted members'
 * replayed statements and a sample of statements per tier). Spanish for the business; no personal data.
 */
public final class MigrationReport {

    private static final Locale ES_AR = Locale.forLanguageTag("es-AR");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private MigrationReport() {
    }

    public static void write(Path dir, MigrationResult r, MigrationStore store) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("reconciliation.json"), r.reconciliationJson(), StandardCharsets.UTF_8);
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("rejects.csv"), StandardCharsets.UTF_8)) {
                w.write("file,line,record_id,check,detail");
                w.newLine();
                IOException[] failed = {null};
                store.rejects(x -> {
                    try {
                        w.write(Csv.line(x.file().fileName(), x.line(), x.recordId(), x.check(), x.detail()));
                        w.newLine();
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                });
                if (failed[0] != null) throw failed[0];
            }
            Files.writeString(dir.resolve("report.html"), html(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the migration report in " + dir + ": " + e.getMessage(), e);
        }
    }

    static String html(MigrationResult r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Migración del CRM de puntos</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}th{background:#eee}td.l,th.l{text-align:left}")
                .append(".bar{display:inline-block;height:1em;background:#4a7fb5}.row{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}.bad{color:#b00}</style></head><body>");
        b.append("<h1>Migración del CRM de puntos</h1><p>Corte: ").append(local(r.cutover(), r.zone())).append(" (").append(esc(r.zone().getId()))
                .append(", ").append(r.cutover().atZone(r.zone()).getOffset()).append("; ").append(r.cutover()).append("). ")
                .append(r.complete() ? "Completitud: todo cuadra." : "<span class=\"bad\">Completitud: hay diferencias.</span>")
                .append("</p>");
        b.append("<h2>Totales: legado y migrado</h2><table><tr><th class=\"l\">Archivo</th><th>Legado</th><th>Migrados</th><th>Rechazados</th>")
                .append("<th class=\"l\">Control total</th><th>Total legado</th><th>Total migrado</th><th>Total rechazado</th><th>Cuadra</th></tr>");
        for (LegacyFile f : LegacyFile.values()) {
            MigrationResult.FileCounts c = r.files().get(f);
            b.append("<tr><td class=\"l\">").append(f.fileName()).append("</td><td>").append(count(c.legacy())).append("</td><td>")
                    .append(count(c.migrated())).append("</td><td>").append(count(c.rejected())).append("</td><td class=\"l\">")
                    .append(controlTotal(f)).append("</td><td>").append(total(f, c.legacySum())).append("</td><td>")
                    .append(total(f, c.migratedSum())).append("</td><td>").append(total(f, c.rejectedSum())).append("</td><td>")
                    .append(c.complete() ? "sí" : "<span class=\"bad\">no</span>").append("</td></tr>");
        }
        b.append("</table><p>Líneas del legado ni migradas ni rechazadas: ").append(count(r.unaccountedLines())).append("</p>");
        profile(b, r.profile());
        b.append("<h2>Rechazos por control</h2>");
        bars(b, r.rejects());
        b.append("<p>El detalle de cada rechazo está en rejects.csv.</p>");
        b.append("<h2>Verificación de saldos</h2><p>Saldo del CRM al corte contra el saldo que dan las reglas vigentes en cada fecha ")
                .append("sobre la historia del socio. El saldo de apertura migrado es el del CRM; cada diferencia es un hallazgo para el negocio.</p>");
        Map<String, Long> counts = r.balanceCounts();
        bars(b, counts);
        b.append("<table><tr><th class=\"l\">Clase</th><th>Socios</th><th>Puntos (CRM − reglas)</th></tr>");
        r.balances().counts().forEach((k, v) -> b.append("<tr><td class=\"l\">").append(k).append("</td><td>").append(count(v)).append("</td><td>")
                .append(count(r.balances().driftPoints().getOrDefault(k, 0L))).append("</td></tr>"));
        b.append("</table><h3>Distribución de las diferencias (puntos)</h3>");
        bars(b, r.balances().histogram());
        b.append("<h3>Mayores diferencias, con el extracto recalculado como evidencia</h3><p>Fechas en hora local (")
                .append(esc(r.zone().getId())).append(").</p>");
        for (BalanceFinding f : r.balances().topDrifts()) statement(b, f, r.balances().statements().get(f.memberId()), r.zone());
        b.append("<h2>Muestra estratificada de extractos por categoría</h2>");
        r.balances().sample().forEach((tier, list) -> {
            b.append("<h3>").append(esc(tier)).append("</h3>");
            list.forEach(f -> statement(b, f, r.balances().statements().get(f.memberId()), r.zone()));
        });
        b.append("<h2>Tiempos por etapa (ms)</h2>");
        bars(b, r.millisByStage());
        return b.append("</body></html>\n").toString();
    }

    /**
     * The control totals the business signs off before the load, each as a table (counts and amounts side by side):
     * members per tier and status, the CRM's balances, transactions per category and month, and what the checks found.
     */
    private static void profile(StringBuilder b, ExportProfile p) {
        b.append("<h2>Perfil antes de migrar</h2><div class=\"row\">");
        counts(b, "Categoría", "Socios", p.membersByTier());
        counts(b, "Estado", "Socios", p.membersByStatus());
        b.append("</div><p>Suma de saldos del CRM: ").append(count(p.balanceSum())).append(" puntos.</p><div class=\"row\">");
        amounts(b, "Rubro", p.transactionsByCategory(), p.amountByCategory());
        amounts(b, "Mes", p.transactionsByMonth(), p.amountByMonth());
        b.append("</div><h3>Hallazgos antes de migrar</h3><div class=\"row\">");
        findings(b, "Contratos del export (calidad)", "Conjunto", p.contractFindings());
        findings(b, "Controles por registro", "Archivo", p.findings());
        b.append("</div>");
    }

    private static void counts(StringBuilder b, String what, String unit, Map<String, Long> values) {
        b.append("<table><tr><th class=\"l\">").append(esc(what)).append("</th><th>").append(esc(unit)).append("</th></tr>");
        values.forEach((k, v) -> b.append("<tr><td class=\"l\">").append(esc(k)).append("</td><td>").append(count(v)).append("</td></tr>"));
        b.append("<tr><th class=\"l\">Total</th><th>").append(count(values.values().stream().mapToLong(Long::longValue).sum()))
                .append("</th></tr></table>");
    }

    private static void amounts(StringBuilder b, String what, Map<String, Long> counts, Map<String, BigDecimal> amounts) {
        b.append("<table><tr><th class=\"l\">").append(esc(what)).append("</th><th>Transacciones</th><th>Importe</th></tr>");
        counts.forEach((k, v) -> b.append("<tr><td class=\"l\">").append(esc(k)).append("</td><td>").append(count(v)).append("</td><td>")
                .append(amount(amounts.getOrDefault(k, BigDecimal.ZERO))).append("</td></tr>"));
        b.append("<tr><th class=\"l\">Total</th><th>").append(count(counts.values().stream().mapToLong(Long::longValue).sum()))
                .append("</th><th>").append(amount(amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))).append("</th></tr></table>");
    }

    /** Findings keyed {@code file:CHECK} (or {@code dataset:CHECK}), one row each; "ninguno" when there are none. */
    private static void findings(StringBuilder b, String title, String where, Map<String, Long> values) {
        b.append("<table><tr><th class=\"l\" colspan=\"3\">").append(esc(title)).append("</th></tr><tr><th class=\"l\">").append(esc(where))
                .append("</th><th class=\"l\">Control</th><th>Registros</th></tr>");
        if (values.isEmpty()) b.append("<tr><td class=\"l\" colspan=\"3\">ninguno</td></tr>");
        values.forEach((k, v) -> {
            int colon = k.indexOf(':');
            b.append("<tr><td class=\"l\">").append(esc(colon < 0 ? "" : k.substring(0, colon))).append("</td><td class=\"l\">")
                    .append(esc(colon < 0 ? k : k.substring(colon + 1))).append("</td><td>").append(count(v)).append("</td></tr>");
        });
        b.append("</table>");
    }

    /** What a file's control total adds up: the members' CRM balances and the redeemed points are points, the rest pesos. */
    private static String controlTotal(LegacyFile f) {
        return switch (f) {
            case MEMBERS -> "saldos (puntos)";
            case TRANSACTIONS -> "importe";
            case REFUNDS -> "importe devuelto";
            case REDEMPTIONS -> "puntos canjeados";
        };
    }

    private static String total(LegacyFile f, BigDecimal v) {
        return f == LegacyFile.MEMBERS || f == LegacyFile.REDEMPTIONS ? count(v.longValue()) : amount(v);
    }

    private static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }

    /** The bank's reading (es-AR): 2.335.397.798 and 541.590.979,01. */
    static String count(long v) {
        return NumberFormat.getIntegerInstance(ES_AR).format(v);
    }

    static String amount(BigDecimal v) {
        NumberFormat f = NumberFormat.getNumberInstance(ES_AR);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(v.setScale(2, RoundingMode.HALF_EVEN));
    }

    private static void statement(StringBuilder b, BalanceFinding f, PointsStatement s, ZoneId zone) {
        b.append("<h4>Socio ").append(esc(f.memberId())).append(" (").append(esc(f.tier())).append("): ").append(f.kind())
                .append(", CRM ").append(count(f.crm())).append(", reglas ").append(count(f.replayed())).append("</h4>");
        if (s == null) return;
        b.append("<table><tr><th>#</th><th class=\"l\">Movimiento</th><th class=\"l\">Origen</th><th class=\"l\">Fecha</th><th>Puntos</th><th>Saldo</th></tr>");
        List<StatementLine> lines = s.lines();
        for (StatementLine l : lines) {
            b.append("<tr><td>").append(l.entry().entryNo()).append("</td><td class=\"l\">").append(l.entry().kind()).append("</td><td class=\"l\">")
                    .append(esc(l.entry().sourceId())).append("</td><td class=\"l\">").append(local(l.entry().occurredAt(), zone)).append("</td><td>")
                    .append(count(l.entry().points())).append("</td><td>").append(count(l.runningBalance())).append("</td></tr>");
        }
        b.append("</table>");
    }

    private static void bars(StringBuilder b, Map<String, Long> values) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        b.append("<table>");
        values.forEach((k, v) -> b.append("<tr><td class=\"l\">").append(esc(k)).append("</td><td>").append(count(v))
                .append("</td><td class=\"l\"><span class=\"bar\" style=\"width:").append(Math.max(v > 0 ? 1 : 0, 300 * v / max))
                .append("px\"></span></td></tr>"));
        b.append("</table>");
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
