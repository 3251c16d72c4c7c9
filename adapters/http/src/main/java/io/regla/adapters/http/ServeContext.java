package io.regla.adapters.http;

import io.regla.adapters.http.auth.Accounts;
import io.regla.api.RulesEngine;
import io.regla.api.spi.Store;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code regla serve} hands a {@link RouteModuleFactory}: the engine and store it runs on (a module keeps its
 * own facts under its own types), the clock (the only wall time), the zone of reports, the process environment
 * (secrets such as webhook keys), the accounts (a demo seeds users), where to run periodic work, and the console.
 *
 * @param demo true under {@code regla serve --demo}: a module may seed demonstration data and users
 */
public record ServeContext(RulesEngine engine, Store store, Clock clock, ZoneId zone, Map<String, String> environment,
                           Accounts accounts, Background background, boolean demo, PrintWriter console) {

    /** Periodic work on the server's single background thread (so two passes never overlap). */
    public interface Background {
        /** Runs {@code task} now and then every {@code every}; a failing pass is logged and retried next time. */
        void every(String name, Duration every, Runnable task);

        /**
         * True once the server is stopping (Ctrl-C, SIGTERM): a long pass (a demo data load) ends at its next safe
         * point instead of running on against a store about to close.
         */
        default boolean stopping() {
            return false;
        }
    }

    public ServeContext {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(console, "console");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** An environment variable, if set and not blank. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
