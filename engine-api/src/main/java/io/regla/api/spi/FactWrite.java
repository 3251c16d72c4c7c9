package io.regla.api.spi;

import java.util.Objects;

/**
 * One fact to write in a {@link FactStore#putAll} batch, optionally conditioned on the version it
 * must have: several conditioned writes in one batch are one compare-and-set transaction (append a
 * ledger entry only if it is new <em>and</em> the member is still at the version read).
 *
 * @param id              the fact's id, unique per type
 * @param fact            the fact (its class names the type)
 * @param expectedVersion null: upsert whatever is stored; 0: the fact must not exist yet; n: it must be
 *                        at version n
 */
public record FactWrite(String id, Record fact, Long expectedVersion) {

    public FactWrite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fact, "fact");
        if (id.isBlank()) {
            throw new IllegalArgumentException("fact id is blank for " + fact.getClass().getSimpleName());
        }
        if (expectedVersion != null && expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must be 0 (new) or positive, was " + expectedVersion);
        }
    }

    /** An unconditional upsert. */
    public FactWrite(String id, Record fact) {
        this(id, fact, null);
    }

    /** Written only if no fact of this type has this id. */
    public static FactWrite insert(String id, Record fact) {
        return new FactWrite(id, fact, 0L);
    }

    /** Written only if the stored fact is at {@code version}. */
    public static FactWrite replace(String id, Record fact, long version) {
        if (version < 1) {
            throw new IllegalArgumentException("a stored fact's version is at least 1, was " + version);
        }
        return new FactWrite(id, fact, version);
    }

    /** For messages: {@code TestNote 'n-1'}. */
    public String describe() {
        return fact.getClass().getSimpleName() + " '" + id + "'";
    }
}
