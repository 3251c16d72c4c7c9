package io.regla.adapters.http;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The roles known here: {@link Role#ADMIN} plus what the route module factories contribute. */
public final class RoleRegistry {

    private final Map<String, Role> roles = new LinkedHashMap<>();

    public RoleRegistry(Collection<Role> contributed) {
        add(Role.ADMIN);
        contributed.forEach(this::add);
    }

    /** ADMIN plus the roles of every {@link RouteModuleFactory} on the class path. */
    public static RoleRegistry fromServiceLoader() {
        List<Role> all = new java.util.ArrayList<>();
        for (RouteModuleFactory f : ServiceLoader.load(RouteModuleFactory.class)) {
            all.addAll(f.roles());
        }
        return new RoleRegistry(all);
    }

    private void add(Role role) {
        Role known = roles.putIfAbsent(role.name(), role);
        if (known != null && !known.equals(role)) {
            throw new IllegalArgumentException("role " + role.name() + " is contributed twice with different scoping");
        }
    }

    public Optional<Role> find(String name) {
        return Optional.ofNullable(name == null ? null : roles.get(name.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    /** @throws IllegalArgumentException naming the known roles if there is no such role */
    public Role require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown role '" + name + "': known roles are "
                + String.join(", ", roles.keySet())));
    }

    public Collection<Role> all() {
        return List.copyOf(roles.values());
    }
}
