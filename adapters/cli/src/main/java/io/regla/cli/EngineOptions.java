package io.regla.cli;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where rule sets come from: the bundled ones and/or directories given with {@code --rules}. */
public final class EngineOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A directory of rule sets (<rule-set>/<version>/ruleset.yaml); repeatable. "
                    + "Its versions override bundled ones with the same id and version.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--no-bundled", description = "Do not load the rule sets bundled with regla.")
    boolean noBundled;

    public DroolsEngine engine() {
        return engine(false);
    }

    /** @param compileEagerly compile every version now (servers), rather than on first use (one-shot commands) */
    public DroolsEngine engine(boolean compileEagerly) {
        return engine(compileEagerly, false);
    }

    /** @param strictEverywhere check every version against the strict profile (regla validate --strict) */
    public DroolsEngine engine(boolean compileEagerly, boolean strictEverywhere) {
        Regla.Builder b = Regla.builder().compileEagerly(compileEagerly).strictEverywhere(strictEverywhere);
        if (!noBundled) b.bundledRules();
        for (Path dir : rules) {
            if (!java.nio.file.Files.isDirectory(dir)) throw new CliException("--rules " + dir + ": no such directory");
            b.rulesDirectory(dir);
        }
        try {
            return b.buildDrools();
        } catch (IllegalStateException e) {
            throw new CliException("no rule sets: none are bundled here; give --rules DIR");
        }
    }
}
