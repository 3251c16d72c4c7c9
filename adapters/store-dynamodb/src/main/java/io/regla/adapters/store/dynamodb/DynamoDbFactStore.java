package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.StoreException;
import io.regla.api.spi.StoredFact;
import io.regla.core.store.FactJson;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.regla.adapters.store.dynamodb.Items.PK;
import static io.regla.adapters.store.dynamodb.Items.SK;
import static io.regla.adapters.store.dynamodb.Items.key;
import static io.regla.adapters.store.dynamodb.Items.n;
import static io.regla.adapters.store.dynamodb.Items.num;
import static io.regla.adapters.store.dynamodb.Items.s;
import static io.regla.adapters.store.dynamodb.Items.str;

/**
 * Facts as items {@code pk = "F#" + type, sk = id}: one partition per type, ids sorted, so a prefix
 * ({@code memberId + "#"}) reads as one key-range query.
 */
final class DynamoDbFactStore implements FactStore {

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    DynamoDbFactStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    private static String pk(String type) {
        return "F#" + type;
    }

    @Override
    public <T extends Record> Optional<StoredFact<T>> get(Class<T> type, String id) {
        Map<String, AttributeValue> item = call("get " + FactStore.typeName(type), () -> db.getItem(r -> r.tableName(table)
                .key(key(pk(FactStore.typeName(type)), id)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fact(type, item));
    }

    @Override
    public <T extends Record> List<StoredFact<T>> list(Class<T> type, String idPrefix, String afterId, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
        String prefix = idPrefix == null ? "" : idPrefix;
        String pk = pk(FactStore.typeName(type));
        Map<String, AttributeValue> start = null;
        if (afterId != null) {
            if (afterId.startsWith(prefix)) {
                start = key(pk, afterId);
            } else if (afterId.compareTo(prefix) > 0) {
                return List.of(); // past every id with the prefix
            }
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk)));
        String condition = "#pk = :pk";
        if (!prefix.isEmpty()) {
            condition += " AND begins_with(#sk, :prefix)";
            names.put("#sk", SK);
            values.put(":prefix", s(prefix));
        }
        List<StoredFact<T>> page = new ArrayList<>();
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).keyConditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values).consistentRead(true)
                    .limit(limit - page.size());
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse response = call("list " + FactStore.typeName(type), () -> db.query(q.build()));
            response.items().forEach(item -> page.add(fact(type, item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && page.size() < limit);
        return page;
    }

    @Override
    public <T extends Record> long put(String id, T fact) {
        String type = FactStore.typeName(fact.getClass());
        String json = FactJson.write(fact);
        String hash = FactJson.sha256(json);
        // read the version, then write conditioned on it; a concurrent writer makes us re-read, never lose its write
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Long> current = current(type, id, hash);
            if (current.isPresent() && current.get() < 0) {
                return -current.get();
            }
            long version = current.orElse(0L) + 1;
            try {
                call("put " + type, () -> db.putItem(r -> r.tableName(table).item(item(type, id, json, hash, version))
                        .conditionExpression(version == 1 ? "attribute_not_exists(#pk)" : "version = :v")
                        .expressionAttributeNames(version == 1 ? Map.of("#pk", PK) : null)
                        .expressionAttributeValues(version == 1 ? null : Map.of(":v", n(version - 1)))));
                return version;
            } catch (ConditionalCheckFailedException lostRace) {
                // someone wrote in between: read again
            }
        }
        throw new ConcurrentUpdateException(type + " '" + id + "' kept changing under a put");
    }

    /** Empty if absent; the negated version if the stored content hashes to {@code hash}; else the version. */
    private Optional<Long> current(String type, String id, String hash) {
        Map<String, AttributeValue> item = call("get " + type, () -> db.getItem(r -> r.tableName(table)
                .key(key(pk(type), id)).consistentRead(true).projectionExpression("version, bodyHash")).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        long version = num(item, "version");
        return Optional.of(hash.equals(str(item, "bodyHash")) ? -version : version);
    }

    @Override
    public <T extends Record> boolean insert(String id, T fact) {
        String type = FactStore.typeName(fact.getClass());
        String json = FactJson.write(fact);
        try {
            call("insert " + type, () -> db.putItem(r -> r.tableName(table).item(item(type, id, json, FactJson.sha256(json), 1))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public <T extends Record> long replace(String id, T fact, long expectedVersion) {
        String type = FactStore.typeName(fact.getClass());
        String json = FactJson.write(fact);
        try {
            call("replace " + type, () -> db.putItem(r -> r.tableName(table)
                    .item(item(type, id, json, FactJson.sha256(json), expectedVersion + 1))
                    .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(expectedVersion)))));
            return expectedVersion + 1;
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(type + " '" + id + "' is not at version " + expectedVersion, e);
        }
    }

    @Override
    public PutAllResult putAll(List<FactWrite> writes) {
        List<Pending> all = pending(writes);
        PutAllResult result = PutAllResult.EMPTY;
        for (int from = 0; from < all.size(); from += ATOMIC_CHUNK_DYNAMODB) {
            result = result.plus(writeChunk(all.subList(from, Math.min(all.size(), from + ATOMIC_CHUNK_DYNAMODB)), List.of()));
        }
        return result;
    }

    /**
     * Writes facts and further items (new outbox entries) in one {@code TransactWriteItems}.
     *
     * @throws IllegalArgumentException if that is more than {@value #ATOMIC_CHUNK_DYNAMODB} items
     */
    PutAllResult putAllWith(List<FactWrite> writes, List<TransactWriteItem> more) {
        List<Pending> all = pending(writes);
        if (all.size() + more.size() > ATOMIC_CHUNK_DYNAMODB) {
            throw new IllegalArgumentException("DynamoDB writes at most " + ATOMIC_CHUNK_DYNAMODB
                    + " items in one transaction, this one has " + all.size() + " facts and " + more.size() + " other items");
        }
        return writeChunk(all, more);
    }

    /** Serialises everything first: a fact that cannot be written fails the batch before any write. */
    private List<Pending> pending(List<FactWrite> writes) {
        Map<Map<String, AttributeValue>, Pending> pending = new LinkedHashMap<>();
        for (FactWrite w : writes) {
            String type = FactStore.typeName(w.fact().getClass());
            String json = FactJson.write(w.fact());
            pending.remove(key(pk(type), w.id())); // a later write of the same fact wins, in batch order
            pending.put(key(pk(type), w.id()), new Pending(type, w.id(), json, FactJson.sha256(json), w.expectedVersion()));
        }
        return new ArrayList<>(pending.values());
    }

    private record Pending(String type, String id, String json, String hash, Long expectedVersion) {
    }

    private PutAllResult writeChunk(List<Pending> chunk, List<TransactWriteItem> more) {
        Map<String, Map<String, AttributeValue>> existing = chunk.isEmpty() ? Map.of() : readVersions(chunk);
        List<TransactWriteItem> puts = new ArrayList<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        for (Pending p : chunk) {
            Map<String, AttributeValue> old = existing.get(pk(p.type) + "\n" + p.id);
            Put.Builder put = Put.builder().tableName(table);
            if (p.expectedVersion != null && p.expectedVersion == 0) {
                inserted++;
                put.item(item(p.type, p.id, p.json, p.hash, 1)).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK));
            } else if (p.expectedVersion != null) {
                updated++;
                put.item(item(p.type, p.id, p.json, p.hash, p.expectedVersion + 1)).conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", n(p.expectedVersion)));
            } else if (old == null) {
                inserted++;
                put.item(item(p.type, p.id, p.json, p.hash, 1)).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK));
            } else if (p.hash.equals(str(old, "bodyHash"))) {
                unchanged++;
                continue;
            } else {
                updated++;
                long version = num(old, "version");
                put.item(item(p.type, p.id, p.json, p.hash, version + 1)).conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", n(version)));
            }
            puts.add(TransactWriteItem.builder().put(put.build()).build());
        }
        puts.addAll(more);
        if (!puts.isEmpty()) {
            try {
                call("put " + puts.size() + " facts", () -> db.transactWriteItems(r -> r.transactItems(puts)));
            } catch (TransactionCanceledException e) {
                throw new ConcurrentUpdateException(failedConditions(puts, e)
                        + "; nothing of this chunk was written", e);
            }
        }
        return new PutAllResult(inserted, updated, unchanged);
    }

    /** Names the facts whose condition failed (the cancellation reasons are in transaction order). */
    private static String failedConditions(List<TransactWriteItem> puts, TransactionCanceledException e) {
        List<String> failed = new ArrayList<>();
        if (e.hasCancellationReasons()) {
            for (int i = 0; i < e.cancellationReasons().size() && i < puts.size(); i++) {
                if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(i).code())) {
                    Map<String, AttributeValue> k = puts.get(i).put().item();
                    failed.add(str(k, PK).startsWith("O#") ? "outbox entry '" + str(k, PK).substring(2) + "' (exists)"
                            : str(k, PK).substring(2) + " '" + str(k, SK) + "'");
                }
            }
        }
        return failed.isEmpty() ? "a batch write was cancelled: " + e.getMessage()
                : "facts changed or not as expected: " + String.join(", ", failed);
    }

    private Map<String, Map<String, AttributeValue>> readVersions(List<Pending> chunk) {
        List<Map<String, AttributeValue>> keys = chunk.stream().map(p -> key(pk(p.type), p.id)).toList();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true)
                .projectionExpression("pk, sk, version, bodyHash").build());
        while (request != null && !request.isEmpty()) {
            Map<String, KeysAndAttributes> req = request;
            BatchGetItemResponse response = call("read versions", () -> db.batchGetItem(r -> r.requestItems(req)));
            response.responses().getOrDefault(table, List.of())
                    .forEach(item -> found.put(str(item, PK) + "\n" + str(item, SK), item));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
        }
        return found;
    }

    @Override
    public boolean delete(Class<? extends Record> type, String id) {
        Map<String, AttributeValue> old = call("delete " + FactStore.typeName(type), () -> db.deleteItem(r -> r.tableName(table)
                .key(key(pk(FactStore.typeName(type)), id)).returnValues(ReturnValue.ALL_OLD)).attributes());
        return old != null && !old.isEmpty();
    }

    private Map<String, AttributeValue> item(String type, String id, String json, String hash, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(type), id));
        item.put("body", s(json));
        item.put("bodyHash", s(hash));
        item.put("version", n(version));
        item.put("updatedAt", n(clock.millis()));
        return item;
    }

    private static <T extends Record> StoredFact<T> fact(Class<T> type, Map<String, AttributeValue> item) {
        String id = str(item, SK);
        return new StoredFact<>(FactStore.typeName(type), id, FactJson.read(str(item, "body"), type, id),
                num(item, "version"), Instant.ofEpochMilli(num(item, "updatedAt")));
    }

    static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e; // callers decide what a lost condition means
        } catch (SdkException e) {
            throw new StoreException("store: " + what + " failed: " + e.getMessage(), e);
        }
    }
}
