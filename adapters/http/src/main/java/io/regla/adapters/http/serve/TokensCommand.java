package io.regla.adapters.http.serve;

import io.regla.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code regla tokens create}: API tokens for services ({@code Authorization: Bearer}). */
@Command(name = "tokens", description = "API tokens for services calling regla serve.", subcommands = TokensCommand.Create.class)
public final class TokensCommand {

    @Command(name = "create", description = "Creates an API token and prints it once (only its hash is stored).")
    static final class Create implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        StoreOptions store;
        @Option(names = "--role", required = true, paramLabel = "ROLE")
        String role;
        @Option(names = "--campus", paramLabel = "CAMPUS_ID", description = "A campus the token is limited to (repeatable).")
        List<String> campuses = new ArrayList<>();

        @Override
        public Integer call() {
            try (StoreOptions.Opened opened = store.open(Clock.systemUTC(), UsersCommand.environment)) {
                String token = UsersCommand.accounts(opened).createToken(role, campuses);
                PrintWriter out = spec.commandLine().getOut();
                out.println(token);
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                throw new CliException("tokens create: " + e.getMessage());
            }
        }
    }
}
