package io.regla.cli;

import io.regla.api.CompilationException;
import io.regla.api.CompileError;
import io.regla.api.RuleSetInfo;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.registry.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code regla validate <dir|rule-set>}: compiles every version and prints each error as file:line:col. */
@Command(name = "validate", description = {
        "Compile rule sets and print each error as file:line:col: message.",
        "TARGET is a folder of rule sets, one rule set's folder, one version's folder, or a bundled rule set's id."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TARGET", description = "dir or rule-set id")
    String target;

    @picocli.CommandLine.Option(names = "--strict", description = {
            "Check every version against the strict profile (no System, reflection, I/O, threads or eval; only allowed",
            "helpers), whatever its ruleset.yaml says. Without it, strict: as written, default true for folders."})
    boolean strict;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path path = Path.of(target);
        String onlyId = null;
        String onlyVersion = null;
        DroolsEngine engine;
        if (Files.isDirectory(path)) {
            Path root = path;
            if (Files.exists(path.resolve(Manifest.FILE_NAME))) {            // a version folder
                onlyVersion = path.toAbsolutePath().normalize().getFileName().toString();
                onlyId = path.toAbsolutePath().normalize().getParent().getFileName().toString();
                root = path.toAbsolutePath().normalize().getParent().getParent();
            } else if (hasVersionFolders(path)) {                               // one rule set's folder
                onlyId = path.toAbsolutePath().normalize().getFileName().toString();
                root = path.toAbsolutePath().normalize().getParent();
            }
            engine = Regla.builder().rulesDirectory(root).strictEverywhere(strict).buildDrools();
        } else {
            onlyId = target;
            engine = engineOptions.engine(false, strict);
            if (!engine.registry().ruleSets().contains(target)) {
                throw new CliException("'" + target + "' is neither a directory nor a known rule set; known: "
                        + String.join(", ", engine.registry().ruleSets()));
            }
        }
        var out = spec.commandLine().getOut();
        int versions = 0;
        int errors = 0;
        try (engine) {
            for (String id : engine.registry().ruleSets()) {
                if (onlyId != null && !onlyId.equals(id)) continue;
                for (RuleSetInfo v : engine.registry().versions(id)) {
                    if (onlyVersion != null && (v.version() == null || !onlyVersion.equals(v.version().toString()))) continue;
                    versions++;
                    List<CompileError> errs = v.errors();
                    if (v.state() != RuleSetInfo.State.FAILED) {
                        try {
                            engine.registry().compile(id, v.version());
                        } catch (CompilationException e) {
                            errs = e.errors();
                        }
                    }
                    for (CompileError e : errs) {
                        out.println(v.location() + "/" + e);
                        errors++;
                    }
                    if (errs.isEmpty()) {
                        out.println("ok  " + id + " " + v.version() + "  (" + engine.registry().rules(id, v.version()).size() + " rules)");
                    }
                }
            }
        }
        if (versions == 0) throw new CliException("no rule set versions found in " + target);
        out.println(versions + " version(s) checked, " + errors + " error(s)");
        out.flush();
        return errors == 0 ? ReglaCli.OK : ReglaCli.FAILED;
    }

    private static boolean hasVersionFolders(Path dir) {
        try (var list = Files.list(dir)) {
            return list.anyMatch(p -> Files.exists(p.resolve(Manifest.FILE_NAME)));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
