package io.regla.core.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Action;
import io.regla.api.Decision;
import io.regla.api.FiredRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How two decisions of one case differ. Actions are compared as multisets: an action equal in every field
 * to one of the other decision is unchanged; of the rest, an action and one of the other decision with the
 * same {@linkplain ActionKeys key} (and type) make a change, paired in emission order; what is left was
 * removed (only in {@code from}) or added (only in {@code to}). Firings compare as multisets of rule name
 * and matched facts.
 *
 * @param removed       actions only in {@code from}
 * @param added         actions only in {@code to}
 * @param changed       pairs (from, to) with the same key and other fields
 * @param rulesFrom     per rule, its firings only in {@code from} (disappeared)
 * @param rulesTo       per rule, its firings only in {@code to} (appeared)
 */
public record CaseDiff(Case subject, Decision from, Decision to, List<Action> removed, List<Action> added,
                       List<Change> changed, Map<String, Integer> rulesFrom, Map<String, Integer> rulesTo) {

    /** One action that kept its key and changed other fields. */
    public record Change(Action from, Action to) {
    }

    public CaseDiff {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        rulesFrom = Map.copyOf(rulesFrom);
        rulesTo = Map.copyOf(rulesTo);
    }

    /** Whether the actions differ (firings alone do not make a case changed: nothing outside sees them). */
    public boolean actionsChanged() {
        return !removed.isEmpty() || !added.isEmpty() || !changed.isEmpty();
    }

    public boolean firingsChanged() {
        return !rulesFrom.isEmpty() || !rulesTo.isEmpty();
    }

    public static CaseDiff of(Case subject, Decision from, Decision to) {
        List<Item> left = items(from.actions());
        List<Item> right = items(to.actions());
        // 1. identical actions cancel out
        for (Iterator<Item> it = left.iterator(); it.hasNext(); ) {
            Item l = it.next();
            for (Iterator<Item> jt = right.iterator(); jt.hasNext(); ) {
                if (jt.next().tree.equals(l.tree)) {
                    jt.remove();
                    it.remove();
                    break;
                }
            }
        }
        // 2. same key, other fields: changed
        List<Change> changed = new ArrayList<>();
        for (Iterator<Item> it = left.iterator(); it.hasNext(); ) {
            Item l = it.next();
            for (Iterator<Item> jt = right.iterator(); jt.hasNext(); ) {
                Item r = jt.next();
                if (r.key.equals(l.key)) {
                    changed.add(new Change(l.action, r.action));
                    jt.remove();
                    it.remove();
                    break;
                }
            }
        }
        Map<String, Integer> rulesFrom = new TreeMap<>();
        Map<String, Integer> rulesTo = new TreeMap<>();
        Map<FiredKey, Integer> firings = new HashMap<>();
        for (FiredRule f : from.trace().firings()) firings.merge(new FiredKey(f.rule(), f.facts()), 1, Integer::sum);
        for (FiredRule f : to.trace().firings()) firings.merge(new FiredKey(f.rule(), f.facts()), -1, Integer::sum);
        firings.forEach((k, n) -> {
            if (n > 0) rulesFrom.merge(k.rule(), n, Integer::sum);
            if (n < 0) rulesTo.merge(k.rule(), -n, Integer::sum);
        });
        return new CaseDiff(subject, from, to, left.stream().map(Item::action).toList(),
                right.stream().map(Item::action).toList(), changed, rulesFrom, rulesTo);
    }

    /** Per action type: how many removed, added and changed here. */
    public Map<String, int[]> countsByType() {
        Map<String, int[]> out = new LinkedHashMap<>();
        removed.forEach(a -> out.computeIfAbsent(a.type(), t -> new int[3])[0]++);
        added.forEach(a -> out.computeIfAbsent(a.type(), t -> new int[3])[1]++);
        changed.forEach(c -> out.computeIfAbsent(c.to().type(), t -> new int[3])[2]++);
        return out;
    }

    private record Item(Action action, ObjectNode tree, String key) {
    }

    private record FiredKey(String rule, List<String> facts) {
    }

    private static List<Item> items(List<Action> actions) {
        List<Item> out = new ArrayList<>(actions.size());
        for (Action a : actions) {
            ObjectNode tree = ActionKeys.tree(a);
            out.add(new Item(a, tree, ActionKeys.of(a, tree)));
        }
        return out;
    }
}
