package io.regla.core.decide;

import io.regla.api.Action;
import io.regla.api.FiredRule;
import io.regla.core.facts.FactIds;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a firing produced: the {@link Action} facts the rules inserted (in insertion order,
 * minus any a rule deleted again) and, when tracing, each rule firing with the identities of the facts
 * it matched. Actions inserted by the caller are not outputs and are ignored.
 */
final class Firings extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final boolean tracing;
    private final List<Action> actions = new ArrayList<>();
    private final List<FiredRule> fired;
    private int sequence;

    Firings(boolean tracing, int firstSequence) {
        this.tracing = tracing;
        this.fired = tracing ? new ArrayList<>() : List.of();
        this.sequence = firstSequence;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Action a && event.getRule() != null) actions.add(a);
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        if (event.getOldObject() instanceof Action old && event.getObject() != old) {
            int i = indexOf(old);
            if (i >= 0) {
                if (event.getObject() instanceof Action now) actions.set(i, now);
                else actions.remove(i);
            }
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (event.getOldObject() instanceof Action old) {
            int i = indexOf(old);
            if (i >= 0) actions.remove(i);
        }
    }

    private int indexOf(Action a) {
        for (int i = actions.size() - 1; i >= 0; i--) {
            if (actions.get(i) == a) return i;
        }
        return -1;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        if (!tracing) return;
        List<Object> objects = event.getMatch().getObjects();
        List<String> ids = new ArrayList<>(objects.size());
        for (Object o : objects) ids.add(FactIds.of(o));
        fired.add(new FiredRule(++sequence, event.getMatch().getRule().getName(), ids));
    }

    boolean tracing() {
        return tracing;
    }

    List<Action> actions() {
        return actions;
    }

    List<FiredRule> fired() {
        return fired;
    }

    int sequence() {
        return sequence;
    }
}
