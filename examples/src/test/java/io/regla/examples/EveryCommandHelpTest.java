package io.regla.examples;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole {@code regla} of {@code ./regla} and the distribution (every module's CliExtension on the classpath):
 * {@code regla <command> … --help} and {@code -h} print that command's usage and exit 0, and {@code regla help <command> …}
 * prints the same, for every command however deep.
 */
class EveryCommandHelpTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run regla(List<String> args) {
        CommandLine cl = ReglaCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void everyRegisteredCommandAnswersHelp() {
        List<List<String>> paths = ReglaCli.commandPaths(ReglaCli.commandLine());
        assertThat(paths).contains(List.of("demo"), List.of("serve"), List.of("loyalty"), List.of("loyalty", "migrate"),
                List.of("advising"), List.of("advising", "sync"), List.of("mailing"), List.of("mailing", "metrics"),
                List.of("service"), List.of("users"), List.of("tokens"));
        // picocli reports a description it cannot format (a bare %) on System.err, not on the command's writer
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            everyPath(paths);
        } finally {
            System.setErr(systemErr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void everyPath(List<List<String>> paths) {
        for (List<String> path : paths) {
            String shown = "regla " + String.join(" ", path);
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Run run = regla(args);
                assertThat(run.exit()).as("%s %s: %s", shown, flag, run.err()).isZero();
                assertThat(run.err()).as("%s %s", shown, flag).isEmpty();
                assertThat(run.out()).as("%s %s", shown, flag).startsWith("Usage: " + shown).contains("--help");
            }
            List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(path);
            Run viaHelp = regla(help);
            assertThat(viaHelp.exit()).as("regla help %s: %s", String.join(" ", path), viaHelp.err()).isZero();
            assertThat(viaHelp.out()).as("regla help %s", String.join(" ", path)).startsWith("Usage: " + shown);
        }
    }
}
