package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.LegacyRows;
import io.regla.rules.loyalty.migration.MigrationStore.Checkpoint;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The load's bulk writes: each batch of an export file's accepted rows and rejects, with the stage's checkpoint, in one
 * transaction (V20's {@code regla_migration_*} tables). The embedded H2's page cache sized for it: {@link H2BulkCache}.
 */
final class MigrationLoadWriter {

    private final Jdbc jdbc;
    private final boolean postgres;

    MigrationLoadWriter(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
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
