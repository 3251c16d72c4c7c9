package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.LegacyRows;
import io.regla.rules.loyalty.migration.MigrationStore.Checkpoint;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The load's bulk writes: each batch of an export file's accepted rows and rejects, with the stage's checkpoint, in one
 * transaction (V20's {@code regla_migration_*} tables); and the embedded H2's page cache sized for it.
 */
final class MigrationLoadWriter {

    private final Jdbc jdbc;
    private final boolean postgres;
    /** H2's page cache before this store raised it for a run, in KiB; -1 when it did not. */
    private volatile long restoreCacheKiB = -1;

    MigrationLoadWriter(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
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
     * {@link #endBulk()} puts it back.
     */
    void prepareBulk() {
        if (postgres) return;
        jdbc.call("size the H2 cache for the migration", c -> {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName())) return null;
            long current = cacheKiB(c);
            long wanted = bulkCacheKiB(Runtime.getRuntime().maxMemory());
            if (wanted > current) {
                setCache(c, wanted);
                if (restoreCacheKiB < 0) restoreCacheKiB = current;
            }
            return null;
        });
    }

    /**
     * On H2, the page cache back to what it was before {@link #prepareBulk()}: H2 keeps {@code CACHE_SIZE} in the
     * database file, so without this whoever opens the migrated file next ({@code regla serve}, on a heap of its own
     * size) would hold the migration's cache. A run killed before its end leaves it raised until a run ends.
     */
    void endBulk() {
        long restore = restoreCacheKiB;
        if (restore < 0) return;
        jdbc.call("put the H2 cache back after the migration", c -> {
            setCache(c, restore);
            return null;
        });
        restoreCacheKiB = -1;
    }

    private static long cacheKiB(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Long.parseLong(rs.getString(1).trim()) << 10 : 0; // MiB -> KiB
        }
    }

    private static void setCache(Connection c, long kiB) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SET CACHE_SIZE " + kiB);
        }
    }

    void commit(LegacyFile file, List<? extends LegacyRows.Row> rows, List<LegacyRows.Reject> rejects, String stage, Checkpoint checkpoint) {
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
            MigrationCheckpoints.upsert(c, stage, checkpoint);
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
        BulkInsert.insert(c, postgres, MigrationLookups.table(file), columns, values);
    }
}
