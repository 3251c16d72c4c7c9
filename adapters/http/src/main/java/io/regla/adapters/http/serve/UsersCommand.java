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

    @Command(name = "add", description = "Adds a user; the password is read from stdin (one line), never from the command line.")
    static final class Add implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreOptions store;
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "ADMIN, DIRECTOR, ... (the roles the route modules here know)")
        String role;
        @Option(names = "--campus", paramLabel = "CAMPUS_ID", description = "A campus the user is limited to (repeatable; a DIRECTOR needs one).")
        List<String> campuses = new ArrayList<>();
        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin (also what "
                + "happens without this option when stdin is not a terminal; at a terminal the password is asked for, not echoed).")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            // `regla users add NAME --role ROLE` as issue 12 writes it: a piped password is read as with --password-stdin
            java.io.Console console = passwordStdin || stdin != System.in ? null : System.console();
            char[] password = console != null ? console.readPassword("Contraseña de %s: ", username) : readLine(stdin);
            if (password == null || password.length == 0) {
                throw new CliException("users add: no password given");
            }
            try (StoreOptions.Opened opened = store.open(Clock.systemUTC(), environment)) {
                UserAccount added = accounts(opened).addUser(username, role, campuses, password);
                PrintWriter out = spec.commandLine().getOut();
                out.println("added " + added.username() + " (" + added.role()
                        + (added.scope().isEmpty() ? "" : " " + String.join(",", added.scope())) + ")");
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                throw new CliException("users add: " + e.getMessage());
            } finally {
                java.util.Arrays.fill(password, '\0');
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

    static char[] readLine(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || line.isEmpty()) {
            throw new CliException("--password-stdin: no password on stdin (pipe it: printf '%s\\n' \"$PW\" | regla users add ...)");
        }
        return line.toCharArray();
    }
}
