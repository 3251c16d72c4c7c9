package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.LegacyRows;
import io.regla.rules.loyalty.migration.MigrationStore.MemberBalance;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reads after the replay: every member's CRM and replayed balances for the balance verification, the migrated
 * counts and sums and the rejects for completeness and the report, and the latest event (the default cut-over).
 */
final class MigrationVerificationReads {

    private final Jdbc jdbc;

    MigrationVerificationReads(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void balances(String openingPrefix, Consumer<MemberBalance> sink) {
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

    long migratedCount(LegacyFile file) {
        return jdbc.call("count " + file.key(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + MigrationLookups.table(file)); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    BigDecimal migratedSum(LegacyFile file) {
        String col = switch (file) {
            case MEMBERS -> "points_balance";
            case TRANSACTIONS, REFUNDS -> "amount";
            case REDEMPTIONS -> "points";
        };
        return jdbc.call("sum " + file.key(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(" + col + "), 0) FROM " + MigrationLookups.table(file));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        });
    }

    Map<String, Long> rejectsByCheck(LegacyFile file) {
        return jdbc.call("count rejects", c -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT check_code, COUNT(*) FROM regla_migration_reject WHERE file_name = ? GROUP BY check_code"),
                    file.fileName()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    void rejects(Consumer<LegacyRows.Reject> sink) {
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

    Long latestEventMillis() {
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
