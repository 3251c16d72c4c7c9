package io.regla.cli.diff;

import io.regla.cli.CliExtension;
import io.regla.cli.check.CheckCommand;

import java.util.List;

/** {@code regla diff} and {@code regla check}: the analyst's what-if and pre-ship checks. */
public final class GovernanceCliExtension implements CliExtension {

    @Override
    public List<Object> subcommands() {
        return List.of(new DiffCommand(), new CheckCommand());
    }
}
