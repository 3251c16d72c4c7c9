package io.regla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code regla help [<command> [<sub-command> …]]}: the usage of that command however deep ({@code regla help loyalty
 * migrate}), as {@code regla loyalty migrate --help} prints it. picocli's own help command reads one name only.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
        description = "Display help information about the specified command.")
final class HelpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command, and its sub-commands, to display the usage help message for.")
    List<String> commands = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine target = spec.commandLine().getParent();
        if (target == null) target = spec.commandLine();
        StringBuilder path = new StringBuilder(target.getCommandName());
        for (String name : commands) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                target.getErr().println("regla: unknown command '" + name + "' under '" + path + "'; see 'regla help"
                        + path.substring(target.getCommandSpec().root().name().length()) + "'");
                return ReglaCli.USAGE;
            }
            target = sub;
            path.append(' ').append(name);
        }
        target.usage(target.getOut());
        return ReglaCli.OK;
    }
}
