package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxBacklog;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.regla.adapters.store.dynamodb.DynamoDbFactStore.call;
import static io.regla.adapters.store.dynamodb.Items.ONLY;
import static io.regla.adapters.store.dynamodb.Items.PK;
import static io.regla.adapters.store.dynamodb.Items.key;
import static io.regla.adapters.store.dynamodb.Items.n;
import static io.regla.adapters.store.dynamodb.Items.num;
import static io.regla.adapters.store.dynamodb.Items.s;
import static io.regla.adapters.store.dynamodb.Items.str;

/**
 * Outbox entries as items {@code pk = "O#" + key}. Two sparse indexes find them: {@value #DUE_INDEX}
 * ({@code duePk = "Q#" + channel}, {@code dueAt}) holds only entries not yet final, for claims;
 * {@value #STATUS_INDEX} ({@code statusPk = "S#" + status}, {@code dueAt}) for queries by status.
 * Index reads may lag; every state change is a conditional put on {@code version}, so a stale
 * candidate only loses its claim.
 */
final class DynamoDbOutbox implements Outbox {

    static final String DUE_INDEX = "outbox-due";
    static final String STATUS_INDEX = "outbox-status";

    private final DynamoDbClient db;
    private final String table;

    DynamoDbOutbox(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public boolean enqueue(OutboxEntry entry) {
        try {
            call("enqueue", () -> db.putItem(r -> r.tableName(table).item(item(entry))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    @Override
    public Optional<OutboxEntry> find(String key) {
        Map<String, AttributeValue> item = call("find", () -> db.getItem(r -> r.tableName(table)
                .key(key("O#" + key, ONLY)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(item));
    }

    @Override
    public List<OutboxEntry> list(OutboxStatus status, int limit) {
        return query("list " + status, STATUS_INDEX, "statusPk = :p", Map.of(":p", s("S#" + status.name())), limit);
    }

    @Override
    public List<OutboxEntry> due(String channel, Instant now, int limit) {
        return query("due " + channel, DUE_INDEX, "duePk = :p AND dueAt <= :now",
                Map.of(":p", s("Q#" + channel), ":now", n(now.toEpochMilli())), limit);
    }

    @Override
    public boolean update(OutboxEntry expected, OutboxEntry next) {
        if (!expected.key().equals(next.key()) || next.version() != expected.version() + 1) {
            throw new IllegalArgumentException("outbox update must keep the key and step the version by one");
        }
        try {
            call("update", () -> db.putItem(r -> r.tableName(table).item(item(next))
                    .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(expected.version())))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /**
     * Per open status, a {@code COUNT} query on the status index (keys only: no item is read back) and the
     * first index entry for the earliest due time. The index is eventually consistent, so the figures may
     * lag a write by a moment, which monitoring tolerates.
     */
    @Override
    public OutboxBacklog backlog() {
        long[] counts = new long[3];
        Instant oldest = null;
        OutboxStatus[] open = {OutboxStatus.PENDING, OutboxStatus.IN_FLIGHT, OutboxStatus.UNCERTAIN};
        for (int i = 0; i < open.length; i++) {
            Map<String, AttributeValue> values = Map.of(":p", s("S#" + open[i].name()));
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(STATUS_INDEX)
                        .keyConditionExpression("statusPk = :p").expressionAttributeValues(values).select(Select.COUNT);
                if (start != null) {
                    q.exclusiveStartKey(start);
                }
                QueryResponse page = call("backlog " + open[i], () -> db.query(q.build()));
                counts[i] += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            if (counts[i] > 0) {
                List<Map<String, AttributeValue>> first = call("backlog " + open[i], () -> db.query(r -> r.tableName(table)
                        .indexName(STATUS_INDEX).keyConditionExpression("statusPk = :p").expressionAttributeValues(values)
                        .scanIndexForward(true).limit(1))).items();
                if (!first.isEmpty()) {
                    Instant due = Instant.ofEpochMilli(num(first.get(0), "dueAt"));
                    if (oldest == null || due.isBefore(oldest)) {
                        oldest = due;
                    }
                }
            }
        }
        return new OutboxBacklog(counts[0], counts[1], counts[2], oldest);
    }

    private List<OutboxEntry> query(String what, String index, String condition, Map<String, AttributeValue> values, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
        List<OutboxEntry> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(condition).expressionAttributeValues(values).limit(limit - found.size());
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse response = call(what, () -> db.query(q.build()));
            response.items().forEach(item -> found.add(entry(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found;
    }

    private static Map<String, AttributeValue> item(OutboxEntry e) {
        Map<String, AttributeValue> item = new HashMap<>(key("O#" + e.key(), ONLY));
        item.put("entryKey", s(e.key()));
        item.put("channel", s(e.channel()));
        item.put("payloadType", s(e.payloadType()));
        item.put("payload", s(e.payload()));
        item.put("status", s(e.status().name()));
        item.put("attempts", n(e.attempts()));
        item.put("dueAt", n(e.dueAt().toEpochMilli()));
        putIfPresent(item, "leaseOwner", e.leaseOwner());
        putIfPresent(item, "lastError", e.lastError());
        putIfPresent(item, "providerId", e.providerId());
        item.put("createdAt", n(e.createdAt().toEpochMilli()));
        item.put("updatedAt", n(e.updatedAt().toEpochMilli()));
        item.put("version", n(e.version()));
        item.put("statusPk", s("S#" + e.status().name()));
        if (!e.status().isFinal()) {
            item.put("duePk", s("Q#" + e.channel())); // final entries leave the due index
        }
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static OutboxEntry entry(Map<String, AttributeValue> item) {
        return new OutboxEntry(str(item, "entryKey"), str(item, "channel"), str(item, "payloadType"), str(item, "payload"),
                OutboxStatus.valueOf(str(item, "status")), (int) num(item, "attempts"),
                Instant.ofEpochMilli(num(item, "dueAt")), str(item, "leaseOwner"), str(item, "lastError"),
                str(item, "providerId"), Instant.ofEpochMilli(num(item, "createdAt")),
                Instant.ofEpochMilli(num(item, "updatedAt")), num(item, "version"));
    }
}
