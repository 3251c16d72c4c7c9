package io.regla.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision where the candidate version run in shadow decided otherwise than the serving version (or
 * failed), as the decision log keeps it. Personal data is masked as in {@link DecisionRecord}.
 *
 * @param sampleId             unique id (a UUID)
 * @param recordedAt           when the engine finished both decisions (its clock)
 * @param ruleSet              the rule set's id
 * @param version              the serving version, whose decision the caller got
 * @param candidate            the candidate version decided in shadow
 * @param asOf                 the as-of instant both saw
 * @param factsHash            SHA-256 of the input facts, as in {@link DecisionRecord#factsHash()}
 * @param actionsJson          the serving decision's actions (JSON array)
 * @param candidateActionsJson the candidate's actions (JSON array), or null when it failed
 * @param differenceJson       {@code {"removed":[...],"added":[...],"changed":[{"from":..,"to":..}]}}, or null when it failed
 * @param error                the candidate's failure (exception type and message, masked), or null
 */
public record ShadowSample(String sampleId, Instant recordedAt, String ruleSet, String version, String candidate,
                           Instant asOf, String factsHash, String actionsJson, String candidateActionsJson,
                           String differenceJson, String error) {

    public ShadowSample {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(factsHash, "factsHash");
        Objects.requireNonNull(actionsJson, "actionsJson");
        if (candidateActionsJson == null && error == null) {
            throw new IllegalArgumentException("a shadow sample holds the candidate's actions or its error");
        }
    }

    public boolean failed() {
        return error != null;
    }
}
