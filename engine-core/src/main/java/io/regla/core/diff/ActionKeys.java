package io.regla.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Action;
import io.regla.api.ActionKey;
import io.regla.core.facts.Json;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An action's identity, deciding whether two actions of two decisions are "the same action with other
 * fields" (changed) or two different actions (one removed, one added):
 * <ol>
 *   <li>the components marked {@link ActionKey};</li>
 *   <li>else a component named {@code key} (the outbox idempotency key of {@code SendEmail});</li>
 *   <li>else the components named {@code id} or ending in {@code Id} ({@code memberId}, {@code transactionId});</li>
 *   <li>else the first component ({@code Rejection.command}).</li>
 * </ol>
 * The key reads {@code Type[field=value, ...]}.
 */
public final class ActionKeys {

    private static final ClassValue<List<String>> KEY_FIELDS = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            return keyFields(type);
        }
    };

    private ActionKeys() {
    }

    /** The action as JSON, {@code type} first, as {@code regla decide} prints it. */
    public static ObjectNode tree(Action a) {
        ObjectNode n = Json.JSON.createObjectNode();
        n.put("type", a.type());
        JsonNode fields = Json.JSON.valueToTree(a);
        if (fields instanceof ObjectNode o) {
            o.remove("type");
            n.setAll(o);
        }
        return n;
    }

    public static String of(Action a) {
        return of(a, tree(a));
    }

    /** The key of {@code a}, whose JSON is {@code tree}. */
    static String of(Action a, ObjectNode tree) {
        List<String> names = KEY_FIELDS.get(a.getClass());
        if (names.isEmpty()) { // not a record: decide on the JSON field names
            names = fromNames(fieldNames(tree));
        }
        StringBuilder sb = new StringBuilder(a.type()).append('[');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append(", ");
            JsonNode v = tree.get(names.get(i));
            sb.append(names.get(i)).append('=').append(v == null || v.isNull() ? "null" : v.isTextual() ? v.textValue() : v.toString());
        }
        return sb.append(']').toString();
    }

    private static List<String> keyFields(Class<?> type) {
        if (!type.isRecord()) return List.of();
        RecordComponent[] components = type.getRecordComponents();
        List<String> marked = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RecordComponent c : components) {
            names.add(c.getName());
            if (c.isAnnotationPresent(ActionKey.class) || c.getAccessor().isAnnotationPresent(ActionKey.class)) {
                marked.add(c.getName());
            }
        }
        if (!marked.isEmpty()) return List.copyOf(marked);
        return fromNames(names);
    }

    private static List<String> fromNames(List<String> names) {
        if (names.contains("key")) return List.of("key");
        List<String> ids = names.stream().filter(n -> n.equals("id") || (n.length() > 2 && n.endsWith("Id"))).toList();
        if (!ids.isEmpty()) return ids;
        return names.isEmpty() ? List.of() : List.of(names.get(0));
    }

    private static List<String> fieldNames(ObjectNode tree) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!n.equals("type")) out.add(n);
        }
        return out;
    }
}
