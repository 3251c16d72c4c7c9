package io.regla.api.spi;

/**
 * One backend (H2 or PostgreSQL over JDBC, DynamoDB) holding facts, the outbox and cursors.
 * Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

    FactStore facts();

    Outbox outbox();

    CursorStore cursors();

    /**
     * The loyalty points ledger. Backends without one say so here rather than on first write.
     *
     * @throws UnsupportedOperationException if this backend keeps no ledger
     */
    default Ledger ledger() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no points ledger");
    }

    /** Releases connections the store opened itself (a data source handed in stays open). */
    @Override
    void close();
}
