package io.regla.core.compile.strict;

import io.regla.core.registry.RuleSetFolder;

import java.util.Set;

/**
 * When a compiler applies the {@link StrictProfile}, and which helper classes rules may call.
 *
 * @param mode    which versions are strict when their ruleset.yaml does not say
 * @param helpers classes whose static methods rules may call ({@code Regla.builder().allowHelpers(..)})
 */
public record StrictSettings(Mode mode, Set<Class<?>> helpers) {

    public enum Mode {
        /** {@code strict:} as written; when absent, strict for folders from a directory, not for bundled (classpath) ones. */
        DIRECTORIES,
        /** {@code strict:} as written; when absent, not strict (build-time precompilation of bundled rules, validate). */
        MANIFEST,
        /** No version is checked (build-time precompilation: the engine that loads the artifact checks, with its helpers). */
        NEVER,
        /** Every version is strict, whatever its manifest says ({@code regla validate --strict}). */
        ALWAYS
    }

    /** What an engine does unless told otherwise: directories strict, bundled rules not, no helpers. */
    public static final StrictSettings DEFAULT = new StrictSettings(Mode.DIRECTORIES, Set.of());

    public StrictSettings {
        helpers = Set.copyOf(helpers);
    }

    /** The same mode with {@code helpers} allowed. */
    public StrictSettings withHelpers(Set<Class<?>> more) {
        return new StrictSettings(mode, more);
    }

    /** Whether {@code folder} is checked against the profile. */
    public boolean appliesTo(RuleSetFolder folder) {
        if (folder.manifest() == null) return false;
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case MANIFEST -> folder.manifest().strict(false);
            // bundled sources are labelled classpath:.. by RuleSource.classpath
            case DIRECTORIES -> folder.manifest().strict(!folder.location().startsWith("classpath:"));
        };
    }
}
