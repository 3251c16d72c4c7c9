package io.regla.adapters.store.jdbc;

import io.regla.rules.service.Conversation;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.importing.Classification;
import io.regla.rules.service.importing.ConversationRecord;
import io.regla.rules.service.importing.SaleRecord;
import io.regla.rules.service.importing.ServiceRepository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service import's port over the store (tables of V30). Writes replace rows by id (delete, then insert, in one
 * transaction: portable between H2 and PostgreSQL 14, which has no MERGE), clear the classification of what they
 * touch, and remember the days whose aggregates {@link #refreshAggregates()} must rebuild. Days are calendar dates
 * in the store's service zone ({@link #zone()}).
 */
public final class JdbcServiceRepository implements ServiceRepository {

    static final String CONVERSATION = "regla_service_conversation";
    private static final int IN_CHUNK = 500;

    private final Jdbc jdbc;
    /** Start days (agent_day) and closing days (resolved_day) whose aggregates are stale. */
    private final Set<LocalDate> startedDirty = ConcurrentHashMap.newKeySet();
    private final Set<LocalDate> closedDirty = ConcurrentHashMap.newKeySet();
    /** Customers whose months (chart 6) are stale. */
    private final Set<String> customersDirty = ConcurrentHashMap.newKeySet();
    private final ServiceScaleAggregates scale;

    private final ZoneId zone;

    /** Over the store's days as they are: in the zone its first import chose (UTC when none did). */
    public JdbcServiceRepository(JdbcStore store) {
        this(store, null);
    }

    /**
     * Days (start, close, week, month) are calendar dates in {@code zone}. A store holding no conversations takes
     * the zone; one that holds some keeps the zone its days were computed in.
     *
     * @throws IllegalArgumentException when the store's conversations are dated in another zone
     */
    public JdbcServiceRepository(JdbcStore store, ZoneId zone) {
        this(store, zone, true);
    }

    private JdbcServiceRepository(JdbcStore store, ZoneId zone, boolean strict) {
        this.jdbc = new Jdbc(store.dataSource());
        this.scale = new ServiceScaleAggregates(jdbc);
        this.zone = zone == null ? ServiceZone.of(jdbc) : ServiceZone.choose(jdbc, zone, strict);
    }

    /** The store's zone when it holds conversations; otherwise {@code whenEmpty}, which it takes. */
    public static JdbcServiceRepository keepingZone(JdbcStore store, ZoneId whenEmpty) {
        return new JdbcServiceRepository(store, whenEmpty, false);
    }

    /** The zone whose calendar dates this store's days are. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Set<String> existingConversations(Collection<String> ids) {
        Set<String> out = new HashSet<>();
        List<String> all = List.copyOf(ids);
        jdbc.call("find conversations", c -> {
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + CONVERSATION + " WHERE id IN (" + marks(chunk.size()) + ")")) {
                    Jdbc.bind(ps, chunk.toArray());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return out;
    }

    @Override
    public void upsertConversations(List<ConversationRecord> rows) {
        if (rows.isEmpty()) return;
        jdbc.transaction("import " + rows.size() + " conversations", c -> {
            List<String> ids = rows.stream().map(ConversationRecord::id).toList();
            markOldDays(c, ids);
            delete(c, CONVERSATION, "id", ids);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + CONVERSATION + " (id, customer_id, customer_name,"
                    + " started_at, started_day, week_start, month_start, closed_at, closed_day, status, channel, agent_id,"
                    + " agent_name, first_response_seconds, resolution_seconds, result, customer_status_after, agent_comments,"
                    + " classified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,FALSE)")) {
                for (ConversationRecord r : rows) {
                    LocalDate day = day(r.startedAt());
                    LocalDate closed = r.closedAt() == null ? null : day(r.closedAt());
                    dirty(day, closed, r.customerId());
                    Jdbc.bind(ps, r.id(), r.customerId(), r.customerName(), timestamp(r.startedAt()), Date.valueOf(day),
                            Date.valueOf(Granularity.WEEK.periodStart(day)), Date.valueOf(Granularity.MONTH.periodStart(day)),
                            timestamp(r.closedAt()), closed == null ? null : Date.valueOf(closed), r.status(), r.channel(),
                            r.agentId(), r.agentName(), r.firstResponseSeconds(), r.resolutionSeconds(), r.result(),
                            r.customerStatusAfter(), r.agentComments());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void upsertSales(List<SaleRecord> rows) {
        if (rows.isEmpty()) return;
        jdbc.transaction("import " + rows.size() + " sales", c -> {
            List<String> ids = rows.stream().map(SaleRecord::id).toList();
            Set<String> touched = new HashSet<>();
            rows.forEach(r -> touched.add(r.conversationId()));
            for (int i = 0; i < ids.size(); i += IN_CHUNK) {      // a replaced sale may have named another conversation
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id FROM regla_service_sale WHERE id IN (" + marks(chunk.size()) + ")")) {
                    Jdbc.bind(ps, chunk.toArray());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) touched.add(rs.getString(1));
                    }
                }
            }
            delete(c, "regla_service_sale", "id", ids);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_service_sale (id, product_id, product_name,"
                    + " conversation_id, quantity, unit_price, amount) VALUES (?,?,?,?,?,?,?)")) {
                for (SaleRecord r : rows) {
                    Jdbc.bind(ps, r.id(), r.productId(), r.productName(), r.conversationId(), r.quantity(), r.unitPrice(), r.amount());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<String> conversations = List.copyOf(touched);
            for (int i = 0; i < conversations.size(); i += IN_CHUNK) {
                List<String> chunk = conversations.subList(i, Math.min(conversations.size(), i + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + CONVERSATION + " SET classified = FALSE WHERE id IN ("
                        + marks(chunk.size()) + ")")) {
                    Jdbc.bind(ps, chunk.toArray());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public List<Conversation> unclassified(int limit) {
        return jdbc.call("read unclassified conversations", c -> {
            List<Conversation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.customer_id, c.started_at, c.closed_at, c.status,"
                    + " c.channel, c.agent_id, c.result, c.customer_status_after,"
                    + " (SELECT COUNT(*) FROM regla_service_sale s WHERE s.conversation_id = c.id)"
                    + " FROM " + CONVERSATION + " c WHERE c.classified = FALSE FETCH FIRST " + limit + " ROWS ONLY")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Conversation(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void saveClassification(List<Classification> verdicts) {
        if (verdicts.isEmpty()) return;
        jdbc.transaction("classify " + verdicts.size() + " conversations", c -> {
            markOldDays(c, verdicts.stream().map(Classification::conversationId).toList());
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + CONVERSATION + " SET classified = TRUE, successful = ?,"
                    + " customer_status = ?, status_rank = ?,"
                    + " sales_count = (SELECT COUNT(*) FROM regla_service_sale s WHERE s.conversation_id = ?),"
                    + " revenue = (SELECT COALESCE(SUM(s.amount), 0) FROM regla_service_sale s WHERE s.conversation_id = ?)"
                    + " WHERE id = ?")) {
                for (Classification v : verdicts) {
                    Jdbc.bind(ps, v.successful(), v.customerStatus(), v.statusRank(), v.conversationId(), v.conversationId(),
                            v.conversationId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Map<String, Integer> ranks = new java.util.TreeMap<>();
            verdicts.stream().filter(v -> v.customerStatus() != null).forEach(v -> ranks.put(v.customerStatus(), v.statusRank()));
            for (var e : ranks.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE regla_service_status_rank SET status_rank = ? WHERE status = ?")) {
                    if (Jdbc.bind(ps, e.getValue(), e.getKey()).executeUpdate() == 0) {
                        try (PreparedStatement ins = c.prepareStatement("INSERT INTO regla_service_status_rank (status, status_rank) VALUES (?, ?)")) {
                            Jdbc.bind(ins, e.getKey(), e.getValue()).executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void refreshAggregates() {
        List<LocalDate[]> started = ranges(startedDirty);
        List<LocalDate[]> closed = ranges(closedDirty);
        for (LocalDate[] r : started) {
            jdbc.transaction("aggregate days " + r[0] + ".." + r[1], c -> {
                update(c, ("DELETE FROM regla_service_agent_day WHERE started_day BETWEEN ? AND ?"),
                        Date.valueOf(r[0]), Date.valueOf(r[1]));
                update(c, ("INSERT INTO regla_service_agent_day (started_day, agent_id, channel, agent_name,"
                        + " conversations, successful, sales, revenue, first_response_sum, first_response_n, resolution_sum,"
                        + " resolution_n) SELECT started_day, COALESCE(agent_id, ''), channel, MAX(agent_name), COUNT(*),"
                        + " SUM(CASE WHEN successful THEN 1 ELSE 0 END), SUM(sales_count), SUM(revenue),"
                        + " COALESCE(SUM(first_response_seconds), 0), COUNT(first_response_seconds),"
                        + " COALESCE(SUM(resolution_seconds), 0), COUNT(resolution_seconds)"
                        + " FROM " + CONVERSATION + " WHERE started_day BETWEEN ? AND ?"
                        + " GROUP BY started_day, COALESCE(agent_id, ''), channel"), Date.valueOf(r[0]), Date.valueOf(r[1]));
                return null;
            });
        }
        for (LocalDate[] r : closed) {
            jdbc.transaction("aggregate resolutions " + r[0] + ".." + r[1], c -> {
                update(c, ("DELETE FROM regla_service_resolved_day WHERE closed_day BETWEEN ? AND ?"),
                        Date.valueOf(r[0]), Date.valueOf(r[1]));
                update(c, ("INSERT INTO regla_service_resolved_day (closed_day, started_day, resolved)"
                        + " SELECT closed_day, started_day, COUNT(*) FROM " + CONVERSATION
                        + " WHERE closed_day BETWEEN ? AND ? AND status = 'RESUELTA' GROUP BY closed_day, started_day"),
                        Date.valueOf(r[0]), Date.valueOf(r[1]));
                return null;
            });
        }
        // a first import, or a store migrated to V80, V90 or V91 after its data was imported: those parts whole, once
        boolean[] filled = scale.fillMissing();
        for (LocalDate[] r : started) scale.months(r[0], r[1], !filled[0], !filled[1], !filled[2]);
        if (!customersDirty.isEmpty() && !filled[0]) scale.customers(Set.copyOf(customersDirty));
        startedDirty.clear();
        closedDirty.clear();
        customersDirty.clear();
    }

    /** Fills V80's, V90's and V91's aggregates when conversations were stored before them (nothing otherwise). */
    public void backfill() {
        scale.fillMissing();
    }

    /** A start day (and closing day, or null) whose aggregates the next {@link #refreshAggregates()} rebuilds. */
    void dirty(LocalDate started, LocalDate closed, String customer) {
        startedDirty.add(started);
        if (closed != null) closedDirty.add(closed);
        customersDirty.add(customer);
    }

    /** Days closer than this are rebuilt as one range. */
    private static final int GAP = 31;

    /** Dirty days as [first, last] ranges: a full import rebuilds in a few statements, not one per day. */
    private static List<LocalDate[]> ranges(Set<LocalDate> days) {
        List<LocalDate[]> out = new ArrayList<>();
        LocalDate first = null;
        LocalDate last = null;
        for (LocalDate d : new TreeSet<>(days)) {
            if (last != null && !d.isAfter(last.plusDays(GAP))) {     // rebuilding a clean day costs less than a statement
                last = d;
                continue;
            }
            if (first != null) out.add(new LocalDate[]{first, last});
            first = d;
            last = d;
        }
        if (first != null) out.add(new LocalDate[]{first, last});
        return out;
    }

    /** The current days of conversations about to change: their aggregates change too. */
    private void markOldDays(Connection c, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT started_day, closed_day, customer_id FROM " + CONVERSATION
                    + " WHERE id IN (" + marks(chunk.size()) + ")")) {
                Jdbc.bind(ps, chunk.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dirty(rs.getDate(1).toLocalDate(), rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate(), rs.getString(3));
                    }
                }
            }
        }
    }

    private static void delete(Connection c, String table, String column, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " IN (" + marks(chunk.size()) + ")")) {
                Jdbc.bind(ps, chunk.toArray()).executeUpdate();
            }
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, values).executeUpdate();
        }
    }

    static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }

    static Object timestamp(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
