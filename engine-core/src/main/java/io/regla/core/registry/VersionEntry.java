package io.regla.core.registry;

import io.regla.api.CompilationException;
import io.regla.api.CompileError;
import io.regla.api.RuleSetInfo;
import io.regla.core.compile.CompiledRuleSet;
import io.regla.core.compile.RuleSetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** One version: its folder, its build once compiled, and the errors of a failed rebuild if any. */
final class VersionEntry {

    /** Under the registry's name: what it logs about a version reads as the registry's, as before the split. */
    private static final Logger log = LoggerFactory.getLogger(VersionRegistry.class);

    /** The folder; until the first load of an indexed version, its index description (no files read). */
    volatile RuleSetFolder folder;
    /** The index entry the folder still has to be read against at first load, or null once read. */
    private StartupIndex.Entry unread; // guarded by this
    volatile CompiledRuleSet compiled;
    volatile List<CompileError> failure;
    volatile String failedChecksum;
    private boolean retired; // guarded by this

    VersionEntry(RuleSetFolder folder) {
        this.folder = folder;
    }

    VersionEntry(RuleSetFolder folder, StartupIndex.Entry unread) {
        this.folder = folder;
        this.unread = unread;
    }

    VersionEntry(RuleSetFolder folder, CompiledRuleSet compiled) {
        this.folder = folder;
        this.compiled = compiled;
    }

    CompiledRuleSet compiled(RuleSetCompiler compiler) {
        CompiledRuleSet c = compiled;
        if (c != null) return c;
        synchronized (this) {
            if (compiled != null) return compiled;
            if (unread != null) readFiles();
            if (failure != null && folder.checksum().equals(failedChecksum)) {
                // these very files failed before: say so again without compiling them again
                throw new CompilationException(folder.ruleSet(), folder.manifest().version(), failure);
            }
            RuleSetCompiler.Result r = compiler.compile(folder);
            if (!r.ok()) {
                failed(folder.checksum(), r.errors());
                throw new CompilationException(folder.ruleSet(), folder.manifest().version(), r.errors());
            }
            compiled = r.compiled();
            if (retired) compiled.retire(); // replaced while compiling: callers look again
            return compiled;
        }
    }

    /** Whether this version is still described by its start-up index (so it has a build-time artifact, from the build). */
    synchronized boolean indexed() {
        return unread != null;
    }

    /** Reads the files of a version described by its index, once, before its first load (under this). */
    private void readFiles() {
        RuleSetFolder read = RuleSetFolder.readAtFirstLoad(folder, unread);
        if (!read.checksum().equals(unread.checksum())) {
            log.warn("{} changed since the build (checksum {} in its index, {} now): its build-time artifact is not served",
                    read.location(), abbrev(unread.checksum()), abbrev(read.checksum()));
        }
        folder = read;
        unread = null;
    }

    /** Retires this entry's build (now or when it finishes compiling); returns the build, if any. */
    synchronized CompiledRuleSet retire() {
        retired = true;
        if (compiled != null) compiled.retire();
        return compiled;
    }

    synchronized void failed(String checksum, List<CompileError> errors) {
        this.failedChecksum = checksum;
        this.failure = errors;
    }

    /** Whether this entry's own files failed to compile (so it has no build to keep serving). */
    synchronized boolean failedItsOwnFiles() {
        return compiled == null && failure != null && folder.checksum().equals(failedChecksum);
    }

    /** Forgets a failure of other files than this entry's; true if there was one. */
    synchronized boolean clearFailureOfOtherFiles() {
        if (failure == null || folder.checksum().equals(failedChecksum)) return false;
        failure = null;
        failedChecksum = null;
        return true;
    }

    RuleSetInfo info() {
        Manifest m = folder.manifest();
        List<CompileError> f = failure;
        RuleSetInfo.State state = f != null ? RuleSetInfo.State.FAILED
                : compiled != null ? RuleSetInfo.State.COMPILED : RuleSetInfo.State.NOT_COMPILED;
        return new RuleSetInfo(m.id(), m.version(), m.effectiveFrom(), m.timeZone(), m.description(), m.changelog(),
                folder.checksum(), folder.location(), state, f == null ? List.of() : f);
    }

    /**
     * The smallest build-time artifact among the indexed versions (for {@link RuleSetCompiler#warmUpOn}: the
     * cheapest to load), or null when none is indexed.
     */
    static java.nio.file.Path smallestArtifact(java.util.Collection<? extends java.util.Map<?, VersionEntry>> versions) {
        java.nio.file.Path best = null;
        long bestSize = Long.MAX_VALUE;
        for (var m : versions) {
            for (VersionEntry e : m.values()) {
                if (!e.indexed() || e.folder.directory() == null) continue;
                java.nio.file.Path artifact = io.regla.core.compile.PrecompiledPackages.location(e.folder.directory());
                try {
                    long size = java.nio.file.Files.size(artifact);
                    if (size < bestSize) {
                        best = artifact;
                        bestSize = size;
                    }
                } catch (java.io.IOException | RuntimeException ignored) {
                    // no artifact after all: nothing to warm up on
                }
            }
        }
        return best;
    }

    private static String abbrev(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }
}
