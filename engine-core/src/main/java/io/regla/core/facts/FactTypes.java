package io.regla.core.facts;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fact types a rule set version knows, by simple name ({@code Enrollment}), so records in
 * scenarios, JSON, YAML and CSV can name their type without a package.
 */
public final class FactTypes {

    private final Map<String, Class<?>> known;
    private final Function<String, Class<?>> fallback;
    private final Map<String, Optional<Class<?>>> resolved = new ConcurrentHashMap<>();

    /**
     * @param known    types named explicitly (DRL imports, the manifest's {@code facts})
     * @param fallback resolves other simple names (wildcard imports), returning null if unknown
     */
    public FactTypes(Map<String, Class<?>> known, Function<String, Class<?>> fallback) {
        this.known = Collections.unmodifiableMap(new TreeMap<>(known));
        this.fallback = fallback;
    }

    public Optional<Class<?>> find(String simpleName) {
        Class<?> c = known.get(simpleName);
        if (c != null) return Optional.of(c);
        return resolved.computeIfAbsent(simpleName, n -> Optional.ofNullable(fallback.apply(n)));
    }

    /** Names for error messages ("known types: ..."). */
    public SortedSet<String> names() {
        return new TreeSet<>(known.keySet());
    }
}
