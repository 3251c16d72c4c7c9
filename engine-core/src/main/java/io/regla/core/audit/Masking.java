package io.regla.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.regla.api.PersonalData;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masks personal data in what the decision log writes, in three passes:
 * <ol>
 *   <li>a field marked {@link PersonalData.Field} on a fact or an action is replaced by
 *       {@link PersonalData#mask(Object)} of its value;</li>
 *   <li>a personal value of an input fact that turns up anywhere else (a rule may copy a name into an
 *       alert's message or a merge field) is replaced by its mask wherever it appears; values shorter
 *       than {@value #MIN_SCRUB_LENGTH} characters are left to the other passes, as replacing them inside
 *       any text would mangle it;</li>
 *   <li>any remaining e-mail address is masked ({@link PersonalData#maskEmailsIn}), marked or not.</li>
 * </ol>
 * Masking is deterministic, so masked records still group by person, and not reversible. It covers the
 * top-level fields of facts and actions; a nested object's personal values are caught by passes 2 and 3.
 */
final class Masking {

    static final int MIN_SCRUB_LENGTH = 3;

    private static final ClassValue<List<Field>> PERSONAL_FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && f.isAnnotationPresent(PersonalData.Field.class)) {
                        try {
                            f.setAccessible(true);
                            out.add(f);
                        } catch (RuntimeException e) {
                            // a module we cannot open: its value is still caught by the e-mail pass
                        }
                    }
                }
            }
            return List.copyOf(out);
        }
    };

    /** Personal value (as text) to its mask, longest first so that a value inside another masks whole. */
    private final Map<String, String> known;

    private Masking(Map<String, String> known) {
        this.known = known;
    }

    /** A masking that knows the personal values of these input facts. */
    static Masking forFacts(Iterable<?> facts) {
        Set<String> values = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (Object fact : facts) {
            if (fact == null) continue;
            for (Field f : PERSONAL_FIELDS.get(fact.getClass())) {
                Object v = read(f, fact);
                if (v instanceof CharSequence text && text.length() >= MIN_SCRUB_LENGTH) values.add(text.toString());
            }
        }
        Map<String, String> known = new LinkedHashMap<>();
        for (String v : values) known.put(v, PersonalData.mask(v));
        return new Masking(known);
    }

    /** The names of the personal fields of this type. */
    static List<String> personalFields(Class<?> type) {
        return PERSONAL_FIELDS.get(type).stream().map(Field::getName).toList();
    }

    /** Masks the marked fields of {@code value}'s JSON {@code tree} (in place), then every string in it. */
    JsonNode mask(Object value, JsonNode tree) {
        if (value != null && tree instanceof ObjectNode object) {
            for (Field f : PERSONAL_FIELDS.get(value.getClass())) {
                JsonNode current = object.get(f.getName());
                if (current != null && !current.isNull()) {
                    object.put(f.getName(), PersonalData.mask(current.isTextual() ? current.textValue() : current));
                }
            }
        }
        return scrub(tree);
    }

    /** Masks known personal values and e-mail addresses in every string of the tree (in place). */
    JsonNode scrub(JsonNode node) {
        if (node instanceof TextNode t) {
            String masked = text(t.textValue());
            return masked.equals(t.textValue()) ? t : TextNode.valueOf(masked);
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, scrub(object.get(name)));
            }
            // a map's keys can be personal too (merge fields keyed by e-mail, say)
            for (String name : names) {
                String masked = text(name);
                if (!masked.equals(name)) object.set(masked, object.remove(name));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrub(array.get(i)));
            }
        }
        return node;
    }

    /** A text with known personal values and e-mail addresses masked. */
    String text(String text) {
        if (text == null) return null;
        String out = text;
        for (Map.Entry<String, String> e : known.entrySet()) {
            if (out.contains(e.getKey())) out = out.replace(e.getKey(), e.getValue());
        }
        return PersonalData.maskEmailsIn(out);
    }

    private static Object read(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            return null;
        }
    }
}
