package io.regla.core.decide;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FactFormat;
import io.regla.api.Now;
import io.regla.api.ReglaException;
import io.regla.api.RuleSetRegistry;
import io.regla.api.RulesEngine;
import io.regla.api.Session;
import io.regla.api.Trace;
import io.regla.api.Version;
import io.regla.core.audit.DecisionRecorder;
import io.regla.core.compile.CompiledRuleSet;
import io.regla.core.facts.FactMapper;
import io.regla.core.observe.EngineObserver;
import io.regla.core.registry.DirectoryWatcher;
import io.regla.core.registry.VersionRegistry;
import org.kie.api.runtime.KieSession;
import org.kie.api.time.SessionPseudoClock;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Drools-backed {@link RulesEngine}.
 *
 * <p><b>Threads and sessions.</b> The engine is thread-safe. Each {@code decide} holds the compiled version
 * for the whole call ({@link VersionRegistry#acquire}), borrows a stateful session from its pool, inserts the
 * {@link Now} clock fact (unless no rule pattern can match it), the version's reference facts and the caller's
 * facts, fires, and gives the session back (reset). A run that fails, loops or runs past its
 * {@linkplain DecideOptions#timeout() budget} has its session disposed instead. Sessions are never shared
 * between threads; the pool grows with concurrency. A {@link Session} from {@link #openSession} owns a session
 * of its own on the version's KieBase until closed, and keeps working after a reload replaces that version.
 *
 * <p><b>Reload.</b> A version replaced by a reload drains: running calls finish on it, new calls get the new
 * build, and the old pool is disposed when the last running call returns.
 *
 * <p><b>Time.</b> Sessions run on Drools' pseudo clock, set to the as-of instant; the engine reads the
 * wall clock only through the {@link Clock} it was built with, and only when a call gives no as-of instant.
 */
public final class DroolsEngine implements RulesEngine {

    private final VersionRegistry registry;
    private final Clock clock;
    private final long maxFirings;
    private final DirectoryWatcher watcher;
    private EngineObserver observer = EngineObserver.NONE;
    private final java.util.concurrent.ConcurrentHashMap<String, Version> shadows = new java.util.concurrent.ConcurrentHashMap<>();

    public DroolsEngine(VersionRegistry registry, Clock clock, long maxFirings, boolean watch) {
        this(registry, clock, maxFirings, watch ? DirectoryWatcher.DEFAULT_RESCAN : null, EngineObserver.NONE);
    }

    /** An engine that reports each decision (and its close) to {@code observer}: decision log, metrics. */
    public DroolsEngine(VersionRegistry registry, Clock clock, long maxFirings, boolean watch, EngineObserver observer) {
        this(registry, clock, maxFirings, watch ? DirectoryWatcher.DEFAULT_RESCAN : null, observer);
    }

    /**
     * An engine that watches its rule directories when {@code watchRescan} is not null: file-system events, and a
     * comparison of the files every {@code watchRescan} for changes no event reported ({@link java.time.Duration#ZERO}: events only).
     */
    public DroolsEngine(VersionRegistry registry, Clock clock, long maxFirings, java.time.Duration watchRescan, EngineObserver observer) {
        this.registry = registry;
        this.clock = clock;
        this.maxFirings = maxFirings;
        this.watcher = watchRescan != null ? DirectoryWatcher.start(registry, watchRescan) : null;
        this.observer = observer;
    }

    @Override
    public Decision decide(String ruleSet, Collection<?> facts, DecideOptions options) {
        Decision serving;
        if (observer == EngineObserver.NONE) {
            serving = decide(ruleSet, facts, options, 0L, true);
        } else {
            long started = System.nanoTime();
            try {
                serving = decide(ruleSet, facts, options, started, true);
            } catch (RuntimeException e) {
                observer.decideFailed(ruleSet, options.version(), e, System.nanoTime() - started);
                throw e;
            }
        }
        Version candidate = options.shadow() != null ? options.shadow() : shadows.get(ruleSet);
        if (candidate != null && !candidate.equals(serving.version())) shadow(serving, facts, options, candidate);
        return serving;
    }

    /**
     * Shadow mode: the candidate decides the same facts at the same instant, after the serving decision and on
     * the caller's thread (so it costs one more decide, never more: the same budget and firing limit apply).
     * Nothing it does reaches the caller; observers hear of it apart from ordinary decisions.
     */
    private void shadow(Decision serving, Collection<?> facts, DecideOptions options, Version candidate) {
        Decision c;
        try {
            c = decide(serving.ruleSet(), facts, options.toBuilder().version(candidate).asOf(serving.asOf()).build(), 0L, false);
        } catch (RuntimeException | StackOverflowError e) {
            RuntimeException error = e instanceof RuntimeException r ? r : new ReglaException("candidate " + candidate + " failed: " + e, e);
            observer.shadowFailed(serving, candidate, error, facts);
            return;
        }
        observer.shadowDecided(serving, c, ShadowCompare.differs(serving, c), facts);
    }

    /**
     * Sets (or, with {@code null}, clears) the candidate version every call on {@code ruleSet} also decides with in
     * shadow, unless the call names its own ({@link DecideOptions.Builder#shadow(Version)}). Takes effect for
     * the calls that start afterwards.
     */
    public void shadow(String ruleSet, Version candidate) {
        if (candidate == null) shadows.remove(ruleSet);
        else shadows.put(ruleSet, candidate);
    }

    /** The shadow candidates set per rule set. */
    public Map<String, Version> shadows() {
        return Map.copyOf(shadows);
    }

    private Decision decide(String ruleSet, Collection<?> facts, DecideOptions options, long started, boolean report) {
        Instant asOf = options.asOf() != null ? options.asOf() : clock.instant();
        // held for the whole call: a reload retires the build but its sessions live until this call returns
        CompiledRuleSet rs = registry.acquire(ruleSet, options.version(), asOf);
        try {
            return decide(rs, facts, options, asOf, started, report);
        } finally {
            rs.release();
        }
    }

    private Decision decide(CompiledRuleSet rs, Collection<?> facts, DecideOptions options, Instant asOf, long started,
                            boolean report) {
        KieSession session = rs.pooledSession();
        Firings firings = new Firings(options.tracing(), 0);
        Budget budget = options.timeout() == null ? null : new Budget(session, options.timeout(), System.nanoTime());
        boolean clean = false;
        try {
            if (options.tracing()) session.addEventListener((org.kie.api.event.rule.AgendaEventListener) firings);
            if (budget != null) session.addEventListener(budget);
            setClock(session, asOf);
            // A fact no pattern can match is invisible to the rules, and this session is discarded after the
            // call; skipping it saves an insert (a class store and a propagation) for rule sets that never read time.
            if (rs.matches(Now.class)) session.insert(new Now(asOf, rs.zone()));
            for (Object f : rs.referenceFacts()) session.insert(f);
            for (Object f : facts) session.insert(f);
            // Actions are what rules insert, update or delete while firing; the caller's inserts above are none of
            // that (and no rule fires before fireAllRules), so the listener starts here instead of hearing of every
            // fact of the batch
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) firings);
            int fired = fire(session, rs, budget);
            Decision decision = new Decision(rs.id(), rs.folder().manifest().version(), asOf, firings.actions(),
                    warnings(rs, facts), options.tracing() ? new Trace(true, firings.fired()) : Trace.DISABLED);
            clean = true;
            if (report && observer != EngineObserver.NONE) {
                observer.decided(decision, rs.folder().checksum(), facts, fired, System.nanoTime() - started);
            }
            return decision;
        } finally {
            session.removeEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) firings);
            if (options.tracing()) session.removeEventListener((org.kie.api.event.rule.AgendaEventListener) firings);
            if (budget != null) session.removeEventListener(budget);
            // a run that failed or was halted may leave the session mid-way: never pool it again
            if (clean) rs.giveBack(session);
            else rs.discard(session);
        }
    }

    @Override
    public List<Decision> decideAll(String ruleSet, List<? extends Collection<?>> batches, DecideOptions options) {
        List<Decision> out = new ArrayList<>(batches.size());
        for (Collection<?> batch : batches) out.add(decide(ruleSet, batch, options));
        return out;
    }

    @Override
    public Session openSession(String ruleSet, DecideOptions options) {
        Instant asOf = options.asOf() != null ? options.asOf() : clock.instant();
        CompiledRuleSet rs = registry.compiledFor(ruleSet, options.version(), asOf);
        // a session of its own on the version's KieBase: it keeps working after a reload retires the version
        return new DroolsSession(rs, rs.info(io.regla.api.RuleSetInfo.State.COMPILED), asOf, options.tracing(), maxFirings,
                options.timeout());
    }

    /**
     * A stateful session on a given build, outside any registry: what mutation testing runs scenarios on (a mutant
     * build is never registered). {@code maxFirings} and {@code timeout} bound a run that a mutation made loop.
     */
    public static Session openSession(CompiledRuleSet rs, Instant asOf, boolean tracing, long maxFirings,
                                      java.time.Duration timeout) {
        return new DroolsSession(rs, rs.info(io.regla.api.RuleSetInfo.State.COMPILED), asOf, tracing, maxFirings, timeout);
    }

    @Override
    public RuleSetRegistry registry() {
        return registry;
    }

    public VersionRegistry versionRegistry() {
        return registry;
    }

    @Override
    public List<Object> readFacts(String ruleSet, DecideOptions options, FactFormat format, Reader in, String sourceName) {
        return mapper(ruleSet, options).read(format, in, sourceName, csvTypeFromName(sourceName));
    }

    @Override
    public List<Object> readFacts(String ruleSet, DecideOptions options, Path file) {
        FactFormat format = FactFormat.ofFileName(file.getFileName().toString());
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return mapper(ruleSet, options).read(format, in, file.toString(), csvTypeFromName(file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read facts from " + file, e);
        }
    }

    /** The fact mapper of the version {@code options} choose. */
    public FactMapper mapper(String ruleSet, DecideOptions options) {
        Instant asOf = options.asOf() != null ? options.asOf() : clock.instant();
        return registry.compiledFor(ruleSet, options.version(), asOf).factMapper();
    }

    /** {@code Enrollment.csv} or {@code enrollments.csv} names the type {@code Enrollment}. */
    static String csvTypeFromName(String sourceName) {
        String base = Path.of(sourceName).getFileName().toString();
        int dot = base.indexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        if (base.isEmpty()) return null;
        return Character.toUpperCase(base.charAt(0)) + base.substring(1);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The decision log's writer when the engine was built with one: its dropped, written and failed counts. */
    public Optional<DecisionRecorder> decisionLog() {
        return observer.find(DecisionRecorder.class);
    }

    @Override
    public void close() {
        if (watcher != null) watcher.close();
        observer.close();
    }

    static void setClock(KieSession session, Instant asOf) {
        SessionPseudoClock pseudo = session.getSessionClock();
        long delta = asOf.toEpochMilli() - pseudo.getCurrentTime();
        if (delta != 0) pseudo.advanceTime(delta, TimeUnit.MILLISECONDS);
    }

    int fire(KieSession session, CompiledRuleSet rs, Budget budget) {
        if (budget != null) budget.checkBeforeFiring(rs.id(), rs.folder().manifest().version());
        int fired = session.fireAllRules(firingLimit(maxFirings));
        if (budget != null) budget.checkAfterFiring(rs.id(), rs.folder().manifest().version());
        if (fired > maxFirings) {
            throw new ReglaException(rs.id() + " " + rs.folder().manifest().version() + " fired more than " + maxFirings
                    + " rules without settling: a rule probably re-triggers itself (see no-loop)");
        }
        return fired;
    }

    /** One firing more than allowed: a run that settles in exactly {@code maxFirings} firings is not a loop. */
    static int firingLimit(long maxFirings) {
        return (int) Math.min(Integer.MAX_VALUE, maxFirings + 1);
    }

    static List<String> warnings(CompiledRuleSet rs, Collection<?> facts) {
        Map<String, Integer> unmatched = null;
        // a batch holds a few types, interleaved (purchases, refunds, requests, then members and lots): the ones known to
        // need no warning (they match a pattern, or are actions) are compared by identity before any lookup or subtype test
        Class<?>[] fine = new Class<?>[8];
        int known = 0;
        facts:
        for (Object f : facts) {
            if (f == null) continue;
            Class<?> type = f.getClass();
            for (int i = 0; i < known; i++) {
                if (fine[i] == type) continue facts;
            }
            if (f instanceof Action || rs.matches(type)) {
                if (known < fine.length) fine[known++] = type;
            } else {
                if (unmatched == null) unmatched = new LinkedHashMap<>();
                unmatched.merge(type.getSimpleName(), 1, Integer::sum);
            }
        }
        if (unmatched == null) return List.of();
        List<String> out = new ArrayList<>();
        unmatched.forEach((type, n) -> out.add(n + " fact(s) of type " + type + " match no rule pattern in "
                + rs.id() + " " + rs.folder().manifest().version()));
        return out;
    }
}
