package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.Tier;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.migration.IsoTimes;
import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.LegacyRows;
import io.regla.rules.loyalty.migration.MigrationStore;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The CRM migration's tables (V20): the export's accepted rows, the rejects and the checkpoints, beside the
 * ledger in the same database. Lookups by id bind a batch's ids as one array (a join from {@code UNNEST(?)}: index lookups, one
 * statement per batch, on H2 and PostgreSQL alike), all on one connection per batch.
 */
final class JdbcMigrationStore implements MigrationStore {

    private static final int ARRAY = 5_000;
    /** (posting_kind, source_id): regla_ledger_posting's primary key (as H2 orders it; on PostgreSQL the order only matters for speed). */
    private static final java.util.Comparator<Object[]> POSTING_KEY_ORDER = java.util.Comparator.<Object[], String>comparing(k -> (String) k[0])
            .thenComparing(k -> (String) k[1]);

    private final Jdbc jdbc;
    private final boolean postgres;
    private final LedgerIndexDeferral deferral;

    JdbcMigrationStore(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.deferral = new LedgerIndexDeferral(jdbc, postgres);
    }

    private static String table(LegacyFile f) {
        return switch (f) {
            case MEMBERS -> "regla_migration_member";
            case TRANSACTIONS -> "regla_migration_transaction";
            case REFUNDS -> "regla_migration_refund";
            case REDEMPTIONS -> "regla_migration_redemption";
        };
    }

    private static String key(LegacyFile f) {
        return f.header().get(0);
    }

    /** H2's page cache during a migration: an eighth of the heap, at most 1 GiB (H2's default is 16 MB). */
    static long bulkCacheKiB(long maxHeapBytes) {
        return Math.min(1L << 20, Math.max(16L << 10, (maxHeapBytes >> 3) >> 10));
    }

