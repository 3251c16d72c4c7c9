package io.regla.cli;

import io.regla.api.RuleSetInfo;
import io.regla.core.decide.DroolsEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code regla versions}: rule sets, versions, effective dates, checksums, which is active. */
@Command(name = "versions", description = "List rule sets and their versions: effective date, checksum, state, and which one is active now.")
final class VersionsCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--compile", description = "Compile every version and show whether it compiles.")
    boolean compile;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (DroolsEngine engine = engineOptions.engine()) {
            Instant now = engine.clock().instant();
            out.printf("%-14s %-10s %-26s %-8s %-13s %-6s %s%n", "RULE SET", "VERSION", "EFFECTIVE FROM", "ACTIVE", "STATE", "RULES", "CHECKSUM");
            for (String id : engine.registry().ruleSets()) {
                String active = null;
                try {
                    active = engine.registry().active(id, now).version().toString();
                } catch (RuntimeException ignored) {
                    // no version effective yet
                }
                for (RuleSetInfo v : engine.registry().versions(id)) {
                    String rules = "";
                    RuleSetInfo shown = v;
                    if (compile && v.state() != RuleSetInfo.State.FAILED) {
                        try {
                            shown = engine.registry().compile(id, v.version());
                            rules = String.valueOf(engine.registry().rules(id, v.version()).size());
                        } catch (RuntimeException e) {
                            shown = engine.registry().versions(id).stream().filter(x -> x.version().equals(v.version())).findFirst().orElse(v);
                        }
                    }
                    boolean isActive = v.version() != null && v.version().toString().equals(active);
                    out.printf("%-14s %-10s %-26s %-8s %-13s %-6s %s%n", id, v.version(), v.effectiveFrom(), isActive ? "*" : "",
                            shown.state(), rules, v.checksum().substring(0, 16));
                }
            }
        }
        out.flush();
        return ReglaCli.OK;
    }
}
