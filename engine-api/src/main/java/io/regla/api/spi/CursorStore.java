package io.regla.api.spi;

import java.util.Optional;

/** Small named values that must survive restarts: a poller's last sync time, a migration's high-water mark. */
public interface CursorStore {

    Optional<String> get(String name);

    /** Sets the value, whatever it was. */
    void put(String name, String value);

    /**
     * Sets the value only if it still is {@code expected} (null: only if absent), so two pollers never
     * both advance one cursor from the same place.
     *
     * @return true if set
     */
    boolean compareAndSet(String name, String expected, String value);
}
