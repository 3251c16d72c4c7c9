package io.regla.api;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The rule sets an engine knows, their versions side by side, and which one serves at an instant. */
public interface RuleSetRegistry {

    /** Rule set ids, sorted. */
    List<String> ruleSets();

    /** Every version of a rule set, oldest first. */
    List<RuleSetInfo> versions(String ruleSet);

    /**
     * The version a decision would use: {@code version} if given, otherwise the one whose
     * {@code effectiveFrom} is the latest not after {@code asOf} (the higher version on a tie).
     *
     * @throws RuleSetNotFoundException if there is no such rule set or version
     */
    RuleSetInfo resolve(String ruleSet, Version version, Instant asOf);

    /** The version effective at {@code asOf}, the same as {@code resolve(ruleSet, null, asOf)}. */
    default RuleSetInfo active(String ruleSet, Instant asOf) {
        return resolve(ruleSet, null, asOf);
    }

    /** The names of the rules in a version (compiles it if needed). */
    List<String> rules(String ruleSet, Version version);

    /**
     * Compiles a version now (versions otherwise compile on first use).
     *
     * @throws CompilationException with every error's file, line and column
     */
    RuleSetInfo compile(String ruleSet, Version version);

    /**
     * Re-reads the rule directories. New and changed versions compile before this returns; each one
     * that compiles replaces the previous build atomically, each one that fails leaves the previous
     * build serving and is reported. A replaced build drains: calls already running on it finish on it,
     * calls that start after the swap get the new build, and its sessions are released when the last
     * running call returns; {@link Session}s opened on it keep working. Files that failed to compile are
     * not compiled again until they change.
     */
    ReloadReport reload();

    /** Called after every reload that changed something, including those the directory watcher starts. */
    void onReload(Consumer<ReloadReport> listener);
}
