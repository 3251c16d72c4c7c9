package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.CursorStore;
import io.regla.api.spi.FactStore;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.api.spi.Outbox;
import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.api.spi.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Clock;
import java.util.Objects;

/**
 * The store on one DynamoDB table (single-table design: facts, outbox entries and cursors share it,
 * told apart by the partition-key prefix). {@link #createTableIfMissing()} creates the table with its
 * two outbox indexes, on demand billing.
 *
 * <p>Atomicity: {@link FactStore#putAll} is one transaction per {@value FactStore#ATOMIC_CHUNK_DYNAMODB}
 * items (DynamoDB's limit); outbox claims and cursor advances are conditional writes.
 */
public final class DynamoDbStore implements LedgerStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStore.class);

    private final DynamoDbClient db;
    private final String table;
    private final DynamoDbFactStore facts;
    private final DynamoDbOutbox outbox;
    private final DynamoDbCursorStore cursors;
    private final DynamoDbLedger ledger;

    private DynamoDbStore(DynamoDbClient db, String table, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        if (table == null || table.length() < 3 || table.length() > 255 || !table.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("DynamoDB table name must be 3-255 of [A-Za-z0-9_.-], was '" + table + "'");
        }
        this.table = table;
        this.facts = new DynamoDbFactStore(db, table, clock);
        this.outbox = new DynamoDbOutbox(db, table);
        this.cursors = new DynamoDbCursorStore(db, table, clock);
        this.ledger = new DynamoDbLedger(db, table, clock);
    }

    /** A store on an existing table (see {@link #createTableIfMissing()}); the client stays the caller's. */
    public static DynamoDbStore open(DynamoDbClient db, String table, Clock clock) {
        return new DynamoDbStore(db, table, clock);
    }

    /** Creates the table and its indexes unless it exists, and waits until it is active. */
    public DynamoDbStore createTableIfMissing() {
        try {
            db.describeTable(r -> r.tableName(table));
            return this;
        } catch (ResourceNotFoundException absent) {
            LOG.info("creating DynamoDB table {}", table);
        }
        try {
            db.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.S),
                            attr("duePk", ScalarAttributeType.S), attr("statusPk", ScalarAttributeType.S),
                            attr("dueAt", ScalarAttributeType.N))
                    .keySchema(hash("pk"), range("sk"))
                    .globalSecondaryIndexes(index(DynamoDbOutbox.DUE_INDEX, "duePk"), index(DynamoDbOutbox.STATUS_INDEX, "statusPk")));
            for (int i = 0; i < 600; i++) {
                if (db.describeTable(r -> r.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                    return this;
                }
                Thread.sleep(500);
            }
            throw new StoreException("DynamoDB table " + table + " did not become active in 5 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while creating DynamoDB table " + table, e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new StoreException("creating DynamoDB table " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(hash(partitionKey), range("dueAt"))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
    }

    @Override
    public FactStore facts() {
        return facts;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public CursorStore cursors() {
        return cursors;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    public String table() {
        return table;
    }

    /** The client belongs to the caller: nothing to release here. */
    @Override
    public void close() {
    }
}
