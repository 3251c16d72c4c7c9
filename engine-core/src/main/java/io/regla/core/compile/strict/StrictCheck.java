package io.regla.core.compile.strict;

import io.regla.api.CompileError;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The strict profile applied to one version folder: the types it may name come from its manifest and the engine. */
public final class StrictCheck {

    private static final Logger log = LoggerFactory.getLogger(StrictCheck.class);

    private StrictCheck() {
    }

    /**
     * The refusals for {@code folder} (empty when it keeps to the profile).
     *
     * @param shared  fact and action types every version may use (the engine's shared actions, {@code Now})
     * @param helpers classes whose static methods rules may call
     */
    public static List<CompileError> of(RuleSetFolder folder, ClassLoader loader, Collection<Class<?>> shared,
                                        Set<Class<?>> helpers) {
        if (folder.manifest() == null) return List.of();
        Set<Class<?>> known = new HashSet<>(shared);
        for (String name : folder.manifest().facts()) {
            Class<?> c = load(name, loader);
            if (c != null) known.add(c);
        }
        for (Manifest.DataFile d : folder.manifest().data()) {
            Class<?> c = load(d.type(), loader);
            if (c != null) known.add(c);
        }
        return new StrictProfile(known, helpers).check(StrictSources.drl(folder, log));
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // an unknown fact type is the compiler's error to report
        }
    }
}
