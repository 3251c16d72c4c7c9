package io.regla.rules.loyalty;

import io.regla.api.RuleSetInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fills engine batches from the time-ordered events. A claim (refund, redemption) must see the ledger after
 * its member's earlier events, so it cannot join a batch holding its member's purchase or claim
 * ({@link EventBatch#accepts}); instead of closing the batch for everyone, that member's events from there on
 * wait for the next batch while the other members' events keep filling this one. Each member's events are
 * still decided in their order and each claim after everything before it, so results are those of one event
 * per batch; the engine is just called far less often (a batch closes when full, at a version change, or
 * when the waiting events reach a batch's worth, which bounds memory).
 */
final class BatchPlanner {

    private record Item(Object event, String member, RuleSetInfo version) {
    }

    private final int batchSize;
    private final Consumer<EventBatch> decide;
    private final Consumer<Object> afterBatch;
    private final List<Item> waiting = new ArrayList<>();
    private final Set<String> deferred = new HashSet<>();
    private EventBatch batch;
    private Object lastOffered;

    /**
     * @param decide     decides and posts a batch
     * @param afterBatch called with the last event offered once it and everything before it are decided and posted
     */
    BatchPlanner(int batchSize, Consumer<EventBatch> decide, Consumer<Object> afterBatch) {
        this.batchSize = batchSize;
        this.decide = decide;
        this.afterBatch = afterBatch;
    }

    /** @param member the event's member (for a refund: its purchase's; null when unknown) */
    void offer(Object event, String member, RuleSetInfo version) {
        place(new Item(event, member, version));
        lastOffered = event;
        if (waiting.size() >= batchSize) drain();
    }

    /** Decides everything offered. */
    void finish() {
        drain();
    }

    private void place(Item it) {
        if (batch != null && !batch.version.version().equals(it.version().version())) drain();
        if (it.member() != null && deferred.contains(it.member())) {
            waiting.add(it);
            return;
        }
        if (batch == null) batch = new EventBatch(it.version());
        if (batch.accepts(it.event(), it.member(), it.version(), batchSize)) {
            batch.add(it.event(), it.member());
        } else if (!batch.full(batchSize) && it.member() != null) {
            waiting.add(it);
            deferred.add(it.member());
        } else {
            next();
            place(it);
        }
    }

    /** Decides the batch and starts the next one with the events that waited (in their order). */
    private void next() {
        decideBatch();
        List<Item> again = new ArrayList<>(waiting);
        waiting.clear();
        deferred.clear();
        for (Item x : again) place(x);
    }

    /** Decides the batch and every event waiting. */
    private void drain() {
        while (batch != null) {
            next();
        }
    }

    private void decideBatch() {
        if (batch == null) return;
        EventBatch b = batch;
        batch = null;
        decide.accept(b);
        if (waiting.isEmpty() && lastOffered != null) afterBatch.accept(lastOffered);
    }
}
