package io.regla.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A request's JSON object, read field by field so that every error names the field. */
public final class JsonBody {

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException(null, "the request body is empty: a JSON object is expected");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadRequestException(null, "the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException(null, "the body must be a JSON object");
        }
        return new JsonBody(root);
    }

    public String requiredText(String field) {
        String v = optionalText(field);
        if (v == null || v.isBlank()) {
            throw new BadRequestException(field, "field '" + field + "' is required");
        }
        return v;
    }

    public String optionalText(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestException(field, "field '" + field + "' must be a string");
        }
        return v.asText();
    }

    public boolean requiredBoolean(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequestException(field, "field '" + field + "' is required");
        }
        if (!v.isBoolean()) {
            throw new BadRequestException(field, "field '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    /** An instant with its offset: {@code 2023-03-02T10:00:00-03:00} or {@code 2023-03-02T13:00:00Z}. */
    public Instant requiredInstant(String field) {
        String v = requiredText(field);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "field '" + field + "' must be an ISO-8601 date-time with offset, such as "
                    + "2023-03-02T10:00:00-03:00; got '" + v + "'");
        }
    }

    public LocalDate requiredDate(String field) {
        String v = requiredText(field);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "field '" + field + "' must be an ISO-8601 date such as 2023-03-06; got '" + v + "'");
        }
    }

    /** An optional whole number, or null when absent. */
    public Integer optionalInt(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new BadRequestException(field, "field '" + field + "' must be a whole number");
        }
        return v.intValue();
    }

    /** A required whole number (a long). */
    public long requiredLong(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequestException(field, "field '" + field + "' is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadRequestException(field, "field '" + field + "' must be a whole number");
        }
        return v.longValue();
    }

    /** A required decimal number, given as a JSON number or a string such as "1234.50" (exact: no binary rounding). */
    public java.math.BigDecimal requiredDecimal(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequestException(field, "field '" + field + "' is required");
        }
        try {
            if (v.isNumber()) {
                return new java.math.BigDecimal(v.asText());
            }
            if (v.isTextual()) {
                return new java.math.BigDecimal(v.asText().trim());
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new BadRequestException(field, "field '" + field + "' must be a decimal number such as 1234.50; got " + v);
    }

    /** An optional instant with offset, or null when absent. */
    public Instant optionalInstant(String field) {
        return optionalText(field) == null ? null : requiredInstant(field);
    }
}
