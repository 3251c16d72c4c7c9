package io.regla.core.compile;

import io.regla.api.RuleSetInfo;
import io.regla.core.facts.FactMapper;
import io.regla.core.registry.RuleSetFolder;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One compiled rule set version: its KieBase, a pool of sessions on it, and what the engine needs
 * around it (rule names, fact types, reference facts, the types its patterns match).
 *
 * <p><b>Lifecycle.</b> A build is held by the registry while it serves and by every call running on it
 * ({@link #tryAcquire()} / {@link #release()}). {@link #retire()} drops the registry's hold: calls already
 * running finish on their own session, no new call can acquire the build, and its pooled sessions are
 * disposed when the last holder releases it. The KieBase itself stays usable, so stateful sessions
 * opened with {@link #newSession()} outlive retirement.
 */
public final class CompiledRuleSet {

    private final RuleSetFolder folder;
    private final KieBase kieBase;
    private final SessionPool pool;
    private final KieSessionConfiguration sessionConfiguration;
    private final List<String> ruleNames;
    private final FactMapper factMapper;
    private final List<Object> referenceFacts;
    private final Set<Class<?>> patternTypes;
    private final ConcurrentHashMap<Class<?>, Boolean> matchable = new ConcurrentHashMap<>();

    CompiledRuleSet(RuleSetFolder folder, KieBase kieBase, KieSessionConfiguration sessionConfiguration,
                    int poolSize, List<String> ruleNames, FactMapper factMapper, List<Object> referenceFacts,
                    Set<Class<?>> patternTypes) {
        this.folder = folder;
        this.kieBase = kieBase;
        this.sessionConfiguration = sessionConfiguration;
        this.pool = new SessionPool(kieBase, sessionConfiguration, poolSize);
        this.ruleNames = List.copyOf(ruleNames);
        this.factMapper = factMapper;
        this.referenceFacts = List.copyOf(referenceFacts);
        this.patternTypes = Set.copyOf(patternTypes);
    }

    public RuleSetFolder folder() {
        return folder;
    }

    public String id() {
        return folder.manifest().id();
    }

    public ZoneId zone() {
        return folder.manifest().timeZone();
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** The same build with a pool of its own, for a folder whose files came back to this build's checksum. */
    public CompiledRuleSet revive(RuleSetFolder sameFiles, int poolSize) {
        if (!sameFiles.checksum().equals(folder.checksum())) throw new IllegalArgumentException("checksum differs");
        return new CompiledRuleSet(sameFiles, kieBase, sessionConfiguration, poolSize, ruleNames, factMapper,
                referenceFacts, patternTypes);
    }

    /** Holds this build for one call; false once it is retired and drained (look up the serving build again). */
    public boolean tryAcquire() {
        return pool.tryAcquire();
    }

    /** Ends a hold taken by {@link #tryAcquire()}; the last release after {@link #retire()} disposes the pool. */
    public void release() {
        pool.release();
    }

    /** A pooled session with the pseudo clock, for a caller holding this build; give it back with
     *  {@link #giveBack} or {@link #discard}. */
    public KieSession pooledSession() {
        return pool.borrow();
    }

    /** Resets a pooled session and puts it back for the next call. */
    public void giveBack(KieSession session) {
        pool.giveBack(session);
    }

    /** Disposes a pooled session that must not serve again (a halted, failed or interrupted run). */
    public void discard(KieSession session) {
        pool.discard(session);
    }

    /** A session of its own, for long-lived stateful use. */
    public KieSession newSession() {
        return kieBase.newKieSession(sessionConfiguration, null);
    }

    public List<String> ruleNames() {
        return ruleNames;
    }

    public FactMapper factMapper() {
        return factMapper;
    }

    /** Facts read from the manifest's {@code data} files, inserted into every session. */
    public List<Object> referenceFacts() {
        return referenceFacts;
    }

    /** Whether any rule has a pattern that can match a fact of this class. */
    public boolean matches(Class<?> factClass) {
        return matchable.computeIfAbsent(factClass, c -> {
            for (Class<?> p : patternTypes) {
                if (p.isAssignableFrom(c)) return true;
            }
            return false;
        });
    }

    public RuleSetInfo info(RuleSetInfo.State state) {
        var m = folder.manifest();
        return new RuleSetInfo(m.id(), m.version(), m.effectiveFrom(), m.timeZone(), m.description(), m.changelog(),
                folder.checksum(), folder.location(), state, List.of());
    }

    /** Stops serving new calls; the pooled sessions are disposed once the calls still running have returned. */
    public void retire() {
        pool.retire();
    }

    /** Whether the pool is released: retired and no call holds the build any more. */
    public boolean drained() {
        return pool.drained();
    }

    /** Sessions created for this build and not yet disposed (pooled and in use), for tests and metrics. */
    public int liveSessions() {
        return pool.live();
    }
}
