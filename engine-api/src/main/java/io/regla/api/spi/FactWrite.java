package io.regla.api.spi;

import java.util.Objects;

/**
 * One fact to upsert in a {@link FactStore#putAll} batch.
 *
 * @param id   the fact's id, unique per type
 * @param fact the fact (its class names the type)
 */
public record FactWrite(String id, Record fact) {
    public FactWrite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fact, "fact");
        if (id.isBlank()) {
            throw new IllegalArgumentException("fact id is blank for " + fact.getClass().getSimpleName());
        }
    }
}
