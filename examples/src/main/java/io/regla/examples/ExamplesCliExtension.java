package io.regla.examples;

import io.regla.cli.CliExtension;

import java.util.List;

/** Adds {@code regla demo} to the CLI. */
public final class ExamplesCliExtension implements CliExtension {
    @Override
    public List<Object> subcommands() {
        return List.of(new DemoCommand());
    }
}
