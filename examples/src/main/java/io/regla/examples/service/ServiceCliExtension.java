package io.regla.examples.service;

import io.regla.cli.CliExtension;
import picocli.CommandLine.Command;

import java.util.List;

/** Adds {@code regla service import} and {@code regla service generate} to the CLI. */
public final class ServiceCliExtension implements CliExtension {

    @Command(name = "service", description = "Customer-service dashboard data (seed 003): import and generate conversations and sales.",
            subcommands = {ServiceImportCommand.class, ServiceGenerateCommand.class})
    static final class ServiceCommand {
    }

    @Override
    public List<Object> subcommands() {
        return List.of(new ServiceCommand());
    }
}
