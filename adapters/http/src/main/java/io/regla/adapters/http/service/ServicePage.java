package io.regla.adapters.http.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.regla.adapters.http.BadRequestException;
import io.regla.adapters.http.Pages;
import io.regla.adapters.http.Principal;
import io.regla.adapters.http.WebServer;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.http.auth.UserAccount;
import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.ServiceAlert;
import io.regla.rules.service.ServiceRoles;

import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /service}: the date filter and granularity on top (the defaults said), the role's charts (data rendered into
 * the page, drawn in the browser by ECharts from the webjar), its alerts beside them, and for the system administrator
 * the users. A bad filter shows the page again with the error and the default window.
 */
public final class ServicePage {

    /** A chart as the template draws it. */
    public record ChartView(int n, String title, String json, List<Total> totals, String csv) {
    }

    /** A total under a chart's title, in Spanish. */
    public record Total(String label, String value) {
    }

    static final Locale SPANISH = Locale.forLanguageTag("es-CL");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final Map<String, String> TOTALS = Map.ofEntries(
            Map.entry("conversations", "Conversaciones"),
            Map.entry("successful", "Exitosas"),
            Map.entry("withSale", "Con venta"),
            Map.entry("withoutSale", "Sin venta"),
            Map.entry("conversionRate", "Tasa de conversión"),
            Map.entry("revenue", "Ingresos"),
            Map.entry("sales", "Ventas"),
            Map.entry("started", "Iniciadas"),
            Map.entry("resolved", "Resueltas"),
            Map.entry("customers", "Clientes"),
            Map.entry("recurring", "Recurrentes"),
            Map.entry("new", "Nuevos"),
            Map.entry("firstResponseMeanSeconds", "Respuesta inicial promedio (s)"),
            Map.entry("resolutionMeanSeconds", "Resolución promedio (s)"),
            Map.entry("firstResponseMedianSeconds", "Respuesta inicial mediana (s)"),
            Map.entry("resolutionMedianSeconds", "Resolución mediana (s)"),
            Map.entry("INTERESADO", "Interesados"),
            Map.entry("EN_SEGUIMIENTO", "En seguimiento"),
            Map.entry("CONVERTIDO", "Convertidos"),
            Map.entry("NO_INTERESADO", "No interesados"),
            Map.entry("agents", "Agentes"));

    private final ServiceModule module;
    private final Accounts accounts;

    ServicePage(ServiceModule module, Accounts accounts) {
        this.module = module;
        this.accounts = accounts;
    }

    void show(Context ctx) {
        Principal p = io.regla.adapters.http.Routes.principal(ctx);
        ChartQuery defaults = ChartQuery.defaults(module.today());
        ChartQuery query;
        String error = "";
        try {
            query = ChartRequest.query(ctx, module.today());
        } catch (BadRequestException e) {
            query = defaults;
            error = "Filtro no válido (" + e.field() + "): " + e.getMessage() + ". Se muestran los últimos 30 días.";
            ctx.status(400);
        }
        String csvQuery = "?from=" + query.from() + "&to=" + query.to() + "&granularity=" + query.granularity();
        List<ChartView> charts = new ArrayList<>();
        for (int n : ServiceModule.chartsOf(p)) {
            Chart chart = module.chart(n, query);
            charts.add(new ChartView(n, chart.title(), json(chart), totals(chart),
                    ServiceModule.exports(p) ? "/service/charts/" + n + ".csv" + csvQuery : ""));
        }
        List<ServiceAlert> alerts = module.alertsOf(p, query);
        boolean systemAdmin = p.is(ServiceModule.SYSTEM_ADMIN);
        List<UserAccount> users = systemAdmin ? accounts.users() : List.of();
        // what the imports left in the store: conversations of the last two years (chart 7, no sales figure)
        Object stored = systemAdmin ? module.chart(7, new ChartQuery(module.today().minusYears(2), module.today(),
                io.regla.rules.service.Granularity.MONTH)).totals().get("started") : null;
        Map<String, Object> model = new HashMap<>();
        model.put("frame", new Pages.Frame("Tablero de atención al cliente", p, List.of(new Pages.Link("/service", "Tablero"))));
        model.put("roleName", ServiceRoles.LABELS.getOrDefault(p.role().name(), p.role().name()));
        model.put("query", query);
        model.put("defaultsNote", "Por defecto: los últimos 30 días (del " + defaults.from().format(DAY) + " al "
                + defaults.to().format(DAY) + "), por semana.");
        model.put("charts", charts);
        model.put("showAlerts", !ServiceModule.alertsAudiences(p).isEmpty());
        model.put("alerts", alerts);
        model.put("showUsers", systemAdmin);
        model.put("users", users);
        model.put("stored", stored == null ? "" : format("conversations", stored));
        model.put("error", error);
        Pages.render(ctx, "service.jte", model);
    }

    private static String json(Chart chart) {
        try {
            return WebServer.JSON.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Total> totals(Chart chart) {
        List<Total> out = new ArrayList<>();
        chart.totals().forEach((key, value) -> out.add(new Total(TOTALS.getOrDefault(key, key), format(key, value))));
        return out;
    }

    /** 12.345 for counts, 23,4 % for a rate (0..1), $ 1.234.567 for revenue (es-CL). */
    static String format(String key, Object value) {
        if (!(value instanceof Number n)) {
            return String.valueOf(value);
        }
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("rate")) {
            NumberFormat f = NumberFormat.getPercentInstance(SPANISH);
            f.setMaximumFractionDigits(1);
            return f.format(n.doubleValue());
        }
        NumberFormat f = NumberFormat.getNumberInstance(SPANISH);
        f.setMaximumFractionDigits(k.contains("revenue") || k.contains("amount") ? 0 : 2);
        return (k.contains("revenue") || k.contains("amount") ? "$ " : "") + f.format(n.doubleValue());
    }
}
