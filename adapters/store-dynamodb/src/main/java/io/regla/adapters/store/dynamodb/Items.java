package io.regla.adapters.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Attribute-value helpers: the SDK's builders are verbose for the few shapes this store uses. */
final class Items {

    static final String PK = "pk";
    static final String SK = "sk";
    /** A single-item row (outbox entry, cursor) has this sort key. */
    static final String ONLY = "-";

    private Items() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || Boolean.TRUE.equals(v.nul()) ? null : v.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }
}
