package io.regla.rules.advising;

import io.regla.api.Version;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.registry.RuleSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a rule set version folder without compiling it (a table with errors must still be checkable):
 * directories given first, then the bundled rule sets; a version given, or the one effective at an instant.
 */
public final class TableLocator {

    public record Located(RuleSetFolder folder, Path ruleSetDir) {
    }

    /** Where the bundled rule set folders sit in the source tree: the advising domain module. */
    static final String SOURCE_TREE = "rules/advising/";

    private TableLocator() {
    }

    public static Located locate(List<Path> dirs, boolean bundled, String ruleSet, String version, Instant at) {
        List<RuleSource> sources = new ArrayList<>();
        dirs.forEach(d -> sources.add(RuleSource.directory(d)));
        if (bundled) sources.addAll(RuleSource.classpath(TableLocator.class.getClassLoader()));
        Located best = null;
        for (RuleSource source : sources) {
            Path dir = source.root().resolve(ruleSet);
            if (!Files.isDirectory(dir)) continue;
            for (Path v : source.versionFolders()) {
                if (!v.getParent().getFileName().toString().equals(ruleSet)) continue;
                // Bundled tables are named as they sit in the source tree (the domain module rules/advising holds the
                // rule set folders), where an analyst finds them.
                String location = source.watchable() ? v.toString() : SOURCE_TREE + ruleSet + "/" + v.getFileName();
                RuleSetFolder folder = RuleSetFolder.read(v, location);
                if (folder.manifest() == null) {
                    throw new IllegalArgumentException(folder.location() + ": " + folder.errors());
                }
                if (version != null) {
                    if (folder.manifest().version().equals(Version.parse(version))) return new Located(folder, dir);
                    continue;
                }
                Instant from = folder.manifest().effectiveFrom();
                if (!from.isAfter(at) && (best == null || from.isAfter(best.folder().manifest().effectiveFrom())
                        || (from.equals(best.folder().manifest().effectiveFrom())
                        && folder.manifest().version().compareTo(best.folder().manifest().version()) > 0))) {
                    best = new Located(folder, dir);
                }
            }
            if (best != null) return best; // a directory given overrides the bundled rule sets
        }
        if (version != null) throw new IllegalArgumentException(ruleSet + " has no version " + version);
        return Optional.ofNullable(best).orElseThrow(() -> new IllegalArgumentException("no version of " + ruleSet + " is effective at " + at));
    }
}