    /**
     * On H2, raises the page cache (never lowers it) for the run: with H2's default of 16 MB, every B-tree page of the
     * migration's tables past the first few hundred thousand rows is read back and deserialised again on each insert
     * and lookup. Measured on 600,000 inserted transactions (benchmarks/README.md, "Loyalty migration, session 5:
     * pipeline"). The cache is on the heap: an eighth of it leaves the migration's own live set (tens of MiB) room.
     */
    @Override
    public void prepareBulk() {
        if (postgres) return;
        jdbc.call("size the H2 cache for the migration", c -> {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName())) return null;
            long current;
            try (PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'");
                 ResultSet rs = ps.executeQuery()) {
                current = rs.next() ? Long.parseLong(rs.getString(1).trim()) << 10 : 0; // MiB -> KiB
            }
            long wanted = bulkCacheKiB(Runtime.getRuntime().maxMemory());
            if (wanted > current) {
                try (var st = c.createStatement()) {
                    st.execute("SET CACHE_SIZE " + wanted);
                }
            }
            return null;
        });
    }

    @Override
    public Checkpoint checkpoint(String stage) {
        return jdbc.call("read checkpoint " + stage, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT position, state FROM regla_migration_checkpoint WHERE stage = ?"), stage);
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Checkpoint(rs.getLong(1), rs.getString(2)) : null;
            }
        });
    }

    /** Rows of {@code sql} (one array parameter, joined from {@code UNNEST(?)}) for the ids, by arrays of {@link #ARRAY}. */
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * One statement per {@link #ARRAY} ids, the ids bound as one array: set-based on both databases, where an
     * {@code IN (?, …)} list per batch re-prepares a statement per size and a statement per id costs a round of parsing
     * and locking each. A join from {@code UNNEST(?)}, not {@code WHERE key = ANY(?)}: both are primary-key lookups on
     * H2 2.3, but H2 re-checks {@code = ANY} on every row found by scanning the whole array, so a batch of n ids cost
     * n² string comparisons (JFR: 90 % of the key-level reconcile's samples in {@code ConditionInArray.getValueSlow}).
     */
    private void lookup(String what, String sql, Collection<?> ids, RowReader reader) {
        if (ids.isEmpty()) return;
        Object[] all = ids.toArray();
        jdbc.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int from = 0; from < all.length; from += ARRAY) {
                    Object[] part = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + ARRAY));
                    java.sql.Array array = c.createArrayOf(postgres ? "varchar" : "VARCHAR", part);
                    ps.setArray(1, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) reader.read(rs);
                    } finally {
                        array.free();
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Set<String> migrated(LegacyFile file, Collection<String> ids) {
        Set<String> out = new HashSet<>();
        lookup("find migrated " + file.key(), "SELECT t." + key(file) + " FROM UNNEST(?) AS x(id) JOIN " + table(file) + " t ON t." + key(file)
                + " = x.id", ids,
                rs -> out.add(rs.getString(1)));
        return out;
    }

    @Override
    public Map<String, MemberRef> members(Collection<String> ids) {
        Map<String, MemberRef> out = new HashMap<>();
        lookup("find members", "SELECT m.member_id, m.tier, m.status FROM UNNEST(?) AS x(id) JOIN regla_migration_member m ON m.member_id = x.id", ids,
                rs -> out.put(rs.getString(1), new MemberRef(rs.getString(2), rs.getString(3))));
        return out;
    }

    @Override
    public Set<String> rejected(LegacyFile file, Collection<String> ids) {
        Set<String> out = new HashSet<>();
        // a join from the array, not "AND record_id = ANY(?)": H2 would use only the index's file_name prefix and scan the file's rejects
        lookup("find rejected " + file.key(), "SELECT r.record_id FROM UNNEST(?) AS x(id) JOIN regla_migration_reject r ON r.file_name = '"
                + file.fileName() + "' AND r.record_id = x.id", ids, rs -> out.add(rs.getString(1)));
        return out;
    }

    @Override
    public Map<String, TransactionRef> transactions(Collection<String> ids) {
        Map<String, TransactionRef> out = new HashMap<>();
        lookup("find transactions", "SELECT t.transaction_id, t.member_id, t.amount, (SELECT COALESCE(SUM(f.amount), 0) FROM regla_migration_refund f "
                + "WHERE f.transaction_id = t.transaction_id) FROM UNNEST(?) AS x(id) JOIN regla_migration_transaction t ON t.transaction_id = x.id", ids,
                rs -> out.put(rs.getString(1), new TransactionRef(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4))));
        return out;
    }

    @Override
    public Set<Long> rejectedLines(LegacyFile file, Collection<Long> lines) {
        Set<Long> out = new HashSet<>();
        if (lines.isEmpty()) return out;
        long min = lines.stream().mapToLong(Long::longValue).min().orElseThrow(), max = lines.stream().mapToLong(Long::longValue).max().orElseThrow();
        jdbc.call("find rejected lines", c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT line_no FROM regla_migration_reject WHERE file_name = ? AND line_no BETWEEN ? AND ?"),
                    file.fileName(), min, max); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return null;
        });
        out.retainAll(new HashSet<>(lines));
        return out;
    }

    @Override
    public void commit(LegacyFile file, List<? extends LegacyRows.Row> rows, List<LegacyRows.Reject> rejects, String stage, Checkpoint checkpoint) {
        jdbc.transaction("migrate a batch of " + file.fileName(), c -> {
            insertRows(c, file, rows);
            if (!rejects.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_migration_reject (file_name, line_no, record_id, check_code, detail) "
                        + "VALUES (?, ?, ?, ?, ?)")) {
                    for (LegacyRows.Reject r : rejects) {
                        Jdbc.bind(ps, r.file().fileName(), r.line(), cut(r.recordId(), 200), r.check(), cut(r.detail(), 500));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            upsertCheckpoint(c, stage, checkpoint);
            return null;
        });
    }

    private static String cut(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }

    /** A batch's accepted rows: COPY on PostgreSQL, a JDBC batch on H2. */
    private void insertRows(Connection c, LegacyFile file, List<? extends LegacyRows.Row> rows) throws SQLException {
        if (rows.isEmpty()) return;
        String columns = switch (file) {
            case MEMBERS -> "member_id, document_id, full_name, email, tier, status, enrolled_on, points_balance";
            case TRANSACTIONS -> "transaction_id, member_id, posted_at, at_ms, amount, currency, category, merchant_id, channel";
            case REFUNDS -> "refund_id, transaction_id, member_id, refunded_at, at_ms, amount";
            case REDEMPTIONS -> "redemption_id, member_id, requested_at, at_ms, points, reward_code";
        };
        List<Object[]> values = new ArrayList<>(rows.size());
        for (LegacyRows.Row row : rows) {
            if (row instanceof LegacyRows.Member m) {
                values.add(new Object[]{m.id(), m.documentId(), m.fullName(), m.email(), m.tier(), m.status(),
                        m.enrolledOn() == null ? null : Date.valueOf(m.enrolledOn()), m.pointsBalance()});
            } else if (row instanceof LegacyRows.Transaction t) {
                values.add(new Object[]{t.id(), t.memberId(), t.postedAt().toString(), t.postedAt().toInstant().toEpochMilli(), t.amount(),
                        t.currency(), t.category(), t.merchantId(), t.channel()});
            } else if (row instanceof LegacyRows.Refund f) {
                values.add(new Object[]{f.id(), f.transactionId(), f.memberId(), f.refundedAt().toString(), f.refundedAt().toInstant().toEpochMilli(),
                        f.amount()});
            } else if (row instanceof LegacyRows.Redemption r) {
                values.add(new Object[]{r.id(), r.memberId(), r.requestedAt().toString(), r.requestedAt().toInstant().toEpochMilli(), r.points(),
                        r.rewardCode()});
            }
        }
        BulkInsert.insert(c, postgres, table(file), columns, values);
    }

    @Override
    public void saveCheckpoint(String stage, Checkpoint checkpoint) {
        jdbc.transaction("save checkpoint " + stage, c -> {
            upsertCheckpoint(c, stage, checkpoint);
            return null;
        });
    }

    private static void upsertCheckpoint(Connection c, String stage, Checkpoint cp) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("UPDATE regla_migration_checkpoint SET position = ?, state = ? WHERE stage = ?"),
                cp.position(), cp.state(), stage)) {
            if (ps.executeUpdate() == 1) return;
        }
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("INSERT INTO regla_migration_checkpoint (stage, position, state) VALUES (?, ?, ?)"),
                stage, cp.position(), cp.state())) {
            ps.executeUpdate();
        }
    }

    @Override
    public List<Member> membersAfter(String afterId, int limit) {
        String sql = "SELECT member_id, tier, status, enrolled_on FROM regla_migration_member"
                + (afterId == null ? "" : " WHERE member_id > ?") + " ORDER BY member_id LIMIT " + Math.max(1, limit);
        return jdbc.call("read members to replay", c -> {
            List<Member> out = new ArrayList<>(Math.min(limit, 10_000));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (afterId != null) ps.setString(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(member(rs));
                }
            }
            return out;
        });
    }

    private static Member member(ResultSet rs) throws SQLException {
        Date d = rs.getDate(4);
        return new Member(rs.getString(1), Tier.valueOf(rs.getString(2)), MemberStatus.valueOf(rs.getString(3)), d == null ? null : d.toLocalDate());
    }

    @Override
    public List<Object> eventsOfMembers(String fromId, String toId) {
        return jdbc.call("read events to replay", c -> {
            List<Object> out = new ArrayList<>();
            // each along its member index (V20/V21); refunds carry their purchase's member since the load
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT transaction_id, member_id, posted_at, amount, currency, category, "
                    + "merchant_id, channel FROM regla_migration_transaction WHERE member_id BETWEEN ? AND ?"), fromId, toId);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CardTransaction(rs.getString(1), rs.getString(2), rs.getBigDecimal(4).stripTrailingZeros(), rs.getString(5),
                            rs.getString(6), rs.getString(8), rs.getString(7), IsoTimes.parse(rs.getString(3))));
                }
            }
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT refund_id, transaction_id, refunded_at, amount "
                    + "FROM regla_migration_refund WHERE member_id BETWEEN ? AND ?"), fromId, toId); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Refund(rs.getString(1), rs.getString(2), rs.getBigDecimal(4).stripTrailingZeros(), IsoTimes.parse(rs.getString(3))));
                }
            }
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT redemption_id, member_id, requested_at, points, reward_code "
                    + "FROM regla_migration_redemption WHERE member_id BETWEEN ? AND ?"), fromId, toId); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RedemptionRequest(rs.getString(1), rs.getString(2), rs.getLong(4), rs.getString(5), IsoTimes.parse(rs.getString(3))));
                }
            }
            return out;
        });
    }

    @Override
    public void commitReplay(InMemoryLedger replayed, String stage, Checkpoint checkpoint) {
        Map<String, List<LedgerEntry>> entries = replayed.entries();
        jdbc.transaction("append the replayed ledgers of members up to " + checkpoint.state(), c -> {
            // a plain insert: a member who already has a ledger fails here, before anything of the chunk is kept
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_ledger_member (member_id, entry_count) VALUES (?, ?)")) {
                for (Map.Entry<String, List<LedgerEntry>> e : entries.entrySet()) {
                    Jdbc.bind(ps, e.getKey(), (long) e.getValue().size());
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e) || e instanceof java.sql.BatchUpdateException) {
                    throw new StoreException("cannot replay members " + entries.keySet().iterator().next() + " to " + checkpoint.state()
                            + " into the ledger: one of them already has ledger entries (the replay only appends new members)", e);
                }
                throw e;
            }
            long now = System.currentTimeMillis();
            List<Object[]> keys = new ArrayList<>(replayed.postedKeys().size());
            for (InMemoryLedger.PostedKey k : replayed.postedKeys()) keys.add(new Object[]{k.kind().name(), k.sourceId(), k.memberId(), now});
            // in primary key order: the chunk's postings come in time order, interleaving its members' keys, so each insert
            // would land on another leaf of the key's B-tree; sorted, they go in one after the other (what order the rows
            // are stored in changes nothing: every read of the table is by key, and the order only matters for speed)
            keys.sort(POSTING_KEY_ORDER);
            BulkInsert.insert(c, postgres, "regla_ledger_posting", "posting_kind, source_id, member_id, recorded_at", keys);
            List<Object[]> rows = new ArrayList<>();
            for (List<LedgerEntry> list : entries.values()) {
                for (LedgerEntry e : list) {
                    rows.add(new Object[]{e.memberId(), e.entryNo(), e.kind().name(), e.sourceId(), e.lotId(), e.points(), e.occurredAt().toEpochMilli(),
                            e.availableAt() == null ? null : e.availableAt().toEpochMilli(), e.expiresAt() == null ? null : e.expiresAt().toEpochMilli(),
                            e.recordedAt().toEpochMilli(), e.note()});
                }
            }
            BulkInsert.insert(c, postgres, "regla_ledger_entry", JdbcLedger.COLUMNS, rows);
            upsertCheckpoint(c, stage, checkpoint);
            return null;
        });
    }

    /** The entries' expiry index, dropped for the replay's appends and built once after: {@link LedgerIndexDeferral}. */
    @Override
    public void deferLedgerIndexes() {
        deferral.defer();
    }

    @Override
    public void restoreLedgerIndexes() {
        deferral.restore();
    }

    @Override
    public Map<String, Member> memberFacts(Collection<String> ids) {
        Map<String, Member> out = new HashMap<>();
        lookup("read members", "SELECT m.member_id, m.tier, m.status, m.enrolled_on FROM UNNEST(?) AS x(id) JOIN regla_migration_member m "
                + "ON m.member_id = x.id", ids, rs -> {
            Date d = rs.getDate(4);
            out.put(rs.getString(1), new Member(rs.getString(1), Tier.valueOf(rs.getString(2)), MemberStatus.valueOf(rs.getString(3)),
                    d == null ? null : d.toLocalDate()));
        });
        return out;
    }

    @Override
    public void balances(String openingPrefix, Consumer<MemberBalance> sink) {
        jdbc.call("read balances", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.member_id, m.tier, m.points_balance, "
                    + "COALESCE((SELECT SUM(CASE WHEN e.source_id = CONCAT(?, m.member_id) THEN 0 ELSE e.points END) FROM regla_ledger_entry e "
                    + "WHERE e.member_id = m.member_id), 0), "
                    + "CASE WHEN EXISTS (SELECT 1 FROM regla_migration_transaction t WHERE t.member_id = m.member_id) "
                    + "OR EXISTS (SELECT 1 FROM regla_migration_redemption r WHERE r.member_id = m.member_id) THEN 1 ELSE 0 END "
                    + "FROM regla_migration_member m ORDER BY m.member_id")) {
                ps.setString(1, openingPrefix);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new MemberBalance(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5) == 1));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public long migratedCount(LegacyFile file) {
        return jdbc.call("count " + file.key(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table(file)); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public BigDecimal migratedSum(LegacyFile file) {
        String col = switch (file) {
            case MEMBERS -> "points_balance";
            case TRANSACTIONS, REFUNDS -> "amount";
            case REDEMPTIONS -> "points";
        };
        return jdbc.call("sum " + file.key(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(" + col + "), 0) FROM " + table(file)); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        });
    }

    @Override
    public Map<String, Long> rejectsByCheck(LegacyFile file) {
        return jdbc.call("count rejects", c -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT check_code, COUNT(*) FROM regla_migration_reject WHERE file_name = ? GROUP BY check_code"),
                    file.fileName()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    @Override
    public void rejects(Consumer<LegacyRows.Reject> sink) {
        jdbc.call("read rejects", c -> {
            for (LegacyFile f : LegacyFile.values()) {
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT line_no, record_id, check_code, detail FROM regla_migration_reject "
                        + "WHERE file_name = ? ORDER BY line_no"), f.fileName())) {
                    ps.setFetchSize(1000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) sink.accept(new LegacyRows.Reject(f, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Long latestEventMillis() {
        return jdbc.call("latest event", c -> {
            Long max = null;
            for (String t : List.of("regla_migration_transaction", "regla_migration_refund", "regla_migration_redemption")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(at_ms) FROM " + t); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    if (!rs.wasNull() && (max == null || v > max)) max = v;
                }
            }
            return max;
        });
    }
}
