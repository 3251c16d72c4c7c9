package io.regla.adapters.http.serve;

import io.regla.adapters.http.RoleRegistry;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.http.auth.UserAccount;
import io.regla.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code regla users add|list}: the people who sign in to {@code regla serve}. */
@Command(name = "users", description = "Users who sign in to regla serve.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
public final class UsersCommand {

    /** stdin, replaceable by a test. */
    static InputStream stdin = System.in;
    static Map<String, String> environment = System.getenv();

    @Command(name = "add", description = "Adds a user. The password is never taken from the command line: piped on "
            + "stdin (one line), asked for at a terminal, or, when neither gives one, generated and printed once.")
    static final class Add implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreOptions store;
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The user's role: ADMIN, DIRECTOR "
                + "(nursery back office); MANAGER, SUPERVISOR, SALES_DIRECTOR, ANALYST, SYSTEM_ADMIN (service dashboard); "
                + "any other role a route module here declares.")
        String role;
        @Option(names = "--campus", paramLabel = "CAMPUS_ID", description = "A campus the user is limited to (repeatable; a DIRECTOR needs one).")
        List<String> campuses = new ArrayList<>();
        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin; nothing there "
                + "is an error. Without this option a piped password is read the same way, a terminal asks for it (not "
                + "echoed), and with neither a password is generated and printed once.")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            // `regla users add NAME --role ROLE` as issue 12 writes it: a piped password is read as with --password-stdin
            java.io.Console console = passwordStdin || stdin != System.in ? null : System.console();
            char[] password = console != null ? console.readPassword("Contraseña de %s: ", username)
                    : passwordStdin ? readLine(stdin, true) : pipedLine(stdin);
            if (console != null && (password == null || password.length == 0)) {
                throw new CliException("users add: no password given");
            }
            try (StoreOptions.Opened opened = store.open(Clock.systemUTC(), environment)) {
                Accounts accounts = accounts(opened);
                boolean generated = password == null;
                if (generated) password = accounts.generatePassword().toCharArray();
                UserAccount added = accounts.addUser(username, role, campuses, password);
                PrintWriter out = spec.commandLine().getOut();
                out.println("added " + added.username() + " (" + added.role()
                        + (added.scope().isEmpty() ? "" : " " + String.join(",", added.scope())) + ")");
                if (generated) {
                    // Shown here once and stored only as a hash: the one way the person who ran the command learns it.
                    out.println("password (shown once, give it to " + added.username() + "): " + new String(password));
                }
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                throw new CliException("users add: " + e.getMessage());
            } finally {
                if (password != null) java.util.Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "list", description = "Lists the users: username, role, campuses (never a password hash).")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (StoreOptions.Opened opened = store.open(Clock.systemUTC(), environment)) {
                PrintWriter out = spec.commandLine().getOut();
                for (UserAccount u : accounts(opened).users()) {
                    out.println(u.username() + "\t" + u.role() + "\t" + String.join(",", u.scope())
                            + (u.lockedUntil() != null ? "\tlocked until " + u.lockedUntil() : ""));
                }
                out.flush();
                return 0;
            }
        }
    }

    static Accounts accounts(StoreOptions.Opened opened) {
        return new Accounts(opened.store().facts(), Clock.systemUTC(), RoleRegistry.fromServiceLoader());
    }

    /**
     * A password piped without {@code --password-stdin}: the first line if one arrives within {@link #PIPE_WAIT}, else
     * {@code null}. A stdin nobody writes to or closes (a script's, a service manager's) would otherwise hold the
     * command forever; a pipe ({@code printf '%s\\n' "$PW" | regla users add ...}) writes at once.
     */
    static char[] pipedLine(InputStream in) throws IOException {
        java.util.concurrent.FutureTask<char[]> read = new java.util.concurrent.FutureTask<>(() -> readLine(in, false));
        Thread reader = new Thread(read, "users-add-stdin");
        reader.setDaemon(true);
        reader.start();
        try {
            return read.get(PIPE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("users add: interrupted while reading stdin");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    static final java.time.Duration PIPE_WAIT = java.time.Duration.ofSeconds(2);

    /**
     * The first line of {@code in}; {@code null} when there is none and none was {@code required} (the caller then
     * generates one), an error naming the option when it was.
     */
    static char[] readLine(InputStream in, boolean required) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || line.isEmpty()) {
            if (!required) return null;
            throw new CliException("--password-stdin: no password on stdin (pipe it: printf '%s\\n' \"$PW\" | regla users add ...)");
        }
        return line.toCharArray();
    }
}
