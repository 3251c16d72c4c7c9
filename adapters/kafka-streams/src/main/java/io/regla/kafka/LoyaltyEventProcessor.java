package io.regla.kafka;

import io.regla.api.RulesEngine;
import io.regla.api.action.Rejection;
import io.regla.kafka.LoyaltyEvents.BadEvent;
import io.regla.kafka.LoyaltyEvents.Event;
import io.regla.kafka.LoyaltyEvents.Kind;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's loyalty events: buffered by event time, released in order once the task's stream time is past
 * them by the grace period, and decided (every second, or every thousand records) by the unchanged batch {@link LoyaltyProcessor} over the task's
 * state stores ({@link StoreLedger}). Released events are decided together, so the engine sees batches, not
 * single events; the processor cuts them per version and per member as a batch replay does.
 *
 * <p>An event older than what was already released is too late (its member's later events are decided) and
 * goes to the dead-letter topic, as do malformed records, unknown types and events before every version. An
 * event already decided (a replayed or redelivered record) is dropped: its postings and rejections were
 * produced once. When no record has come for the idle period, the wall-clock punctuator releases the whole
 * buffer, so the last events of a quiet partition are not held back.
 *
 * <p>A released batch the engine cannot decide (a rule that throws on one event's data, a broken rule set) is
 * rolled back and decided again event by event, each on its own; the event that fails goes to the dead
 * letters with the reason and the others are decided as the batch would have decided them. Kafka's own
 * exceptions and {@link Error}s are not caught: the task fails and exactly-once aborts its transaction.
 */
final class LoyaltyEventProcessor implements Processor<String, String, String, String> {

    private static final Logger LOG = LoggerFactory.getLogger(LoyaltyEventProcessor.class);
    private static final String RELEASED = "released";
    /** Events due are decided at least this often (wall clock)… */
    private static final long DECIDE_EVERY_MS = 1_000;
    /** …or as soon as this many records came since the last decision. */
    private static final int DECIDE_BATCH = 1_000;

    /** A released event with where its record came from (for a dead letter). */
    private record Buffered(Event event, String topic, Integer partition, Long offset, String json) {
    }

    private final RulesEngine engine;
    private final LoyaltyTopology.Settings settings;
    private final Clock clock;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> buffer;
    private KeyValueStore<String, String> members;
    private KeyValueStore<String, String> decided;
    private KeyValueStore<String, Long> marks;
    private StoreLedger ledger;
    private Retention retention;
    private long lastRecordWall;
    private int acceptedSinceDecide;

    LoyaltyEventProcessor(RulesEngine engine, LoyaltyTopology.Settings settings, Clock clock) {
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        buffer = context.getStateStore(LoyaltyTopology.BUFFER_STORE);
        members = context.getStateStore(LoyaltyTopology.MEMBERS_STORE);
        decided = context.getStateStore(LoyaltyTopology.DECIDED_STORE);
        marks = context.getStateStore(LoyaltyTopology.MARKS_STORE);
        KeyValueStore<String, String> purchases = context.getStateStore(LoyaltyTopology.PURCHASES_STORE);
        ledger = new StoreLedger(context.getStateStore(LoyaltyTopology.LEDGER_STORE), purchases, clock);
        retention = new Retention(context.getStateStore(LoyaltyTopology.EXPIRY_STORE), purchases, decided, settings.retention());
        lastRecordWall = context.currentSystemTimeMs();
        long every = Math.max(100, Math.min(DECIDE_EVERY_MS, settings.idleFlush().toMillis() / 2));
        context.schedule(java.time.Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, String> record) {
        lastRecordWall = context.currentSystemTimeMs();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (topic.equals(settings.topics().members())) {
            acceptMember(record);
            return;
        }
        Kind kind = settings.topics().kindOf(topic);
        Event event;
        try {
            event = LoyaltyEvents.parse(kind, record.key(), record.value());
            if (versionAt(event.at()) == null) {
                throw new BadEvent("no loyalty version is effective at " + event.at());
            }
        } catch (BadEvent e) {
            deadLetter(record, topic, e.getMessage());
            return;
        }
        String id = kind + ":" + event.id();
        if (decided.get(id) != null) return; // a redelivered or replayed record: decided once already
        long at = event.at().toEpochMilli();
        long released = released();
        if (at <= released) {
            deadLetter(record, topic, "too late: event time " + event.at() + " is not after " + Instant.ofEpochMilli(released)
                    + ", up to which this partition's events are decided (grace " + settings.grace() + ")");
            return;
        }
        String origin = context.recordMetadata().map(m -> m.partition() + "\t" + m.offset()).orElse("\t");
        buffer.put(TimeKeys.key(at, Integer.toString(kind.ordinal()), event.id()), kind.name() + "\t" + origin + "\n" + record.value());
        long upTo = at - settings.grace().toMillis();
        if (upTo > released) marks.put(RELEASED, upTo);
        // what is due is decided in batches (one engine call serves many events): on the punctuator, or now when many wait
        if (++acceptedSinceDecide >= DECIDE_BATCH) release(released());
    }

    private void punctuate(long wallNow) {
        if (wallNow - lastRecordWall >= settings.idleFlush().toMillis()) idleFlush();
        else release(released());
        retention.prune(released());
    }

    private void acceptMember(Record<String, String> record) {
        if (record.value() == null) { // a tombstone on the compacted topic: the member is gone
            if (record.key() != null) members.delete(record.key());
            return;
        }
        try {
            Member m = LoyaltyEvents.parseMember(record.value());
            if (m.id() == null || record.key() != null && !record.key().equals(m.id())) {
                throw new BadEvent("member record key " + record.key() + " is not its id " + m.id());
            }
            members.put(m.id(), LoyaltyEvents.write(m));
        } catch (BadEvent e) {
            deadLetter(record, settings.topics().members(), e.getMessage());
        }
    }

    private void idleFlush() {
        long upTo = Long.MIN_VALUE;
        try (KeyValueIterator<String, String> it = buffer.all()) {
            while (it.hasNext()) upTo = Math.max(upTo, TimeKeys.timeOf(it.next().key));
        }
        if (upTo == Long.MIN_VALUE) return;
        if (upTo > released()) marks.put(RELEASED, upTo);
        release(upTo);
    }

    /** Decides every buffered event at or before {@code upTo}, in (time, kind, id) order. */
    private void release(long upTo) {
        acceptedSinceDecide = 0;
        if (upTo == Long.MIN_VALUE) return;
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = buffer.range(TimeKeys.key(Long.MIN_VALUE, "", ""), TimeKeys.key(upTo, "\uffff", ""))) {
            while (it.hasNext()) due.add(it.next());
        }
        if (due.isEmpty()) return;
        List<Buffered> events = new ArrayList<>(due.size());
        for (KeyValue<String, String> kv : due) {
            buffer.delete(kv.key);
            Buffered b = unbuffer(kv.value);
            events.add(b);
            String id = b.event().kind() + ":" + b.event().id();
            decided.put(id, Long.toString(b.event().at().toEpochMilli()));
            retention.decided(id, b.event().at().toEpochMilli());
        }
        try {
            decide(events);
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException batchFailure) {
            // one event spoils the batch: decide them one by one (the same result: batch size never changes one)
            ledger.rollback();
            for (Buffered b : events) {
                try {
                    decide(List.of(b));
                } catch (KafkaException e) {
                    throw e;
                } catch (RuntimeException e) {
                    ledger.rollback();
                    LOG.warn("dead letter: {}-{}@{} ({} {}) cannot be decided: {}", b.topic(), b.partition(), b.offset(),
                            b.event().kind(), b.event().id(), e.getClass().getSimpleName());
                    forwardDeadLetter(b.event().memberId(), b.event().at().toEpochMilli(),
                            DeadLetterHandler.letter(b.topic(), b.partition(), b.offset(), "cannot be decided: " + describe(e), b.json()));
                }
            }
        }
    }

    /** Decides the events in one processor run; nothing is written or forwarded unless all of it succeeds. */
    private void decide(List<Buffered> batch) {
        List<Object> events = new ArrayList<>(batch.size());
        Map<String, Event> byId = new HashMap<>();
        for (Buffered b : batch) {
            events.add(b.event().value());
            byId.put(b.event().value().getClass().getSimpleName() + " " + b.event().id(), b.event()); // as the rules name it in a Rejection
        }
        List<Rejection> rejections = new ArrayList<>();
        LoyaltyProcessor.builder(engine, ledger)
                .membersIn(ids -> {
                    Map<String, Member> found = new LinkedHashMap<>();
                    for (String id : ids) {
                        String json = members.get(id);
                        if (json != null) found.put(id, LoyaltyEvents.read(json, Member.class));
                    }
                    return found;
                })
                .purchases(ledger)
                .campaigns(settings.campaigns())
                .onRejection(rejections::add)
                .build()
                .process(events);
        for (LedgerEntry entry : ledger.commit(retention::purchase)) {
            context.forward(new Record<>(entry.memberId(), LoyaltyEvents.write(entry), entry.occurredAt().toEpochMilli()),
                    LoyaltyTopology.POSTINGS_SINK);
        }
        for (Rejection r : rejections) {
            Event e = byId.get(r.command());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("command", r.command());
            out.put("code", r.code());
            out.put("message", r.message());
            out.put("memberId", e == null ? null : e.memberId());
            out.put("at", e == null ? null : e.at().toString());
            context.forward(new Record<>(e == null ? null : e.memberId(), LoyaltyEvents.write(out),
                    e == null ? context.currentSystemTimeMs() : e.at().toEpochMilli()), LoyaltyTopology.REJECTIONS_SINK);
        }
    }

    /** The exception and its root cause (Drools wraps what a rule threw), without the stack. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String first = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? first : first + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private Buffered unbuffer(String value) {
        int nl = value.indexOf('\n');
        String[] head = value.substring(0, nl).split("\t", -1);
        Kind kind = Kind.valueOf(head[0]);
        String json = value.substring(nl + 1);
        Event e = LoyaltyEvents.parse(kind, null, json);
        boolean origin = head.length == 3 && !head[1].isEmpty(); // where the record was, when it was known
        return new Buffered(e, settings.topics().topicOf(kind), origin ? Integer.valueOf(head[1]) : null,
                origin ? Long.valueOf(head[2]) : null, json);
    }

    private void deadLetter(Record<String, String> record, String topic, String reason) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        forwardDeadLetter(record.key(), record.timestamp(), DeadLetterHandler.letter(topic,
                m == null ? null : m.partition(), m == null ? null : m.offset(), reason, record.value()));
    }

    private void forwardDeadLetter(String key, long timestamp, Map<String, Object> letter) {
        context.forward(new Record<>(key, LoyaltyEvents.write(letter), timestamp), LoyaltyTopology.DEAD_LETTERS_SINK);
    }

    private long released() {
        Long v = marks.get(RELEASED);
        return v == null ? Long.MIN_VALUE : v;
    }

    private Object versionAt(Instant at) {
        return engine.registry().versions(LoyaltyProcessor.RULE_SET).stream()
                .filter(v -> !v.effectiveFrom().isAfter(at)).findAny().orElse(null);
    }
}
