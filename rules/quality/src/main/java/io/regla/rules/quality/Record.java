package io.regla.rules.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a dataset as custom {@code quality} rules see it: the values of its fields typed by the contract
 * (String, Long, BigDecimal, Boolean, LocalDate, Instant; null when missing or not of the contract's type).
 *
 * <p>DRL reads them through typed accessors, which also accept the text a scenario file gives:
 * <pre>
 * $r : Record(dataset == "admissions", $in : instant("admittedAt") != null, $out : instant("dischargedAt") != null,
 *             $out.isBefore($in))
 * </pre>
 *
 * @param dataset the dataset's name
 * @param record  1-based record number in the source
 * @param key     the key fields' values joined with {@code |}
 * @param values  field name to typed value
 */
public record Record(String dataset, long record, String key, Map<String, Object> values) {

    public Record {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The field's value as read, or null. */
    public Object value(String field) {
        return values.get(field);
    }

    /** Whether the field has a value. */
    public boolean has(String field) {
        return values.get(field) != null;
    }

    public String text(String field) {
        Object v = values.get(field);
        return v == null ? null : v.toString();
    }

    public BigDecimal decimal(String field) {
        Object v = values.get(field);
        if (v == null) return null;
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Long || v instanceof Integer) return BigDecimal.valueOf(((Number) v).longValue());
        if (v instanceof Number n) return new BigDecimal(n.toString());
        return new BigDecimal(v.toString().trim());
    }

    public Long integer(String field) {
        Object v = values.get(field);
        if (v == null) return null;
        if (v instanceof Number n) return n.longValue();
        return Long.parseLong(v.toString().trim());
    }

    public Boolean bool(String field) {
        Object v = values.get(field);
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        return Boolean.parseBoolean(v.toString().trim());
    }

    public LocalDate date(String field) {
        Object v = values.get(field);
        if (v == null) return null;
        if (v instanceof LocalDate d) return d;
        if (v instanceof Instant i) return i.atOffset(ZoneOffset.UTC).toLocalDate();
        return LocalDate.parse(v.toString().trim());
    }

    /** A datetime field as an instant; text without an offset (in a scenario) is read as UTC. */
    public Instant instant(String field) {
        Object v = values.get(field);
        if (v == null) return null;
        if (v instanceof Instant i) return i;
        String s = v.toString().trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
    }

    @Override
    public String toString() {
        // Never the values: they may hold personal data and records end up in traces and logs.
        return "Record[" + dataset + "#" + record + "]";
    }
}
