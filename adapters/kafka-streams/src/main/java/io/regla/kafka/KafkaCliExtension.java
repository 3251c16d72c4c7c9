package io.regla.kafka;

import io.regla.cli.CliExtension;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * Contributes {@code stream} to the {@code regla loyalty} group: the CLI merges groups of the same name that
 * several extensions contribute, so this adapter needs no dependency on the module that defines the others.
 */
public final class KafkaCliExtension implements CliExtension {

    @Command(name = "loyalty", description = "Loyalty points ledger and the old CRM's migration.", subcommands = LoyaltyStreamCommand.class)
    static final class LoyaltyGroup {
    }

    @Override
    public List<Object> subcommands() {
        return List.of(new LoyaltyGroup());
    }
}
