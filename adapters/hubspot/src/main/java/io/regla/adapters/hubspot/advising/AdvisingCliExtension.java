package io.regla.adapters.hubspot.advising;

import io.regla.cli.CliExtension;

import java.util.List;

/** Adds {@code regla check-table} and {@code regla advising sync}. */
public final class AdvisingCliExtension implements CliExtension {
    @Override
    public List<Object> subcommands() {
        return List.of(new CheckTableCommand(), new AdvisingCommand());
    }
}
