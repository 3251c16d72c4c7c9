package io.regla.adapters.http.service;

import io.regla.adapters.http.auth.Accounts;
import io.regla.rules.service.ServiceRoles;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code regla serve --demo}: one dashboard user per role of seed 003 (gerente, supervisora, directora.ventas,
 * analista, admin.sistema), each with a one-time password printed once to the console (never to the log). A user that
 * exists already keeps its password.
 */
public final class ServiceDemoUsers {

    /** username → role */
    public static final Map<String, String> USERS;

    static {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("gerente", ServiceRoles.MANAGER);
        users.put("supervisora", ServiceRoles.SUPERVISOR);
        users.put("directora.ventas", ServiceRoles.SALES_DIRECTOR);
        users.put("analista", ServiceRoles.ANALYST);
        users.put("admin.sistema", ServiceRoles.SYSTEM_ADMIN);
        USERS = java.util.Collections.unmodifiableMap(users);
    }

    private ServiceDemoUsers() {
    }

    public static void seed(Accounts accounts, PrintWriter console) {
        console.println("regla serve --demo: the customer-service dashboard at /service; users (one-time passwords, shown once):");
        USERS.forEach((username, role) -> {
            if (accounts.user(username).isPresent()) {
                console.println("  " + username + " (" + role + ") exists already: its password is unchanged");
                return;
            }
            String password = accounts.generatePassword();
            accounts.addUser(username, role, List.of(), password.toCharArray());
            console.println("  " + username + " (" + role + ", " + ServiceRoles.LABELS.get(role) + ") password: " + password);
        });
        console.flush();
    }
}
