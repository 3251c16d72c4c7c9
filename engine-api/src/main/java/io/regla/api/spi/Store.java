package io.regla.api.spi;

/**
 * One backend (H2 or PostgreSQL over JDBC, DynamoDB) holding facts, the outbox and cursors.
 * Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

    FactStore facts();

    Outbox outbox();

    CursorStore cursors();

    /** Releases connections the store opened itself (a data source handed in stays open). */
    @Override
    void close();
}
