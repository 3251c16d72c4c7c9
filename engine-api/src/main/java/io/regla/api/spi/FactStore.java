package io.regla.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts (Java records) kept by type and id: enrolments, campuses, e-mails sent, ledger entries.
 * Adapters serialise a fact as JSON under its {@linkplain #typeName(Class) type name}; a record that
 * Jackson can write and read back (java.time included) can be stored.
 *
 * <p>Every write of changed content bumps the fact's {@linkplain StoredFact#version() version}; writing
 * the same content again changes nothing. {@link #insert} and {@link #replace} are the
 * concurrency-safe writes: they rely on the backend's unique key and compare-and-set, never on a read
 * followed by a write.
 */
public interface FactStore {

    /** The name a type is stored under: the record's simple class name ({@code Enrollment}), as scenarios spell it. */
    static String typeName(Class<?> type) {
        return type.getSimpleName();
    }

    <T extends Record> Optional<StoredFact<T>> get(Class<T> type, String id);

    /**
     * One page of facts of a type in id order.
     *
     * @param idPrefix only ids starting with this ("" for all): lets a caller group facts by key
     *                 ({@code memberId + "#"}) and read one group cheaply
     * @param afterId  start after this id (null for the first page)
     * @param limit    at most this many (1..1000)
     */
    <T extends Record> List<StoredFact<T>> list(Class<T> type, String idPrefix, String afterId, int limit);

    /** Every fact of a type, in id order (pages through {@link #list}). */
    default <T extends Record> List<T> listAll(Class<T> type) {
        List<T> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<StoredFact<T>> page = list(type, "", after, 500);
            page.forEach(f -> all.add(f.value()));
            if (page.size() < 500) {
                return all;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** Upserts one fact; returns its version afterwards (unchanged content keeps the version). */
    <T extends Record> long put(String id, T fact);

    /**
     * Writes a fact only if none exists under this type and id (a unique key, safe under concurrency).
     *
     * @return true if written, false if one already existed (left as it was)
     */
    <T extends Record> boolean insert(String id, T fact);

    /**
     * Writes a fact if its stored version is still {@code expectedVersion}.
     *
     * @return the new version
     * @throws ConcurrentUpdateException if the stored version differs or the fact does not exist
     */
    <T extends Record> long replace(String id, T fact, long expectedVersion);

    /**
     * Writes a batch: upserts, and writes conditioned on a version ({@link FactWrite#insert},
     * {@link FactWrite#replace}). On JDBC the batch is one transaction: all written or, on any error or
     * unmet condition, none. On DynamoDB each chunk of {@value #ATOMIC_CHUNK_DYNAMODB} items is one
     * transaction; a failure in a later chunk leaves the earlier ones written (re-running the same
     * batch completes it). Two writes of one fact in a batch: the later one wins.
     *
     * @throws ConcurrentUpdateException if a condition is not met or a fact changed while the batch
     *                                   was written (nothing of the transaction written)
     */
    PutAllResult putAll(List<FactWrite> writes);

    /** The largest batch DynamoDB writes atomically (TransactWriteItems). */
    int ATOMIC_CHUNK_DYNAMODB = 100;

    /** @return true if a fact was deleted */
    boolean delete(Class<? extends Record> type, String id);
}
