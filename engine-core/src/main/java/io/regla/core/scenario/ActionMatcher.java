package io.regla.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Action;
import io.regla.api.FieldAlias;
import io.regla.core.facts.Mappers;
import io.regla.core.registry.Manifest;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;

/**
 * Matches emitted actions against scenario patterns: same type (simple name), and every field the
 * pattern names equal to the action's (others ignored). Numbers compare by value, instants by the
 * moment they denote (so {@code 09:00-03:00} equals {@code 12:00Z}), maps and lists recursively.
 */
public final class ActionMatcher {

    private ActionMatcher() {
    }

    public static boolean matches(Scenario.ActionPattern pattern, Action action) {
        if (!pattern.type().equals(action.type())) return false;
        JsonNode actual = Mappers.json().valueToTree(action);
        return matchesObject(canonical(pattern.fields(), action.getClass()), actual);
    }

    /** The pattern's fields with any {@link FieldAlias} name replaced by the field's own name. */
    static JsonNode canonical(JsonNode fields, Class<?> type) {
        if (!type.isRecord() || !fields.isObject()) return fields;
        ObjectNode out = null;
        for (RecordComponent c : type.getRecordComponents()) {
            FieldAlias alias = c.getAnnotation(FieldAlias.class);
            if (alias == null) continue;
            for (String a : alias.value()) {
                if (!fields.has(a)) continue;
                if (out == null) out = fields.deepCopy();
                out.set(c.getName(), out.remove(a));
            }
        }
        return out == null ? fields : out;
    }

    /** A problem with the pattern itself (a field the action type does not have), or null. */
    public static String problem(Scenario.ActionPattern pattern, Class<?> actionType) {
        if (actionType == null || !actionType.isRecord()) return null;
        for (Iterator<String> it = canonical(pattern.fields(), actionType).fieldNames(); it.hasNext(); ) {
            String f = it.next();
            boolean found = false;
            for (RecordComponent c : actionType.getRecordComponents()) found |= c.getName().equals(f);
            if (!found) {
                StringBuilder known = new StringBuilder();
                for (RecordComponent c : actionType.getRecordComponents()) known.append(known.length() == 0 ? "" : ", ").append(c.getName());
                return pattern.type() + " has no field '" + f + "' (fields: " + known + ")";
            }
        }
        return null;
    }

    private static boolean matchesObject(JsonNode expected, JsonNode actual) {
        if (actual == null || !actual.isObject()) return false;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!matchesValue(e.getValue(), actual.get(e.getKey()))) return false;
        }
        return true;
    }

    static boolean matchesValue(JsonNode expected, JsonNode actual) {
        if (expected == null || expected.isNull()) return actual == null || actual.isNull();
        if (actual == null || actual.isNull()) return false;
        if (expected.isObject()) return matchesObject(expected, actual);
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) return false;
            for (int i = 0; i < expected.size(); i++) {
                if (!matchesValue(expected.get(i), actual.get(i))) return false;
            }
            return true;
        }
        String e = expected.asText();
        String a = actual.asText();
        if (e.equals(a)) return true;
        BigDecimal en = number(e), an = number(a);
        if (en != null && an != null) return en.compareTo(an) == 0;
        Instant ei = e.contains("T") ? Manifest.parseInstant(e, ZoneOffset.UTC) : null;
        Instant ai = a.contains("T") ? Manifest.parseInstant(a, ZoneOffset.UTC) : null;
        return ei != null && ei.equals(ai);
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One line describing an action for failure messages: {@code SendEmail{template=BIENVENIDA, ...}}. */
    public static String describe(Action action) {
        return action.type() + Mappers.json().valueToTree(action).toString();
    }
}
