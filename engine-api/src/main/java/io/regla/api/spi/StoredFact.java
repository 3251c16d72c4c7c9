package io.regla.api.spi;

import java.time.Instant;

/**
 * One fact as the store holds it.
 *
 * @param type      the fact's type name ({@link FactStore#typeName(Class)})
 * @param id        the fact's id, unique per type
 * @param value     the fact itself
 * @param version   1 on first write, +1 on every write that changed it: the token for optimistic updates
 * @param updatedAt when the store last changed it
 */
public record StoredFact<T extends Record>(String type, String id, T value, long version, Instant updatedAt) {
}
