package io.regla.adapters.http.serve;

import io.regla.cli.CliExtension;

import java.util.List;

/** Adds {@code regla serve}, {@code regla users} and {@code regla tokens} to the CLI. */
public final class HttpCliExtension implements CliExtension {
    @Override
    public List<Object> subcommands() {
        return List.of(new ServeCommand(), new UsersCommand(), new TokensCommand());
    }
}
