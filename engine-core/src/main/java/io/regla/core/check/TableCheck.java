package io.regla.core.check;

import io.regla.core.registry.RuleSetFolder;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A domain's checks on the tables of a rule set version (the advising faculty-routes table, say), which
 * {@code regla check} runs on every version it checks. A rules module registers its implementation for
 * {@link ServiceLoader} ({@code META-INF/services/io.regla.core.check.TableCheck}), so the CLI needs no
 * compile-time dependency on the domain.
 */
public interface TableCheck {

    /** What {@code regla check} prints for it ({@code advising faculty routes}). */
    String name();

    /**
     * The findings on this version's tables.
     *
     * @param folder     the version's files (inherited ones included)
     * @param ruleSetDir the rule set's folder (the versions' parent), where shared catalogues live
     * @param at         the instant to judge the tables' age at
     * @return empty when this check does not apply to the version (not its rule set, no table of its kind)
     */
    Optional<List<Finding>> check(RuleSetFolder folder, Path ruleSetDir, Instant at);

    /** One finding, printed as {@code text} (file:line: code message); an error fails the check. */
    record Finding(boolean error, String text) {
    }

    /** The checks on the class path. */
    static List<TableCheck> installed() {
        return ServiceLoader.load(TableCheck.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
