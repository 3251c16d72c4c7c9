package io.regla.cli.check;

import io.regla.api.CompilationException;
import io.regla.api.CompileError;
import io.regla.api.RuleSetInfo;
import io.regla.api.Version;
import io.regla.cli.CliException;
import io.regla.cli.ReglaCli;
import io.regla.cli.diff.DiffCommand;
import io.regla.core.Regla;
import io.regla.core.check.TableCheck;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.diff.DiffHtml;
import io.regla.core.diff.DiffReport;
import io.regla.core.mutation.MutationScore;
import io.regla.core.mutation.MutationTester;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.scenario.Coverage;
import io.regla.core.scenario.Scenario;
import io.regla.core.scenario.ScenarioFormatException;
import io.regla.core.scenario.ScenarioParser;
import io.regla.core.scenario.ScenarioResult;
import io.regla.core.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code regla check <folder>}: everything an analyst's change must pass, ending with one verdict line to attach
 * to the change. See {@link #call()} for the steps.
 */
@Command(name = "check", description = {
        "Check a rule set version before shipping it: compile (file:line:col errors), say whether it keeps to the",
        "strict profile (a version with strict: false that would be refused fails), run the rule set's scenarios",
        "(<rule-set>/scenarios) with rule coverage, run the table checks that apply (advising faculty routes),",
        "score its scenarios by mutation testing, and diff it against the version it replaces on the facts in",
        "<rule-set>/samples when present. Ends with one line 'verdict: PASS|FAIL <rule set> <version>: ...'.",
        "FOLDER is a version folder (rules/loyalty/loyalty/1.1.0) or a rule set folder (its latest version)."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FOLDER", description = "a version folder, or a rule set folder")
    Path folder;

    @Option(names = "--min-score", paramLabel = "P", defaultValue = "90",
            description = "Least mutation score, in percent, that passes (default: ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--skip-mutation", description = "Leave mutation testing out (the verdict says so).")
    boolean skipMutation;

    @Option(names = "--group-by", paramLabel = "FACT_TYPE", description = "Group the samples into cases by this fact type (as regla diff).")
    String groupBy;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "2", description = "Diff examples per kind of change (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--report", paramLabel = "DIR", description = "Write the diff's diff.html there.")
    Path report;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path versionDir = versionFolder(folder.toAbsolutePath().normalize());
        Path ruleSetDir = versionDir.getParent();
        RuleSetFolder read = RuleSetFolder.read(versionDir, versionDir.toString());
        if (read.manifest() == null) {
            throw new CliException(versionDir.resolve(Manifest.FILE_NAME) + ": " + read.errors());
        }
        String id = read.manifest().id();
        Version version = read.manifest().version();
        PrintWriter out = spec.commandLine().getOut();
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        out.println("check " + id + " " + version + "  (" + versionDir + ")");
        try (DroolsEngine engine = Regla.builder().rulesDirectory(ruleSetDir.getParent()).buildDrools()) {
            // 1. compile
            List<CompileError> errors = List.of();
            try {
                engine.registry().compile(id, version);
            } catch (CompilationException e) {
                errors = e.errors();
            }
            if (!errors.isEmpty()) {
                errors.forEach(e -> out.println("  " + read.location() + "/" + e));
                long refused = errors.stream().filter(e -> e.message().startsWith("strict:")).count();
                out.println("verdict: FAIL " + id + " " + version + ": " + errors.size() + " compile error(s)"
                        + (refused > 0 ? " (" + refused + " refused by the strict profile)" : ""));
                out.flush();
                return ReglaCli.FAILED;
            }
            out.println("validate   ok (" + engine.registry().rules(id, version).size() + " rules)");
            passed.add("compiles");
            strict(engine, read, out, passed, failed);
            // 2. scenarios and coverage
            scenarios(engine, ruleSetDir, id, version, out, passed, failed);
            // 3. table checks
            for (TableCheck check : TableCheck.installed()) {
                Optional<List<TableCheck.Finding>> findings = check.check(read, ruleSetDir, engine.clock().instant());
                if (findings.isEmpty()) continue;
                long errs = findings.get().stream().filter(TableCheck.Finding::error).count();
                findings.get().forEach(f -> out.println("  " + f.text()));
                out.println("tables     " + check.name() + ": " + errs + " error(s), " + (findings.get().size() - errs) + " warning(s)");
                if (errs > 0) failed.add(check.name() + ": " + errs + " error(s)");
                else passed.add(check.name() + " ok");
            }
            // 4. mutation score
            if (skipMutation) {
                out.println("mutation   skipped (--skip-mutation)");
                passed.add("mutation not run");
            } else {
                MutationScore score = null;
                try {
                    score = MutationTester.builder(engine).build().run(id, version);
                } catch (RuntimeException e) { // a tool failure must not read as a pass
                    out.println("mutation   failed: " + e);
                    failed.add("mutation testing failed: " + e.getMessage());
                }
                if (score != null) {
                    String line = String.format(java.util.Locale.ROOT, "mutation score: %.1f%% (%d killed of %d)", score.score(),
                            score.killed(), score.counted());
                    var survivors = score.survivors();
                    survivors.stream().limit(20).forEach(s -> out.println("  survived  " + s.mutant().rule() + "  " + s.mutant().diff()));
                    if (survivors.size() > 20) out.println("  ... " + (survivors.size() - 20) + " more (regla mutate --rule-set " + id + " lists them all)");
                    out.println("mutation   " + line);
                    if (score.score() + 1e-9 < minScore) {
                        failed.add(String.format(java.util.Locale.ROOT, "mutation score %.1f%% < %.1f%%", score.score(), minScore));
                    } else {
                        passed.add(String.format(java.util.Locale.ROOT, "mutation score %.1f%%", score.score()));
                    }
                }
            }
            // 5. diff against the version it replaces, on the samples
            diff(engine, ruleSetDir, id, read.manifest(), out, passed);
        }
        boolean ok = failed.isEmpty();
        List<String> all = new ArrayList<>(failed);
        all.addAll(passed);
        out.println("verdict: " + (ok ? "PASS " : "FAIL ") + id + " " + version + ": " + String.join("; ", all));
        out.flush();
        return ok ? ReglaCli.OK : ReglaCli.FAILED;
    }

    /**
     * The strict profile's verdict: a version it applies to was checked by the compile above; one whose ruleset.yaml
     * opts out is checked here all the same, and fails when it would be refused (an opt-out is for bundled code a
     * developer reviews, not for an analyst's folder to run what strict refuses).
     */
    private static void strict(DroolsEngine engine, RuleSetFolder read, PrintWriter out, List<String> passed, List<String> failed) {
        var compiler = engine.versionRegistry().compiler();
        if (compiler.strictSettings().appliesTo(read)) {
            out.println("strict     ok (only fact changes, its own types, values and allowed helpers)");
            passed.add("strict");
            return;
        }
        List<CompileError> refused = compiler.strictCheck(read);
        refused.forEach(e -> out.println("  " + read.location() + "/" + e));
        out.println("strict     off (strict: false in " + Manifest.FILE_NAME + "); "
                + (refused.isEmpty() ? "it would pass" : refused.size() + " finding(s) if it were strict"));
        if (refused.isEmpty()) passed.add("strict: false (would pass strict)");
        else failed.add("strict: false with " + refused.size() + " strict finding(s)");
    }

    private void scenarios(DroolsEngine engine, Path ruleSetDir, String id, Version version, PrintWriter out,
                           List<String> passed, List<String> failed) {
        Path dir = ruleSetDir.resolve("scenarios");
        if (!Files.isDirectory(dir)) {
            out.println("scenarios  none (no " + dir + ")");
            failed.add("no scenarios");
            return;
        }
        ScenarioRunner runner = new ScenarioRunner(engine);
        int ok = 0;
        int bad = 0;
        for (Path file : ScenarioParser.find(List.of(dir))) {
            List<Scenario> parsed;
            try {
                parsed = ScenarioParser.parse(file);
            } catch (ScenarioFormatException e) {
                out.println("  FAILED  " + e.getMessage());
                bad++;
                continue;
            }
            for (Scenario s : parsed) {
                if (!s.ruleSet().equals(id)) continue;
                ScenarioResult r = runner.run(s);
                if (r.version() != null && !r.version().equals(version)) continue; // another version's scenario
                if (r.passed()) ok++;
                else {
                    bad++;
                    out.print(r.report().indent(2));
                }
            }
        }
        out.println("scenarios  " + ok + " passed, " + bad + " failed");
        if (ok + bad == 0) failed.add("no scenario runs on " + version);
        else if (bad > 0) failed.add(bad + " scenario(s) failed");
        else passed.add(ok + "/" + ok + " scenarios pass");
        List<Coverage.Unfired> unfired = runner.coverage().unfired(engine.registry(), Set.of(id)).stream()
                .filter(u -> u.version().equals(version)).toList();
        out.print(Coverage.format(unfired).indent(0).replace("coverage ", "coverage   "));
        for (Coverage.Unfired u : unfired) {
            if (u.unfired().isEmpty()) passed.add(u.rules() + "/" + u.rules() + " rules fired");
            else failed.add(u.unfired().size() + " rule(s) never fired: " + u.unfired());
        }
    }

    private void diff(DroolsEngine engine, Path ruleSetDir, String id, Manifest manifest, PrintWriter out, List<String> passed) {
        Path samples = ruleSetDir.resolve("samples");
        Optional<Version> replaced = engine.registry().versions(id).stream().map(RuleSetInfo::version)
                .filter(v -> v != null && v.compareTo(manifest.version()) < 0).reduce((a, b) -> b);
        if (!Files.isDirectory(samples) || replaced.isEmpty()) {
            out.println("diff       skipped (" + (replaced.isEmpty() ? "no older version" : "no " + samples) + ")");
            passed.add("no diff (" + (replaced.isEmpty() ? "first version" : "no samples") + ")");
            return;
        }
        // both versions decide at the instant the new one takes over
        Instant at = manifest.effectiveFrom() != null ? manifest.effectiveFrom() : engine.clock().instant();
        DiffReport r = DiffCommand.run(engine, id, replaced.get(), manifest.version(), at, samples, null, groupBy, examples);
        out.print(r.toText().indent(2));
        if (report != null) out.println("  report: " + DiffHtml.write(r, report));
        out.println("diff       vs " + replaced.get() + " on " + r.cases() + " sample case(s): " + r.changed() + " changed, "
                + r.unchanged() + " unchanged" + (r.failures().isEmpty() ? "" : ", " + r.failures().size() + " failed"));
        passed.add("diff vs " + replaced.get() + " on " + r.cases() + " samples: " + r.changed() + " changed");
    }

    /** The version folder: FOLDER itself, or the latest version folder of the rule set FOLDER. */
    static Path versionFolder(Path path) {
        if (!Files.isDirectory(path)) throw new CliException(path + ": no such folder");
        if (Files.isRegularFile(path.resolve(Manifest.FILE_NAME))) return path;
        try (var list = Files.list(path)) {
            return list.filter(p -> Files.isRegularFile(p.resolve(Manifest.FILE_NAME)))
                    .max(java.util.Comparator.comparing(p -> {
                        try {
                            return Version.parse(p.getFileName().toString());
                        } catch (IllegalArgumentException e) {
                            return Version.parse("0.0.0");
                        }
                    }))
                    .orElseThrow(() -> new CliException(path + " is neither a version folder (with " + Manifest.FILE_NAME
                            + ") nor a rule set folder holding version folders"));
        } catch (java.io.IOException e) {
            throw new CliException(path + ": cannot list (" + e.getMessage() + ")");
        }
    }
}
