package io.regla.adapters.http;

import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.api.spi.Store;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code regla serve} hands a {@link RouteExtensionFactory}: the application it serves, the store it runs on
 * (facts, outbox, cursors: an extension keeps its own facts under its own types), the clock (the only wall time)
 * and the process environment (where secrets such as webhook keys come from).
 */
public record ServeContext(NurseryService service, Store store, Clock clock, Map<String, String> environment) {

    public ServeContext {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** An environment variable, if set and not blank. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
