package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.ledger.PurchaseRecord;
import io.regla.rules.loyalty.ledger.RefundRecord;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.regla.adapters.store.dynamodb.Items.PK;
import static io.regla.adapters.store.dynamodb.Items.SK;
import static io.regla.adapters.store.dynamodb.Items.s;
import static io.regla.adapters.store.dynamodb.Items.str;

/**
 * The loyalty purchase history in the store's table: a purchase and the refunds of it accepted so far share
 * partition {@code LP#<transaction id>} (the purchase under sort key {@code #PURCHASE}, each refund under
 * {@code F#<refund id>}), so one query reads a purchase with its refunds. Writes are conditional puts (the
 * item must be absent): the first record of an id stays, a repeat is a no-op, whatever the retries.
 */
final class DynamoDbPurchaseHistory implements PurchaseHistory {

    private static final String PREFIX = "LP#";
    private static final String PURCHASE = "#PURCHASE";
    private static final String REFUND = "F#";

    private final DynamoDbClient db;
    private final String table;

    DynamoDbPurchaseHistory(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public Map<String, Purchase> purchases(Collection<String> transactionIds) {
        Map<String, Purchase> out = new HashMap<>();
        for (String id : new LinkedHashSet<>(transactionIds)) {
            PurchaseRecord t = null;
            Map<String, BigDecimal> refunds = new LinkedHashMap<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = query(id, start);
                for (Map<String, AttributeValue> item : page.items()) {
                    String sk = str(item, SK);
                    if (PURCHASE.equals(sk)) {
                        t = new PurchaseRecord(id, str(item, "memberId"), new BigDecimal(str(item, "amount")), str(item, "currency"),
                                str(item, "category"), str(item, "channel"), str(item, "merchantId"), OffsetDateTime.parse(str(item, "postedAt")));
                    } else if (sk.startsWith(REFUND)) {
                        refunds.put(sk.substring(REFUND.length()), new BigDecimal(str(item, "amount")));
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            if (t != null) out.put(id, new Purchase(t, refunds));
        }
        return out;
    }

    private QueryResponse query(String transactionId, Map<String, AttributeValue> start) {
        try {
            return db.query(r -> r.tableName(table).keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":pk", s(PREFIX + transactionId))).consistentRead(true).exclusiveStartKey(start));
        } catch (SdkException e) {
            throw new StoreException("read purchase " + transactionId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void recordPurchases(List<PurchaseRecord> transactions) {
        for (PurchaseRecord t : transactions) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(PK, s(PREFIX + t.id()));
            item.put(SK, s(PURCHASE));
            item.put("memberId", s(t.memberId()));
            item.put("amount", s(t.amount().toPlainString()));
            item.put("postedAt", s(t.at().toString()));
            optional(item, "currency", t.currency());
            optional(item, "category", t.category());
            optional(item, "channel", t.channel());
            optional(item, "merchantId", t.merchantId());
            putIfAbsent(item, "record purchase " + t.id());
        }
    }

    @Override
    public void recordRefunds(List<RefundRecord> refunds) {
        for (RefundRecord f : refunds) {
            putIfAbsent(Map.of(PK, s(PREFIX + f.transactionId()), SK, s(REFUND + f.id()), "amount", s(f.amount().toPlainString())),
                    "record refund " + f.id());
        }
    }

    private static void optional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, s(value));
    }

    private void putIfAbsent(Map<String, AttributeValue> item, String what) {
        try {
            db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException recorded) {
            // recorded before (idempotent by id): the first record stays
        } catch (SdkException e) {
            throw new StoreException(what + ": " + e.getMessage(), e);
        }
    }
}
