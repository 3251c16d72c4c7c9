package io.regla.api.spi;

import java.util.List;

/**
 * One backend (H2 or PostgreSQL over JDBC, DynamoDB) holding facts, the outbox and cursors.
 * Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

    FactStore facts();

    Outbox outbox();

    CursorStore cursors();

    /**
     * Writes facts and enqueues new outbox entries as one transaction: all of it, or (on an unmet condition, an
     * outbox key already taken, any error) none of it. For an application command whose writes must never be seen
     * half done: an enrolment marked scheduled without its adaptation, or without the e-mail the change decided.
     * The facts are written as by {@link FactStore#putAll}; each entry must be new (as {@link Outbox#enqueue}, but a
     * taken key fails the whole transaction instead of being skipped: read with {@link Outbox#find} first).
     * <ul>
     *   <li>JDBC: one database transaction.</li>
     *   <li>DynamoDB: one {@code TransactWriteItems}, so at most {@value FactStore#ATOMIC_CHUNK_DYNAMODB} items
     *       (facts plus entries) and 4 MB in all; a larger call is refused before anything is written.</li>
     * </ul>
     *
     * @throws ConcurrentUpdateException if a fact's condition is not met, a fact changed while it was written, or an
     *                                   outbox entry with one of the keys exists (nothing written)
     * @throws IllegalArgumentException  if the backend cannot write that many items in one transaction
     */
    PutAllResult putAll(List<FactWrite> facts, List<OutboxEntry> enqueue);

    /** Releases connections the store opened itself (a data source handed in stays open). */
    @Override
    void close();
}
