package io.regla.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.regla.api.Decision;
import io.regla.api.ReloadReport;
import io.regla.api.Version;
import io.regla.core.audit.DecisionRecorder;
import io.regla.core.observe.EngineObserver;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine's Micrometer meters ({@code Regla.builder().meterRegistry(registry)}):
 * <ul>
 *   <li>{@code regla.decisions} (timer; tags {@code ruleSet}, {@code version}, {@code outcome} =
 *       {@code success} | {@code failure}): each {@code decide} call and its latency;</li>
 *   <li>{@code regla.decision.failures} (counter; {@code ruleSet}, {@code version}, {@code exception}):
 *       failed calls by exception type; {@code version} is {@code unresolved} when the call pinned none;</li>
 *   <li>{@code regla.rule.firings} (counter; {@code ruleSet}, {@code version}): rules fired by decisions;</li>
 *   <li>{@code regla.compile} (timer; {@code ruleSet}, {@code version}, {@code outcome}): compile time;</li>
 *   <li>{@code regla.reloads} (timer; {@code outcome} = {@code success} | {@code failure}): reloads, a
 *       reload being a failure when it threw or a version in it failed to compile;</li>
 *   <li>{@code regla.shadow.decisions}, {@code regla.shadow.differences}, {@code regla.shadow.failures} (counters;
 *       {@code ruleSet}, {@code version} = serving, {@code candidate}): decisions a candidate version also made in
 *       shadow, those where its actions differed, and those where it failed;</li>
 *   <li>{@code regla.decision.log.dropped}, {@code .written}, {@code .failed} (function counters) and
 *       {@code regla.decision.log.queued} (gauge), when the engine has a decision log.</li>
 * </ul>
 * Meters per rule set and version are looked up once and cached, so a decision costs a map lookup and
 * a timer record. Only this class and {@link OutboxMetrics} touch Micrometer types; the engine loads
 * them only when a registry is configured.
 */
public final class EngineMetrics implements EngineObserver {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();

    private record Key(String ruleSet, Version version) {
    }

    private record Meters(Timer success, Counter firings) {
    }

    private EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The observer that records into {@code registry}; {@code decisionLog}, when not null, also gets its
     * counters bound. Declared to return {@link EngineObserver} so that callers need no Micrometer type.
     */
    public static EngineObserver observer(MeterRegistry registry, DecisionRecorder decisionLog) {
        EngineMetrics metrics = new EngineMetrics(registry);
        if (decisionLog != null) bindDecisionLog(registry, decisionLog);
        return metrics;
    }

    static void bindDecisionLog(MeterRegistry registry, DecisionRecorder recorder) {
        FunctionCounter.builder("regla.decision.log.dropped", recorder, DecisionRecorder::dropped)
                .description("decisions not logged because the decision log queue was full").register(registry);
        FunctionCounter.builder("regla.decision.log.written", recorder, DecisionRecorder::written)
                .description("decisions written to the decision log").register(registry);
        FunctionCounter.builder("regla.decision.log.failed", recorder, DecisionRecorder::failed)
                .description("decisions the decision log failed to write").register(registry);
        Gauge.builder("regla.decision.log.queued", recorder, DecisionRecorder::queued)
                .description("decisions waiting to be written to the decision log").strongReference(true).register(registry);
    }

    @Override
    public void decided(Decision decision, String checksum, Collection<?> facts, int firings, long nanos) {
        Meters m = meters.computeIfAbsent(new Key(decision.ruleSet(), decision.version()), this::register);
        m.success().record(nanos, TimeUnit.NANOSECONDS);
        if (firings > 0) m.firings().increment(firings);
    }

    private Meters register(Key k) {
        Tags tags = Tags.of("ruleSet", k.ruleSet(), "version", k.version().toString());
        return new Meters(
                Timer.builder("regla.decisions").description("decide calls and their latency")
                        .tags(tags).tag("outcome", "success").register(registry),
                Counter.builder("regla.rule.firings").description("rules fired by decide calls")
                        .tags(tags).register(registry));
    }

    @Override
    public void shadowDecided(Decision serving, Decision candidate, boolean differs, Collection<?> facts) {
        shadowCounter("regla.shadow.decisions", "decisions a candidate version also made in shadow", serving, candidate.version()).increment();
        if (differs) {
            shadowCounter("regla.shadow.differences", "shadow decisions whose actions differed from the serving decision",
                    serving, candidate.version()).increment();
        }
    }

    @Override
    public void shadowFailed(Decision serving, Version candidate, RuntimeException error, Collection<?> facts) {
        shadowCounter("regla.shadow.decisions", "decisions a candidate version also made in shadow", serving, candidate).increment();
        shadowCounter("regla.shadow.failures", "shadow decisions where the candidate failed (the caller was not affected)",
                serving, candidate).increment();
    }

    private Counter shadowCounter(String name, String description, Decision serving, Version candidate) {
        return Counter.builder(name).description(description).tags("ruleSet", serving.ruleSet(), "version",
                serving.version().toString(), "candidate", candidate.toString()).register(registry);
    }

    @Override
    public void decideFailed(String ruleSet, Version version, RuntimeException error, long nanos) {
        String v = version == null ? "unresolved" : version.toString();
        Timer.builder("regla.decisions").tags("ruleSet", ruleSet, "version", v, "outcome", "failure")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("regla.decision.failures").description("failed decide calls by exception type")
                .tags("ruleSet", ruleSet, "version", v, "exception", error.getClass().getSimpleName())
                .register(registry).increment();
    }

    @Override
    public void compiled(String ruleSet, Version version, boolean ok, long nanos) {
        Timer.builder("regla.compile").description("rule set version compiles and their duration")
                .tags("ruleSet", ruleSet, "version", version == null ? "unknown" : version.toString(),
                        "outcome", ok ? "success" : "failure")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void reloaded(ReloadReport report, long nanos) {
        reload(report.failed().isEmpty(), nanos);
    }

    @Override
    public void reloadFailed(RuntimeException error, long nanos) {
        reload(false, nanos);
    }

    private void reload(boolean ok, long nanos) {
        Timer.builder("regla.reloads").description("registry reloads; failure: it threw or a version failed to compile")
                .tag("outcome", ok ? "success" : "failure").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
