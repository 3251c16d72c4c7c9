package io.regla.api.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads every fact kept in a store's database file, for tools that replay stored facts through rules
 * ({@code regla diff --db FILE}). Store adapters register an implementation for {@link java.util.ServiceLoader},
 * so the tool needs no compile-time dependency on them.
 */
public interface StoredFacts {

    /**
     * Every fact of the embedded database {@code file}, by type name then id.
     *
     * @throws StoreException if the file is no store or cannot be read
     */
    List<Raw> readAll(Path file);

    /**
     * One stored fact as the store keeps it.
     *
     * @param type its {@linkplain FactStore#typeName(Class) type name} ({@code Enrollment})
     * @param id   its id
     * @param json its fields as a JSON object
     */
    record Raw(String type, String id, String json) {
        public Raw {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(json, "json");
        }
    }
}
