package io.regla.api;

import java.io.Reader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The entry point: decide with a rule set, open a session, read facts, inspect versions.
 *
 * <p>Implementations are thread-safe: many threads may decide concurrently on one engine, also while
 * {@link RuleSetRegistry#reload()} replaces the versions they decide on (no call fails or sees half a reload).
 */
public interface RulesEngine extends AutoCloseable {

    /**
     * One-shot decision: inserts the facts (and the {@link Now} clock fact, when a rule can match it) into a fresh session of the
     * chosen version, fires all rules and returns what they emitted.
     */
    Decision decide(String ruleSet, Collection<?> facts, DecideOptions options);

    default Decision decide(String ruleSet, Collection<?> facts) {
        return decide(ruleSet, facts, DecideOptions.defaults());
    }

    /** Decides many independent fact groups in one session each, reusing the compiled version. */
    default List<Decision> decideAll(String ruleSet, List<? extends Collection<?>> batches, DecideOptions options) {
        return batches.stream().map(b -> decide(ruleSet, b, options)).toList();
    }

    /** A stateful session pinned to the version chosen by {@code options}, its clock at the as-of instant. */
    Session openSession(String ruleSet, DecideOptions options);

    RuleSetRegistry registry();

    /**
     * Reads facts in the shape scenarios use ({@code - Enrollment: {id: E1, ...}}) from JSON or YAML, or
     * one fact type per CSV file (a {@code type} column, or the file named after the type), mapped onto the
     * fact types of the chosen rule set version.
     *
     * @throws FactMappingException naming the source, record number and field of the first bad record
     */
    List<Object> readFacts(String ruleSet, DecideOptions options, FactFormat format, Reader in, String sourceName);

    /** {@link #readFacts(String, DecideOptions, FactFormat, Reader, String)} from a file, format by extension. */
    List<Object> readFacts(String ruleSet, DecideOptions options, Path file);

    /** The simple time the engine clock reads when a call gives no as-of instant. */
    java.time.Clock clock();

    @Override
    void close();
}
