package io.regla.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.regla.api.ReglaException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The {@code regla} command line. */
@Command(name = "regla", mixinStandardHelpOptions = true, versionProvider = ReglaCli.Version.class,
        description = "Versioned rule sets on Drools: validate, test scenarios, decide, list versions.",
        subcommands = {ValidateCommand.class, TestCommand.class, DecideCommand.class, VersionsCommand.class, MutateCommand.class,
                HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:rules failed: compile errors (validate), failed scenarios (test), check errors; or a provider failed for now, run again later (advising sync)",
                "2:usage error or bad input (unknown rule set, unreadable or malformed file)",
                "3:unexpected internal error (run again with --verbose for the stack trace)"})
public final class ReglaCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log engine and Drools messages and print stack traces.")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
            ((Logger) LoggerFactory.getLogger("org.drools")).setLevel(Level.WARN);
            ((Logger) LoggerFactory.getLogger("org.kie")).setLevel(Level.WARN);
        }
    }

    static boolean verbose;

    /** {@code regla <the project's version>}, as the build wrote it into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = ReglaCli.class.getResourceAsStream("version.properties")) {
                if (in != null) properties.load(in);
            }
            return new String[] {"regla " + properties.getProperty("version", "(version unknown: built without its resources)")};
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ReglaCli());
        for (CliExtension ext : ServiceLoader.load(CliExtension.class)) {
            for (Object sub : ext.subcommands()) addOrMerge(cl, sub);
        }
        addStandardHelpOptions(cl);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof CliException || ex instanceof ReglaException || ex instanceof IllegalArgumentException
                    || ex instanceof java.io.UncheckedIOException) {
                err.println("regla: " + ex.getMessage());
                if (verbose) ex.printStackTrace(err);
                return USAGE;
            }
            err.println("regla: internal error: " + ex);
            if (verbose) ex.printStackTrace(err);
            else err.println("(run again with --verbose for the stack trace)");
            return INTERNAL;
        });
        return cl;
    }

    /**
     * Adds a sub-command; a group of a name another extension already contributed (say {@code loyalty}) is
     * merged into it, so an adapter can add a command to a group defined in a module it must not depend on.
     * The group with more sub-commands keeps its description.
     */
    static void addOrMerge(CommandLine cl, Object sub) {
        CommandLine added = sub instanceof CommandLine c ? c : new CommandLine(sub);
        CommandLine existing = cl.getSubcommands().get(added.getCommandName());
        if (existing == null) {
            cl.addSubcommand(added);
            return;
        }
        CommandLine host = existing.getSubcommands().size() >= added.getSubcommands().size() ? existing : added;
        CommandLine guest = host == existing ? added : existing;
        if (host == added) {
            cl.getCommandSpec().removeSubcommand(existing.getCommandName());
            cl.addSubcommand(added);
        }
        for (var e : guest.getSubcommands().entrySet()) {
            // a fresh CommandLine: the guest's one already inherited --verbose from where it was attached
            if (!host.getSubcommands().containsKey(e.getKey())) host.addSubcommand(e.getKey(), new CommandLine(e.getValue().getCommand()));
        }
    }

    /**
     * Gives every command under {@code regla}, however deep and whichever module contributed it, the root's
     * {@code -h, --help} (its usage, exit 0) and {@code -V, --version}, as picocli's standard help options would; a
     * name a command already uses for something else is left to it. Called once the tree is complete, so commands
     * added or merged by extensions get them too.
     */
    static void addStandardHelpOptions(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        CommandLine.Model.CommandSpec root = spec.root();
        if (spec.versionProvider() == null && spec.version().length == 0) spec.versionProvider(root.versionProvider());
        if (spec.optionsMap().keySet().stream().noneMatch(n -> n.equals("--help"))) {
            spec.addOption(helpOption(spec, true, "-h", "--help"));
        }
        if (spec.optionsMap().keySet().stream().noneMatch(n -> n.equals("--version"))) {
            spec.addOption(helpOption(spec, false, "-V", "--version"));
        }
        for (CommandLine sub : cl.getSubcommands().values()) addStandardHelpOptions(sub);
    }

    private static CommandLine.Model.OptionSpec helpOption(CommandLine.Model.CommandSpec spec, boolean usage, String shortName,
                                                           String longName) {
        String[] names = spec.optionsMap().containsKey(shortName) ? new String[] {longName} : new String[] {shortName, longName};
        return CommandLine.Model.OptionSpec.builder(names)
                .usageHelp(usage).versionHelp(!usage)
                .description(usage ? "Show this help message and exit." : "Print version information and exit.")
                .build();
    }

    /** Every command path under {@code cl}, parents before their sub-commands ({@code [loyalty], [loyalty, migrate]}), aliases once. */
    public static List<List<String>> commandPaths(CommandLine cl) {
        List<List<String>> out = new ArrayList<>();
        collectPaths(cl, List.of(), out);
        return out;
    }

    private static void collectPaths(CommandLine cl, List<String> path, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) continue; // an alias
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            out.add(sub);
            collectPaths(e.getValue(), sub, out);
        }
    }

    /** Runs {@code regla} with arguments; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
