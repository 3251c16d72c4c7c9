package io.regla.examples.vitamina;

import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.StoredFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A write-through copy of a {@link FactStore} in memory, for a process that is the store's only writer (the
 * simulation). The daily run reads every enrolment, adaptation, contact and the whole e-mail history each simulated
 * day; reading those from H2 and parsing their JSON again was most of the simulation's time. Here a type is read
 * once, on first use; every write goes to the store first (which keeps deciding versions, uniqueness and
 * compare-and-set) and the written facts are then read back from it, so the copy holds exactly what the store holds.
 * A write that fails is read back too (it may have been applied before the failure surfaced).
 */
final class CachedFactStore implements FactStore {

    private final FactStore store;
    private final Map<String, NavigableMap<String, StoredFact<?>>> byType = new HashMap<>();

    CachedFactStore(FactStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public synchronized <T extends Record> Optional<StoredFact<T>> get(Class<T> type, String id) {
        return Optional.ofNullable(cast(loaded(type).get(id)));
    }

    @Override
    public synchronized <T extends Record> List<StoredFact<T>> list(Class<T> type, String idPrefix, String afterId, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
        String prefix = idPrefix == null ? "" : idPrefix;
        NavigableMap<String, StoredFact<?>> facts = loaded(type);
        NavigableMap<String, StoredFact<?>> from = afterId != null && afterId.compareTo(prefix) >= 0
                ? facts.tailMap(afterId, false) : facts.tailMap(prefix, true);
        List<StoredFact<T>> page = new ArrayList<>();
        for (Map.Entry<String, StoredFact<?>> e : from.entrySet()) {
            if (!e.getKey().startsWith(prefix) || page.size() == limit) {
                break;
            }
            page.add(cast(e.getValue()));
        }
        return page;
    }

    @Override
    public synchronized <T extends Record> long put(String id, T fact) {
        try {
            return store.put(id, fact);
        } finally {
            refresh(fact.getClass(), id);
        }
    }

    @Override
    public synchronized <T extends Record> boolean insert(String id, T fact) {
        try {
            return store.insert(id, fact);
        } finally {
            refresh(fact.getClass(), id);
        }
    }

    @Override
    public synchronized <T extends Record> long replace(String id, T fact, long expectedVersion) {
        try {
            return store.replace(id, fact, expectedVersion);
        } finally {
            refresh(fact.getClass(), id);
        }
    }

    @Override
    public synchronized PutAllResult putAll(List<FactWrite> writes) {
        try {
            return store.putAll(writes);
        } finally {
            writes.forEach(w -> refresh(w.fact().getClass(), w.id()));
        }
    }

    /** A write of these facts done elsewhere (the store's transaction with outbox entries), read back after. */
    synchronized PutAllResult writeThrough(List<FactWrite> writes, java.util.function.Supplier<PutAllResult> write) {
        try {
            return write.get();
        } finally {
            writes.forEach(w -> refresh(w.fact().getClass(), w.id()));
        }
    }

    @Override
    public synchronized boolean delete(Class<? extends Record> type, String id) {
        try {
            return store.delete(type, id);
        } finally {
            refresh(type, id);
        }
    }

    /** Reads one fact back after a write, if its type is held here (otherwise it is read whole on first use). */
    private <T extends Record> void refresh(Class<T> type, String id) {
        NavigableMap<String, StoredFact<?>> facts = byType.get(FactStore.typeName(type));
        if (facts == null) {
            return;
        }
        Optional<StoredFact<T>> now = store.get(type, id);
        if (now.isPresent()) {
            facts.put(id, now.get());
        } else {
            facts.remove(id);
        }
    }

    private <T extends Record> NavigableMap<String, StoredFact<?>> loaded(Class<T> type) {
        return byType.computeIfAbsent(FactStore.typeName(type), name -> {
            NavigableMap<String, StoredFact<?>> facts = new TreeMap<>();
            String after = null;
            while (true) {
                List<StoredFact<T>> page = store.list(type, "", after, 1000);
                page.forEach(f -> facts.put(f.id(), f));
                if (page.size() < 1000) {
                    return facts;
                }
                after = page.get(page.size() - 1).id();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> StoredFact<T> cast(StoredFact<?> fact) {
        return (StoredFact<T>) fact;
    }
}
