package io.regla.core.decide;

import io.regla.api.Action;
import io.regla.api.Decision;
import io.regla.api.FiredRule;
import io.regla.api.Now;
import io.regla.api.ReglaException;
import io.regla.api.RuleSetInfo;
import io.regla.api.Session;
import io.regla.api.Trace;
import io.regla.core.compile.CompiledRuleSet;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A stateful {@link Session} on a session of its own; the clock fact is updated on every advance. */
final class DroolsSession implements Session {

    private final CompiledRuleSet rs;
    private final RuleSetInfo info;
    private final KieSession session;
    private final boolean tracing;
    private final long maxFirings;
    private final java.time.Duration timeout;
    private final List<Action> allActions = new ArrayList<>();
    private final List<FiredRule> allFirings = new ArrayList<>();
    private final List<Object> pending = new ArrayList<>();
    private final FactHandle nowHandle;
    private Now now;
    private boolean closed;

    DroolsSession(CompiledRuleSet rs, RuleSetInfo info, Instant start, boolean tracing, long maxFirings,
                  java.time.Duration timeout) {
        this.rs = rs;
        this.timeout = timeout;
        this.info = info;
        this.tracing = tracing;
        this.maxFirings = maxFirings;
        this.session = rs.newSession();
        DroolsEngine.setClock(session, start);
        this.now = new Now(start, rs.zone());
        this.nowHandle = session.insert(now);
        for (Object f : rs.referenceFacts()) session.insert(f);
    }

    @Override
    public RuleSetInfo ruleSet() {
        return info;
    }

    @Override
    public Instant now() {
        return now.instant();
    }

    @Override
    public Session insert(Object fact) {
        open();
        if (fact == null) throw new IllegalArgumentException("fact must not be null");
        pending.add(fact);
        session.insert(fact);
        return this;
    }

    @Override
    public Session advanceTo(Instant instant) {
        open();
        if (instant.isBefore(now.instant())) {
            throw new IllegalArgumentException("the clock only moves forward: " + instant + " is before " + now.instant());
        }
        if (!instant.equals(now.instant())) {
            DroolsEngine.setClock(session, instant);
            now = new Now(instant, rs.zone());
            session.update(nowHandle, now);
        }
        return this;
    }

    @Override
    public Decision fire() {
        open();
        Firings firings = new Firings(tracing, allFirings.size());
        session.addEventListener((RuleRuntimeEventListener) firings);
        if (tracing) session.addEventListener((AgendaEventListener) firings);
        Budget budget = timeout == null ? null : new Budget(session, timeout, System.nanoTime());
        if (budget != null) session.addEventListener(budget);
        try {
            int fired = session.fireAllRules(DroolsEngine.firingLimit(maxFirings));
            if (budget != null) budget.checkAfterFiring(info.id(), info.version());
            if (fired > maxFirings) {
                throw new ReglaException(info.label() + " fired more than " + maxFirings + " rules in one step without settling: "
                        + "a rule probably re-triggers itself (see no-loop)");
            }
        } finally {
            session.removeEventListener((RuleRuntimeEventListener) firings);
            if (tracing) session.removeEventListener((AgendaEventListener) firings);
            if (budget != null) session.removeEventListener(budget);
        }
        allActions.addAll(firings.actions());
        allFirings.addAll(firings.fired());
        List<String> warnings = DroolsEngine.warnings(rs, pending);
        pending.clear();
        return new Decision(info.id(), info.version(), now.instant(), firings.actions(), warnings,
                tracing ? new Trace(true, firings.fired()) : Trace.DISABLED);
    }

    @Override
    public List<Action> actions() {
        return List.copyOf(allActions);
    }

    @Override
    public Trace trace() {
        return tracing ? new Trace(true, allFirings) : Trace.DISABLED;
    }

    @Override
    public <T> List<T> facts(Class<T> type) {
        open();
        List<T> out = new ArrayList<>();
        for (Object o : session.getObjects(type::isInstance)) out.add(type.cast(o));
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.dispose();
        }
    }

    private void open() {
        if (closed) throw new IllegalStateException("session of " + info.label() + " is closed");
    }
}
