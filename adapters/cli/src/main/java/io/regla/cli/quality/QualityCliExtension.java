package io.regla.cli.quality;

import io.regla.cli.CliExtension;

import java.util.List;

/** Adds {@code regla quality check|reconcile|history} to the CLI. */
public final class QualityCliExtension implements CliExtension {
    @Override
    public List<Object> subcommands() {
        return List.of(new QualityCommand());
    }
}
