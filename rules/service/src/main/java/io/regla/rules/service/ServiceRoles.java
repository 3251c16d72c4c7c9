package io.regla.rules.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who sees what (issue 12's table). The web layer enforces it on the server; the knowledge lives here.
 * The supervisor sees no revenue, the system administrator no sales data.
 */
public final class ServiceRoles {

    public static final String MANAGER = "MANAGER";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String SALES_DIRECTOR = "SALES_DIRECTOR";
    public static final String ANALYST = "ANALYST";
    public static final String SYSTEM_ADMIN = "SYSTEM_ADMIN";

    public static final List<String> ROLES = List.of(MANAGER, SUPERVISOR, SALES_DIRECTOR, ANALYST, SYSTEM_ADMIN);

    /** Spanish names of the roles, as seed 003's approval matrix writes them. */
    public static final Map<String, String> LABELS = Map.of(
            MANAGER, "Gerente General",
            SUPERVISOR, "Supervisora de Agentes",
            SALES_DIRECTOR, "Directora de Ventas",
            ANALYST, "Analista de Datos",
            SYSTEM_ADMIN, "Administrador del Sistema");

    private static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7, 8);

    private static final Map<String, Set<Integer>> CHARTS = Map.of(
            MANAGER, ALL,
            SUPERVISOR, Set.of(1, 2, 7),
            SALES_DIRECTOR, Set.of(1, 3, 4, 5, 6, 8),
            ANALYST, ALL,
            SYSTEM_ADMIN, Set.of(7));

    private static final Map<String, Set<String>> ALERTS = Map.of(
            MANAGER, Set.of(),
            SUPERVISOR, Set.of(ServiceAlert.SUPERVISOR),
            SALES_DIRECTOR, Set.of(),
            ANALYST, Set.of(),
            SYSTEM_ADMIN, Set.of(ServiceAlert.SYSTEM_ADMIN));

    private ServiceRoles() {
    }

    /** The charts a role sees; an unknown role sees none. */
    public static Set<Integer> chartsFor(String role) {
        return CHARTS.getOrDefault(normal(role), Set.of());
    }

    /** The alert audiences a role sees; an unknown role sees none. */
    public static Set<String> alertsFor(String role) {
        return ALERTS.getOrDefault(normal(role), Set.of());
    }

    /** Whether the role may export chart data as CSV (the analyst; customer names masked). */
    public static boolean canExport(String role) {
        return ANALYST.equals(normal(role));
    }

    private static String normal(String role) {
        return role == null ? "" : role.strip().toUpperCase(Locale.ROOT);
    }
}
