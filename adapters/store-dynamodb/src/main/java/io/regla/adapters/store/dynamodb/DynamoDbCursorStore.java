package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.CursorStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.regla.adapters.store.dynamodb.DynamoDbFactStore.call;
import static io.regla.adapters.store.dynamodb.Items.ONLY;
import static io.regla.adapters.store.dynamodb.Items.PK;
import static io.regla.adapters.store.dynamodb.Items.key;
import static io.regla.adapters.store.dynamodb.Items.n;
import static io.regla.adapters.store.dynamodb.Items.s;
import static io.regla.adapters.store.dynamodb.Items.str;

/** Cursors as items {@code pk = "C#" + name}. */
final class DynamoDbCursorStore implements CursorStore {

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    DynamoDbCursorStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String name) {
        Map<String, AttributeValue> item = call("get cursor " + name, () -> db.getItem(r -> r.tableName(table)
                .key(key("C#" + name, ONLY)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(str(item, "cursorValue"));
    }

    @Override
    public void put(String name, String value) {
        Objects.requireNonNull(value, "value");
        call("set cursor " + name, () -> db.putItem(r -> r.tableName(table).item(item(name, value))));
    }

    @Override
    public boolean compareAndSet(String name, String expected, String value) {
        Objects.requireNonNull(value, "value");
        try {
            if (expected == null) {
                call("set cursor " + name, () -> db.putItem(r -> r.tableName(table).item(item(name, value))
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))));
            } else {
                call("set cursor " + name, () -> db.putItem(r -> r.tableName(table).item(item(name, value))
                        .conditionExpression("cursorValue = :old").expressionAttributeValues(Map.of(":old", s(expected)))));
            }
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private Map<String, AttributeValue> item(String name, String value) {
        return Map.of("pk", s("C#" + name), "sk", s(ONLY), "cursorValue", s(value), "updatedAt", n(clock.millis()));
    }
}
