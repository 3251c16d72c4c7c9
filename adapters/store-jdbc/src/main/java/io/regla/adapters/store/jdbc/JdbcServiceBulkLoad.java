package io.regla.adapters.store.jdbc;

import io.regla.api.RulesEngine;
import io.regla.rules.service.Conversation;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.importing.Classification;
import io.regla.rules.service.importing.ConversationRecord;
import io.regla.rules.service.importing.SaleRecord;
import io.regla.rules.service.importing.ServiceImport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Loads generated (already valid) conversations and sales straight into an <b>empty</b> service store: a large batch
 * per transaction, prepared statements in JDBC batches, each batch classified in memory by the same
 * {@link ServiceImport#classify} the import runs, rows written already classified (with their sales count and
 * revenue), then the per-day aggregates rebuilt by the repository's own {@link JdbcServiceRepository#refreshAggregates()}.
 * The result equals {@code regla service import} of the same records as CSV (H2ServiceBulkLoadProperties) without
 * the import's per-row re-reads: what takes the benchmark's million conversations from hours to minutes.
 * <p>
 * The conversation and sale tables' plain indexes are dropped while the rows go in and created again by
 * {@link #finish()} (on H2): a load stopped before {@code finish} leaves a store to delete, not to use.
 * <p>
 * Records arrive as {@link io.regla.rules.service.demo.ContactCentreGenerator} emits them: each conversation
 * followed by its sales. Not for user files (no validation): those go through the import.
 */
public final class JdbcServiceBulkLoad {

    /** Conversations per transaction (and per rules decision). */
    public static final int BATCH = 10_000;

    private final Jdbc jdbc;
    private final JdbcServiceRepository repository;
    private final RulesEngine engine;
    private final Instant at;
    private final List<ConversationRecord> conversations = new ArrayList<>(BATCH);
    private final java.util.Set<String> batchIds = new java.util.HashSet<>();
    private final List<SaleRecord> sales = new ArrayList<>();
    private final Map<String, Integer> ranks = new TreeMap<>();
    /** The indexes dropped for the load, created again by {@link #finish()}. */
    private final List<String> deferred;
    private long loadedConversations;
    private long loadedSales;

    /**
     * @param engine holds the bundled {@code service} rule set
     * @param at     the decision time of the classification (as the import's clock)
     * @throws IllegalStateException when the store already holds service conversations (this load only appends)
     */
    public JdbcServiceBulkLoad(JdbcStore store, RulesEngine engine, Instant at) {
        this(store, engine, at, null);
    }

    /** The same, with the days dated in {@code zone} (null: the store's, see {@link JdbcServiceRepository}). */
    public JdbcServiceBulkLoad(JdbcStore store, RulesEngine engine, Instant at, java.time.ZoneId zone) {
        this.jdbc = new Jdbc(store.dataSource());
        this.repository = new JdbcServiceRepository(store, zone);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.at = Objects.requireNonNull(at, "at");
        long held = jdbc.call("count service conversations", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + JdbcServiceRepository.CONVERSATION)) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (held > 0) {
            throw new IllegalStateException("the bulk load needs an empty service store; this one holds " + held
                    + " conversations (use `regla service import` to add to it)");
        }
        this.deferred = jdbc.transaction("defer the service indexes for a bulk load", c -> {
            if (!c.getMetaData().getDatabaseProductName().startsWith("H2")) return List.<String>of();
            try (Statement s = c.createStatement()) {
                // H2's default page cache (64 MiB) makes the primary key of a million random UUIDs spill
                s.execute("SET CACHE_SIZE " + CACHE_KB);
            }
            return dropSecondaryIndexes(c);
        });
    }

    /** H2's page cache during the load, in KiB (the primary key's B-tree of a million UUIDs stays in memory). */
    static final int CACHE_KB = 262_144;
    /** The bulk tables whose plain indexes are dropped for the load and created again once it is in. */
    private static final List<String> DEFERRED_TABLES = List.of(JdbcServiceRepository.CONVERSATION, "regla_service_sale");

    /**
     * H2: drops the plain (non-unique) indexes of the bulk tables and returns the statements that create them again.
     * Inserting a million rows into seven random-order B-trees is what made the load take an hour (page cache
     * misses on every insert); creating each index afterwards sorts the table once. Read from the schema, so a
     * migration that changes an index needs no change here.
     */
    private static List<String> dropSecondaryIndexes(Connection c) throws SQLException {
        List<String> create = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (var e : H2PlainIndexes.of(c, DEFERRED_TABLES).entrySet()) {
                s.execute("DROP INDEX " + e.getKey());
                create.add(e.getValue()[1]);
            }
        }
        return create;
    }

    /** The next conversation; the previous one's sales must all have been added. */
    public void conversation(ConversationRecord c) {
        if (conversations.size() >= BATCH) flush();
        conversations.add(c);
        batchIds.add(c.id());
    }

    /** A sale of the last conversation added (or of another conversation of the current batch). */
    public void sale(SaleRecord s) {
        if (!batchIds.contains(s.conversationId())) {
            throw new IllegalArgumentException("sale " + s.id() + ": its conversation " + s.conversationId()
                    + " is not in the current batch (add each conversation's sales right after it)");
        }
        sales.add(s);
    }

    /** Stores what is pending and rebuilds the aggregates; returns {conversations, sales} loaded. */
    public long[] finish() {
        flush();
        jdbc.transaction("store status ranks", c -> {
            for (var e : ranks.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_service_status_rank (status, status_rank) VALUES (?, ?)")) {
                    Jdbc.bind(ps, e.getKey(), e.getValue()).executeUpdate();
                }
            }
            return null;
        });
        for (String index : deferred) {
            jdbc.call("create a service index after the bulk load", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(index);
                }
                return null;
            });
        }
        repository.refreshAggregates();
        return new long[]{loadedConversations, loadedSales};
    }

    private void flush() {
        if (conversations.isEmpty()) return;
        Map<String, Integer> salesCount = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        for (SaleRecord s : sales) {
            salesCount.merge(s.conversationId(), 1, Integer::sum);
            revenue.merge(s.conversationId(), s.amount(), BigDecimal::add);
        }
        List<Conversation> facts = new ArrayList<>(conversations.size());
        for (ConversationRecord r : conversations) {
            facts.add(new Conversation(r.id(), r.customerId(), r.startedAt(), r.closedAt(), r.status(), text(r.channel()),
                    text(r.agentId()), text(r.result()), text(r.customerStatusAfter()), salesCount.getOrDefault(r.id(), 0)));
        }
        List<Classification> verdicts = ServiceImport.classify(engine, facts, at);
        verdicts.stream().filter(v -> v.customerStatus() != null).forEach(v -> ranks.put(v.customerStatus(), v.statusRank()));
        jdbc.transaction("bulk load " + conversations.size() + " conversations", c -> {
            insertConversations(c, verdicts, salesCount, revenue);
            insertSales(c);
            return null;
        });
        loadedConversations += conversations.size();
        loadedSales += sales.size();
        conversations.clear();
        batchIds.clear();
        sales.clear();
    }

    private void insertConversations(Connection c, List<Classification> verdicts, Map<String, Integer> salesCount,
                                     Map<String, BigDecimal> revenue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + JdbcServiceRepository.CONVERSATION + " (id, customer_id,"
                + " customer_name, started_at, started_day, week_start, month_start, closed_at, closed_day, status, channel,"
                + " agent_id, agent_name, first_response_seconds, resolution_seconds, result, customer_status_after,"
                + " agent_comments, classified, successful, customer_status, status_rank, sales_count, revenue)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,TRUE,?,?,?,?,?)")) {
            for (int i = 0; i < conversations.size(); i++) {
                ConversationRecord r = conversations.get(i);
                Classification v = verdicts.get(i);
                LocalDate day = repository.day(r.startedAt());
                LocalDate closed = r.closedAt() == null ? null : repository.day(r.closedAt());
                repository.dirty(day, closed, r.customerId());
                Jdbc.bind(ps, r.id(), r.customerId(), text(r.customerName()), JdbcServiceRepository.timestamp(r.startedAt()),
                        Date.valueOf(day), Date.valueOf(Granularity.WEEK.periodStart(day)),
                        Date.valueOf(Granularity.MONTH.periodStart(day)), JdbcServiceRepository.timestamp(r.closedAt()),
                        closed == null ? null : Date.valueOf(closed), r.status(), text(r.channel()), text(r.agentId()),
                        text(r.agentName()), r.firstResponseSeconds(), r.resolutionSeconds(), text(r.result()),
                        text(r.customerStatusAfter()), text(r.agentComments()), v.successful(), v.customerStatus(), v.statusRank(),
                        salesCount.getOrDefault(r.id(), 0), revenue.getOrDefault(r.id(), BigDecimal.ZERO));
                ps.addBatch();
                if ((i + 1) % 1_000 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }

    /** As the import reads a CSV cell: blank is null, the rest stripped (so both paths store the same row). */
    private static String text(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private void insertSales(Connection c) throws SQLException {
        if (sales.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_service_sale (id, product_id, product_name,"
                + " conversation_id, quantity, unit_price, amount) VALUES (?,?,?,?,?,?,?)")) {
            for (SaleRecord r : sales) {
                Jdbc.bind(ps, r.id(), r.productId(), text(r.productName()), r.conversationId(), r.quantity(), r.unitPrice(), r.amount());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
