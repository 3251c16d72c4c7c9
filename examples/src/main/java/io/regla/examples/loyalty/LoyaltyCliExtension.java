package io.regla.examples.loyalty;

import io.regla.cli.CliExtension;
import picocli.CommandLine.Command;

import java.util.List;

/** Adds {@code regla loyalty statement <memberId>}, {@code regla loyalty migrate}, {@code regla loyalty generate}
 * and {@code regla loyalty repair-indexes} to the CLI. */
public final class LoyaltyCliExtension implements CliExtension {

    @Command(name = "loyalty", description = "Loyalty points ledger and the old CRM's migration.", subcommands = {LoyaltyStatementCommand.class, LoyaltyMigrateCommand.class, LoyaltyGenerateCommand.class,
            LoyaltyRepairIndexesCommand.class},
            mixinStandardHelpOptions = false)
    static final class LoyaltyCommand {
    }

    @Override
    public List<Object> subcommands() {
        return List.of(new LoyaltyCommand());
    }
}
