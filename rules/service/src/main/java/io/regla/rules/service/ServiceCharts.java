package io.regla.rules.service;

import java.util.Map;

/** The eight charts of seed 003: numbers and Spanish titles, as the seed names them. */
public final class ServiceCharts {

    public static final Map<Integer, String> TITLES = Map.of(
            1, "Rendimiento de los agentes por volumen de conversaciones",
            2, "Tiempos de respuesta promedio por agente",
            3, "Conversaciones que resultaron en ventas",
            4, "Ingresos generados por agente",
            5, "Estados de clientes y leads",
            6, "Tasa de retención de clientes",
            7, "Actividad diaria en la plataforma",
            8, "Distribución de ventas por canal");

    private ServiceCharts() {
    }

    /** The title of chart n; IllegalArgumentException when n is not 1..8. */
    public static String title(int n) {
        String t = TITLES.get(n);
        if (t == null) throw new IllegalArgumentException("chart " + n + " does not exist: charts are 1 to 8");
        return t;
    }
}
