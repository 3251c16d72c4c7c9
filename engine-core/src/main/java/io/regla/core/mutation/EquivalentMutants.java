package io.regla.core.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.core.facts.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reviewed allow-list of equivalent mutants of one version: mutants that survive because they do not change what
 * the rules decide, each with the reason a person gave. It lives beside the version folders, as
 * {@code <rule-set>/equivalent-mutants/<version>.yaml}:
 * <pre>
 * - mutant: "accrual.drl:97:27 swap-operator >= -> >"
 *   reason: "points == used + points cannot happen: a Scored fact with 0 points never reaches the cap rule"
 * </pre>
 */
public final class EquivalentMutants {

    /** The folder, beside a rule set's version folders, that holds one allow-list per version. */
    public static final String FOLDER = "equivalent-mutants";

    private EquivalentMutants() {
    }

    /** Mutant id to reason; empty when the file does not exist. Throws with file and entry on a malformed file. */
    public static Map<String, String> read(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (file == null || !Files.isRegularFile(file)) return out;
        JsonNode root;
        try {
            root = Json.YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable YAML list of {mutant, reason}: " + e.getMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) return out;
        if (!root.isArray()) throw new IllegalArgumentException(file + ": expected a list of {mutant, reason}");
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            String mutant = e.path("mutant").asText("").trim();
            String reason = e.path("reason").asText("").trim();
            if (mutant.isEmpty()) throw new IllegalArgumentException(file + ": entry " + (i + 1) + ": missing 'mutant'");
            if (reason.isEmpty()) {
                throw new IllegalArgumentException(file + ": entry " + (i + 1) + " (" + mutant
                        + "): missing 'reason': an equivalent mutant needs the reviewer's reason");
            }
            out.put(mutant, reason);
        }
        return out;
    }
}
