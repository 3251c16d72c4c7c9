package io.regla.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision as the decision log keeps it. Personal data never appears as it is: fields marked
 * {@link io.regla.api.PersonalData.Field} are masked in the actions and the trace, and the facts are kept
 * only as a hash (taken over their masked form).
 *
 * @param decisionId  unique id of this record (a UUID)
 * @param recordedAt  when the engine finished the decision (its clock)
 * @param ruleSet     the rule set's id
 * @param version     the version that decided ({@code 1.1.0})
 * @param checksum    SHA-256 of the version's files, hex: which build decided, even if a folder was edited in place
 * @param asOf        the as-of instant the rules saw
 * @param factsHash   SHA-256, hex, of the input facts in canonical JSON (see the engine's {@code FactsHash})
 * @param actionsJson the emitted actions as a JSON array of objects, each with its {@code type}
 * @param traceJson   the firings as a JSON array ({@code sequence}, {@code rule}, {@code facts}), or null
 *                    when the decision was not traced
 */
public record DecisionRecord(String decisionId, Instant recordedAt, String ruleSet, String version, String checksum,
                             Instant asOf, String factsHash, String actionsJson, String traceJson) {

    public DecisionRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(factsHash, "factsHash");
        Objects.requireNonNull(actionsJson, "actionsJson");
    }
}
