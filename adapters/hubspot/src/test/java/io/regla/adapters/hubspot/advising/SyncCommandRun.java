package io.regla.adapters.hubspot.advising;

import io.regla.cli.ReglaCli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;

/** Runs {@code regla advising sync} as the tests' user does: a store in {@code dir}, both e-mail ids, a first window. */
final class SyncCommandRun {

    private SyncCommandRun() {
    }

    /** @return the exit code; what the command printed is in {@code out} and {@code err} */
    static int sync(StringWriter out, StringWriter err, Path dir, String... extra) {
        CommandLine cl = ReglaCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] base = {"advising", "sync", "--store", dir.resolve("regla").toString(), "--enrolment-email-id", "4242",
                "--notice-email-id", "77", "--since", "2026-12-01T00:00:00Z"};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cl.execute(args);
    }
}
