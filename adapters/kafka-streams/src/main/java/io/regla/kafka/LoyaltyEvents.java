package io.regla.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * The JSON of the input topics. Every event names its member ({@code memberId}) and is keyed by it, a refund
 * too: the card's member is known where the refund is issued, and keying by it puts the refund in the task
 * that holds its purchase (the purchase store is partitioned like the ledger). An optional {@code type}
 * field must agree with the topic.
 */
public final class LoyaltyEvents {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LoyaltyEvents() {
    }

    /** The kinds of input, in the order events of one instant are decided. */
    public enum Kind {
        TRANSACTION, REFUND, REDEMPTION;

        static Kind ofType(String type) {
            try {
                return valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadEvent("unknown type " + type + " (expected TRANSACTION, REFUND or REDEMPTION)");
            }
        }
    }

    /** An input event that cannot be decided: goes to the dead-letter topic with this reason. */
    public static final class BadEvent extends RuntimeException {
        public BadEvent(String reason) {
            super(reason);
        }
    }

    /** A parsed event: what the processor buffers and orders. */
    public record Event(Kind kind, String id, String memberId, Instant at, Object value) {
    }

    /** Parses one record of the topic of {@code kind}; the record key must be the member id when there is one. */
    public static Event parse(Kind kind, String key, String json) {
        if (json == null) throw new BadEvent("empty record");
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadEvent("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new BadEvent("malformed JSON: expected an object");
        if (node.hasNonNull("type") && Kind.ofType(node.get("type").asText()) != kind) {
            throw new BadEvent("type " + node.get("type").asText() + " on the " + kind + " topic");
        }
        String id = text(node, "id");
        String memberId = text(node, "memberId");
        if (key != null && !key.equals(memberId)) {
            throw new BadEvent("record key " + key + " is not the event's memberId " + memberId);
        }
        OffsetDateTime at = time(node, "at");
        Object value = switch (kind) {
            case TRANSACTION -> new CardTransaction(id, memberId, amount(node, "amount"), text(node, "currency"),
                    optional(node, "category"), optional(node, "channel"), optional(node, "merchantId"), at);
            case REFUND -> new Refund(id, text(node, "transactionId"), amount(node, "amount"), at);
            case REDEMPTION -> new RedemptionRequest(id, memberId, number(node, "points"), optional(node, "rewardId"), at);
        };
        return new Event(kind, id, memberId, at.toInstant(), value);
    }

    /** A member of the members topic. */
    public static Member parseMember(String json) {
        try {
            return JSON.readValue(json, Member.class);
        } catch (ValueInstantiationException e) {
            // the record refused it (a missing tier or status): its own words, not Jackson's "Cannot construct instance"
            Throwable refused = e.getCause() != null ? e.getCause() : e;
            throw new BadEvent("invalid member: " + refused.getMessage());
        } catch (JsonProcessingException e) {
            throw new BadEvent("malformed member JSON: " + e.getOriginalMessage());
        }
    }

    /** The JSON of an event as the input topics carry it (tests and producers). */
    public static String toJson(Object event, String memberId) {
        ObjectNode node = JSON.valueToTree(event);
        node.put("memberId", memberId);
        node.remove("refundedBefore");
        return node.toString();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt state store value of " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt state store value: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) throw new BadEvent("field " + field + " is missing");
        return v.asText();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigDecimal amount(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new BadEvent("field " + field + " is not a number: " + s);
        }
    }

    private static long number(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new BadEvent("field " + field + " is not a whole number: " + s);
        }
    }

    private static OffsetDateTime time(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return OffsetDateTime.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadEvent("field " + field + " is not an ISO date-time with offset: " + s);
        }
    }
}
