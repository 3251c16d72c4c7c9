package io.regla.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code regla <command> [<sub-command> …] --help} (and {@code -h}) prints that command's usage and exits 0, for every command. */
class HelpOptionsTest {

    static void assertHelpAnswers(List<String> path, CliRun run) {
        String shown = String.join(" ", path);
        assertThat(run.exit()).as("regla %s --help: %s", shown, run.err()).isZero();
        assertThat(run.err()).as("regla %s --help", shown).isEmpty();
        assertThat(run.out()).as("regla %s --help", shown).startsWith("Usage: regla " + shown).contains("--help");
    }

    @Test
    void everyCommandOfTheCliAnswersHelpWithItsUsage() {
        List<List<String>> paths = ReglaCli.commandPaths(ReglaCli.commandLine());
        assertThat(paths).contains(List.of("validate"), List.of("mutate"), List.of("quality"), List.of("quality", "check"));
        // picocli reports a description it cannot format (a bare %) on System.err, not on the command's writer
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (List<String> path : paths) {
                for (String flag : List.of("--help", "-h")) {
                    List<String> args = new ArrayList<>(path);
                    args.add(flag);
                    assertHelpAnswers(path, CliRun.of(args.toArray(String[]::new)));
                }
            }
        } finally {
            System.setErr(systemErr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Command(name = "leaf", description = "a leaf with a required option")
    static final class Leaf implements Runnable {
        @CommandLine.Option(names = "--must", required = true)
        String must;

        public void run() {
            throw new AssertionError("help must not run the command");
        }
    }

    @Command(name = "group", description = "an extension's group", subcommands = Leaf.class)
    static final class Group {
    }

    @Command(name = "own", description = "a command using -h and --version for itself")
    static final class Own implements Runnable {
        @CommandLine.Option(names = "-h")
        String host;
        @CommandLine.Option(names = "--version")
        String version;

        public void run() {
            spec.commandLine().getOut().print("host=" + host + " version=" + version);
        }

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
    }

    private static CliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }

    private static CommandLine withExtensions(Object... subcommands) {
        CommandLine cl = new CommandLine(new ReglaCli());
        for (Object sub : subcommands) ReglaCli.addOrMerge(cl, sub);
        ReglaCli.addStandardHelpOptions(cl);
        return cl;
    }

    @Test
    void anExtensionsGroupAndItsCommandsGetHelpAndVersionWithoutRunning() {
        CommandLine cl = withExtensions(new Group());
        assertHelpAnswers(List.of("group"), run(cl, "group", "--help"));
        assertHelpAnswers(List.of("group", "leaf"), run(withExtensions(new Group()), "group", "leaf", "-h"));
        CliRun version = run(withExtensions(new Group()), "group", "leaf", "-V");
        assertThat(version.exit()).isZero();
        assertThat(version.out().trim()).isEqualTo(CliRun.of("--version").out().trim()).matches("regla \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        CliRun help = run(withExtensions(new Group()), "help", "group", "leaf");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: regla group leaf").contains("--must");
        CliRun unknown = run(withExtensions(new Group()), "help", "group", "nosuch");
        assertThat(unknown.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(unknown.err()).contains("unknown command 'nosuch' under 'regla group'").contains("'regla help group'");
        CliRun root = run(withExtensions(new Group()), "help");
        assertThat(root.exit()).isZero();
        assertThat(root.out()).startsWith("Usage: regla").contains("group").contains("Exit codes:");
    }

    @Test
    void aCommandKeepsTheNamesItUsesForItself() {
        CliRun own = run(withExtensions(new Own()), "own", "-h", "db.local", "--version", "1.2.0");
        assertThat(own.exit()).as(own.err()).isZero();
        assertThat(own.out()).isEqualTo("host=db.local version=1.2.0");
        assertHelpAnswers(List.of("own"), run(withExtensions(new Own()), "own", "--help"));
    }
}
