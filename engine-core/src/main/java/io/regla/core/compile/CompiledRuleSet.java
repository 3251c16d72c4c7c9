package io.regla.core.compile;

import io.regla.api.RuleSetInfo;
import io.regla.core.facts.FactMapper;
import io.regla.core.registry.RuleSetFolder;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One compiled rule set version: its KieBase, a pool of sessions on it, and what the engine needs
 * around it (rule names, fact types, reference facts, the types its patterns match).
 */
public final class CompiledRuleSet {

    private final RuleSetFolder folder;
    private final KieBase kieBase;
    private final KieSessionsPool pool;
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
        this.pool = kieBase.newKieSessionsPool(poolSize);
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

    /** A pooled session with the pseudo clock; {@code dispose()} returns it to the pool. */
    public KieSession pooledSession() {
        return pool.newKieSession(sessionConfiguration);
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

    /** Releases the pooled sessions; decisions already running finish on their own session. */
    public void retire() {
        pool.shutdown();
    }
}
