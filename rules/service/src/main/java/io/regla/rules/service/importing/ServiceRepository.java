package io.regla.rules.service.importing;

import io.regla.rules.service.Conversation;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The import's port: where conversations and sales are kept (store-jdbc's {@code JdbcServiceRepository}).
 * Writes are idempotent by id: importing the same row twice leaves one row, importing a changed row replaces it.
 */
public interface ServiceRepository {

    /** Which of {@code ids} the store already holds as conversations. */
    Set<String> existingConversations(Collection<String> ids);

    /** Inserts or replaces conversations by id; each is unclassified until {@link #saveClassification}. */
    void upsertConversations(List<ConversationRecord> rows);

    /**
     * Inserts or replaces sales by id; the conversations they name (and, for a replaced sale, the one it named before)
     * become unclassified: whether they are successful may have changed.
     */
    void upsertSales(List<SaleRecord> rows);

    /** Up to {@code limit} unclassified conversations as rule facts, with the sales the store links to each counted. */
    List<Conversation> unclassified(int limit);

    /** Stores the rules' verdicts; the conversations are classified afterwards. */
    void saveClassification(List<Classification> verdicts);

    /** Rebuilds the per-day aggregates of every day the writes since the last refresh touched. */
    void refreshAggregates();
}
