package io.regla.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.core.facts.Mappers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision log's hash of a decision's input facts, so an auditor holding the facts can prove these
 * were (or were not) the facts decided on, while the log holds no fact data.
 *
 * <p>Definition: each fact becomes canonical JSON {@code {"type":"<simple class name>","value":{...}}}
 * (object keys sorted, no whitespace, dates ISO-8601), with its {@link io.regla.api.PersonalData.Field}
 * fields and any e-mail address masked; the facts' JSON texts are sorted (the rules see a set of facts,
 * not a sequence) and joined as a JSON array; the hash is SHA-256 of its UTF-8 bytes, in lower-case hex.
 * Masking first means the hash cannot confirm a guessed e-mail address; it also means that two fact sets
 * differing only in personal data that masks alike hash alike.
 */
public final class FactsHash {

    private FactsHash() {
    }

    /** The hash the decision log writes for these input facts (nulls are skipped). */
    public static String of(Collection<?> facts) {
        return of(facts, Masking.forFacts(facts));
    }

    static String of(Collection<?> facts, Masking masking) {
        List<String> texts = new ArrayList<>(facts.size());
        for (Object fact : facts) {
            if (fact == null) continue;
            JsonNode value = masking.mask(fact, Mappers.json().valueToTree(fact));
            StringBuilder out = new StringBuilder("{\"type\":");
            appendString(out, fact.getClass().getSimpleName());
            out.append(",\"value\":");
            appendCanonical(out, value);
            texts.add(out.append('}').toString());
        }
        texts.sort(null);
        return sha256("[" + String.join(",", texts) + "]");
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** JSON with object keys sorted, so equal values give equal text whatever the property order. */
    static void appendCanonical(StringBuilder out, JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) out.append(',');
                first = false;
                appendString(out, e.getKey());
                out.append(':');
                appendCanonical(out, e.getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                appendCanonical(out, node.get(i));
            }
            out.append(']');
        } else {
            out.append(node.toString()); // scalars: Jackson's JSON text (strings quoted and escaped)
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString());
    }
}
