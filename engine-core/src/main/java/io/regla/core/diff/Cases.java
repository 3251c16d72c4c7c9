package io.regla.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.core.facts.FactIds;
import io.regla.core.facts.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits facts into independent {@link Case}s, one per fact of a group-by type (a {@code Member}, an
 * {@code Enrollment}) with the facts that reference it:
 * <ul>
 *   <li>a fact <b>references</b> another when one of its top-level fields, other than its own {@code id}, holds the
 *       other's id (its {@code id} component, or else its first one) as text: {@code CardTransaction.memberId
 *       = "M1"} references {@code Member#M1};</li>
 *   <li>references are followed transitively: a fact referencing a fact already in a case joins that case
 *       ({@code EmailSent.adaptationId} → {@code Adaptation.enrollmentId} → {@code Enrollment});</li>
 *   <li>a fact referencing facts of two cases joins both; a fact of the group-by type never joins another's case;</li>
 *   <li>a fact that references no fact of any case is shared: it joins every case (campaigns, calendars).</li>
 * </ul>
 * Facts keep their input order within a case.
 */
public final class Cases {

    private Cases() {
    }

    /**
     * @throws IllegalArgumentException if no fact has the simple type name {@code groupBy}
     */
    public static List<Case> groupBy(List<Object> facts, String groupBy) {
        List<Object> groups = new ArrayList<>();
        Map<Object, Set<Integer>> membership = new HashMap<>(); // identity of fact -> cases (index)
        Map<String, Set<Integer>> idOwners = new HashMap<>();   // id text of a member -> cases
        Set<String> types = new TreeSet<>();
        for (Object f : facts) {
            types.add(f.getClass().getSimpleName());
            if (f.getClass().getSimpleName().equals(groupBy)) {
                int index = groups.size();
                groups.add(f);
                membership.put(new Identity(f), new LinkedHashSet<>(List.of(index)));
                String id = FactIds.key(f);
                if (id != null) idOwners.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(index);
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("--group-by " + groupBy + ": no fact of that type among the " + facts.size()
                    + " facts (types present: " + String.join(", ", types) + ")");
        }
        List<Object> pending = new ArrayList<>();
        Map<Object, List<String>> values = new HashMap<>();
        for (Object f : facts) {
            if (!membership.containsKey(new Identity(f))) {
                pending.add(f);
                values.put(new Identity(f), referenceValues(f));
            }
        }
        boolean grew = true;
        while (grew && !pending.isEmpty()) { // each pass follows references one step further
            grew = false;
            for (Iterator<Object> it = pending.iterator(); it.hasNext(); ) {
                Object f = it.next();
                Set<Integer> cases = new LinkedHashSet<>();
                for (String v : values.get(new Identity(f))) {
                    Set<Integer> owners = idOwners.get(v);
                    if (owners != null) cases.addAll(owners);
                }
                if (cases.isEmpty()) continue;
                it.remove();
                membership.put(new Identity(f), cases);
                String id = FactIds.key(f);
                if (id != null) idOwners.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(cases);
                grew = true;
            }
        }
        Set<Object> shared = new java.util.HashSet<>();
        pending.forEach(f -> shared.add(new Identity(f)));
        List<List<Object>> members = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) members.add(new ArrayList<>());
        for (Object f : facts) {
            Identity key = new Identity(f);
            if (shared.contains(key)) {
                members.forEach(m -> m.add(f));
            } else {
                for (int i : membership.get(key)) members.get(i).add(f);
            }
        }
        List<Case> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) out.add(new Case(FactIds.of(groups.get(i)), members.get(i)));
        return out;
    }

    /** The texts of the fact's top-level scalar fields other than its own id. */
    static List<String> referenceValues(Object fact) {
        JsonNode tree;
        try {
            tree = Json.JSON.valueToTree(fact);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (field.getKey().equals("id") || !v.isValueNode() || v.isNull()) continue; // its own id is no reference
            out.add(v.asText());
        }
        return out;
    }

    /** Facts compared by identity: two equal records in the input are two facts. */
    private record Identity(Object fact) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.fact == fact;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(fact);
        }
    }
}
