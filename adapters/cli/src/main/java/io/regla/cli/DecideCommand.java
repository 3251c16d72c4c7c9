package io.regla.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FiredRule;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.facts.Json;
import io.regla.core.registry.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code regla decide}: one decision over facts from a file, printed as JSON. */
@Command(name = "decide", description = "Decide over facts from a JSON, YAML or CSV file and print the decision as JSON.")
final class DecideCommand implements Callable<Integer> {

    @Option(names = "--rule-set", required = true, paramLabel = "ID")
    String ruleSet;

    @Option(names = "--version", paramLabel = "V", description = "Pin a version (default: the one effective at --at).")
    String version;

    @Option(names = "--at", paramLabel = "T", description = "As-of instant with offset, e.g. 2026-03-02T09:00:00-03:00 (default: now).")
    String at;

    @Option(names = "--facts", required = true, paramLabel = "FILE", description = "Facts: .json/.yaml as '- Type: {fields}' entries, or .csv (one type per file).")
    Path facts;

    @Option(names = "--no-trace", description = "Leave the trace out.")
    boolean noTrace;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(facts)) throw new CliException("--facts " + facts + ": no such file");
        DecideOptions.Builder b = DecideOptions.builder().version(version).tracing(!noTrace);
        if (at != null) {
            Instant asOf = Manifest.parseInstant(at, ZoneOffset.UTC);
            if (asOf == null) throw new CliException("--at '" + at + "' is not an ISO-8601 instant (2026-03-02T09:00:00-03:00)");
            b.asOf(asOf);
        }
        DecideOptions options = b.build();
        try (DroolsEngine engine = engineOptions.engine()) {
            if (options.asOf() == null) options = options.toBuilder().asOf(engine.clock().instant()).build();
            List<Object> input = engine.readFacts(ruleSet, options, facts);
            Decision d = engine.decide(ruleSet, input, options);
            spec.commandLine().getOut().println(Json.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(d)));
        }
        return ReglaCli.OK;
    }

    /** The decision as JSON: actions carry their type, the trace its firings. */
    static ObjectNode toJson(Decision d) {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("ruleSet", d.ruleSet());
        root.put("version", d.version().toString());
        root.put("asOf", d.asOf().toString());
        ArrayNode actions = root.putArray("actions");
        for (Action a : d.actions()) {
            ObjectNode n = actions.addObject();
            n.put("type", a.type());
            n.setAll((ObjectNode) Json.JSON.valueToTree(a));
        }
        ArrayNode warnings = root.putArray("warnings");
        d.warnings().forEach(warnings::add);
        if (d.trace().enabled()) {
            ArrayNode trace = root.putArray("trace");
            for (FiredRule r : d.trace().firings()) {
                ObjectNode n = trace.addObject();
                n.put("sequence", r.sequence());
                n.put("rule", r.rule());
                ArrayNode f = n.putArray("facts");
                r.facts().forEach(f::add);
            }
        }
        return root;
    }
}
