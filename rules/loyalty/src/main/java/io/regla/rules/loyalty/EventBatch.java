package io.regla.rules.loyalty;

import io.regla.api.RuleSetInfo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of one engine call: one version, bounded size, no two claims on one member's lots, no two
 * events of one member at the same second. The rules then only need each event's time (salience) to decide
 * a member's events in order: the ordering is done here, before the engine.
 */
final class EventBatch {
    final RuleSetInfo version;
    final List<Object> events = new ArrayList<>();
    private final Set<String> transactionIds = new HashSet<>();
    private final Set<String> claimingMembers = new HashSet<>();
    private final Set<String> buyingMembers = new HashSet<>();
    private final Map<String, Set<Long>> seconds = new HashMap<>();
    Instant first;
    Instant last;

    EventBatch(RuleSetInfo version) {
        this.version = version;
    }

    /** @param member the event's member (for a refund: its purchase's; null when unknown) */
    boolean accepts(Object e, String member, RuleSetInfo v, int limit) {
        if (!v.version().equals(version.version()) || events.size() >= limit) return false;
        if (member != null && seconds.getOrDefault(member, Set.of()).contains(at(e).toEpochSecond())) return false;
        // a claim on a member's lots must see the ledger after that member's earlier purchases and claims
        if (e instanceof Refund f) {
            return !transactionIds.contains(f.transactionId())
                    && (member == null || !claimingMembers.contains(member) && !buyingMembers.contains(member));
        }
        if (e instanceof RedemptionRequest) return !claimingMembers.contains(member) && !buyingMembers.contains(member);
        return true;
    }

    boolean full(int limit) {
        return events.size() >= limit;
    }

    void add(Object e, String member) {
        // a batch may take a member's waiting events after later ones of others (BatchPlanner): the span, not the ends
        Instant at = at(e).toInstant();
        if (first == null || at.isBefore(first)) first = at;
        if (last == null || at.isAfter(last)) last = at;
        events.add(e);
        if (member != null) seconds.computeIfAbsent(member, k -> new HashSet<>()).add(at(e).toEpochSecond());
        if (e instanceof CardTransaction t) {
            transactionIds.add(t.id());
            buyingMembers.add(t.memberId());
        } else if (member != null) {
            claimingMembers.add(member);
        }
    }

    static OffsetDateTime at(Object e) {
        if (e instanceof CardTransaction t) return t.at();
        if (e instanceof Refund f) return f.at();
        if (e instanceof RedemptionRequest r) return r.at();
        throw new IllegalArgumentException("expected a CardTransaction, Refund or RedemptionRequest, got "
                + (e == null ? "null" : e.getClass().getSimpleName()));
    }
}
