package io.regla.core.decide;

import io.regla.api.DecisionTimeoutException;
import io.regla.api.Version;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.time.Duration;

/**
 * A run's wall-clock budget. Checked on the firing thread around every rule firing, so no watchdog thread
 * races the run: once the deadline has passed, the session is halted, which ends {@code fireAllRules} before
 * the next firing. A consequence is never interrupted mid-way. The session of a halted run is discarded,
 * never pooled again.
 */
final class Budget extends DefaultAgendaEventListener {

    private final KieSession session;
    private final Duration timeout;
    private final long deadline;
    private String rule;
    private long firings;
    private boolean spent;

    /** @param startNanos {@link System#nanoTime()} when the call started */
    Budget(KieSession session, Duration timeout, long startNanos) {
        this.session = session;
        this.timeout = timeout;
        this.deadline = startNanos + timeout.toNanos();
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        // time spent between firings (matching) counts against the last rule that fired
        if (!spent && passed()) halt();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        firings++;
        rule = event.getMatch().getRule().getName();
        if (!spent && passed()) halt();
    }

    /** Before firing: a budget already spent inserting the facts halts the run before any rule fires. */
    void checkBeforeFiring(String ruleSet, Version version) {
        if (passed()) {
            spent = true;
            throw exception(ruleSet, version);
        }
    }

    /** After firing: fails the call if the run was halted. */
    void checkAfterFiring(String ruleSet, Version version) {
        if (spent) throw exception(ruleSet, version);
    }

    private boolean passed() {
        return System.nanoTime() - deadline > 0;
    }

    private void halt() {
        spent = true;
        session.halt();
    }

    private DecisionTimeoutException exception(String ruleSet, Version version) {
        return new DecisionTimeoutException(ruleSet, version, rule, timeout, firings);
    }
}
