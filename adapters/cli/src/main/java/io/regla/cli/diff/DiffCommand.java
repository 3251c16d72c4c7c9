package io.regla.cli.diff;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.regla.api.DecideOptions;
import io.regla.api.FactMappingException;
import io.regla.api.Version;
import io.regla.cli.CliException;
import io.regla.cli.EngineOptions;
import io.regla.cli.ReglaCli;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.diff.Case;
import io.regla.core.diff.Cases;
import io.regla.core.diff.DiffHtml;
import io.regla.core.diff.DiffReport;
import io.regla.core.diff.VersionDiff;
import io.regla.core.facts.FactMapper;
import io.regla.core.facts.Json;
import io.regla.core.registry.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code regla diff}: what two versions of a rule set decide differently on the same facts. */
@Command(name = "diff", description = {
        "What-if: decide the same facts with two versions of a rule set, at the same instant, and report what changes:",
        "cases unchanged and changed, per action type the actions removed, added and changed (same key, other fields),",
        "per rule the firings that disappeared and appeared, and example cases with both traces. Exit 0.",
        "Cases: with --group-by TYPE, one per fact of TYPE with the facts that reference it (a field holding its id,",
        "followed transitively; facts referencing no case join every case); otherwise one per file, YAML document,",
        "or 'given:' list."})
public final class DiffCommand implements Callable<Integer> {

    @Option(names = "--rule-set", required = true, paramLabel = "ID")
    String ruleSet;

    @Option(names = "--from", required = true, paramLabel = "V", description = "The version in service (or the older one).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "V", description = "The candidate version.")
    String to;

    @Option(names = "--facts", paramLabel = "FILE|DIR", description = "Facts as for 'regla decide': .json/.yaml ('- Type: {fields}'), .csv; a folder is read recursively.")
    Path facts;

    @Option(names = "--db", paramLabel = "FILE", description = "Also (or instead) the facts of a store's H2 file (without .mv.db).")
    Path db;

    @Option(names = "--at", paramLabel = "T", description = "As-of instant both versions decide at, e.g. 2026-03-02T09:00:00-03:00 (default: now).")
    String at;

    @Option(names = "--group-by", paramLabel = "FACT_TYPE", description = "One case per fact of this type with the facts referencing it.")
    String groupBy;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/diff.html (summary, charts, examples side by side).")
    Path report;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "3", description = "Example cases per kind of change (default: ${DEFAULT-VALUE}).")
    int examples;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new CliException("--format must be text or json, was '" + format + "'");
        if (facts == null && db == null) throw new CliException("give --facts FILE|DIR or --db FILE");
        if (examples < 0) throw new CliException("--examples must not be negative");
        try (DroolsEngine engine = engineOptions.engine()) {
            Instant asOf = at == null ? engine.clock().instant() : parseInstant(at);
            DiffReport r = run(engine, ruleSet, Version.parse(from), Version.parse(to), asOf, facts, db, groupBy, examples);
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                out.println(Json.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r.toJson()));
            } else {
                out.print(r.toText());
            }
            if (report != null) {
                Path file = DiffHtml.write(r, report);
                if (format.equals("text")) out.println("report: " + file);
            }
            out.flush();
        }
        return ReglaCli.OK;
    }

    /** The diff over facts read from files and/or a store; used by {@code regla check} too. */
    public static DiffReport run(DroolsEngine engine, String ruleSet, Version from, Version to, Instant asOf, Path facts,
                                 Path db, String groupBy, int examples) {
        // the candidate's fact types read the facts: they are what the new version will see
        FactMapper mapper = engine.mapper(ruleSet, DecideOptions.builder().version(to).asOf(asOf).build());
        List<Case> cases = new ArrayList<>();
        try {
            if (facts != null) cases.addAll(CaseFiles.read(mapper, facts));
            if (db != null) cases.add(new Case(db.getFileName().toString(), CaseFiles.fromStore(mapper, db)));
        } catch (FactMappingException e) {
            throw new CliException(e.getMessage());
        }
        if (groupBy != null) {
            List<Object> all = new ArrayList<>();
            cases.forEach(c -> all.addAll(c.facts()));
            try {
                cases = Cases.groupBy(all, groupBy);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        return VersionDiff.of(engine, ruleSet, from, to).asOf(asOf).examples(examples).run(cases);
    }

    static Instant parseInstant(String at) {
        Instant asOf = Manifest.parseInstant(at, ZoneOffset.UTC);
        if (asOf == null) throw new CliException("--at '" + at + "' is not an ISO-8601 instant (2026-03-02T09:00:00-03:00)");
        return asOf;
    }
}
