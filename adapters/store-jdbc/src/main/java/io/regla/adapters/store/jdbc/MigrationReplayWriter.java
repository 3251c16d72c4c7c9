package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.migration.IsoTimes;
import io.regla.rules.loyalty.migration.MigrationStore.Checkpoint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replay's side of the store: a chunk's members and their migrated events read by member range, and what the chunk
 * replayed into appended to the ledger (members, posting keys, entries) with the replay's checkpoint in one transaction.
 * The replay has the ledger's posting key and expiry index dropped meanwhile ({@link JdbcMigrationStore#deferLedgerIndexes()}).
 */
final class MigrationReplayWriter {

    private final Jdbc jdbc;
    private final boolean postgres;

    MigrationReplayWriter(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    List<Member> membersAfter(String afterId, int limit) {
        String sql = "SELECT member_id, tier, status, enrolled_on FROM regla_migration_member"
                + (afterId == null ? "" : " WHERE member_id > ?") + " ORDER BY member_id LIMIT " + Math.max(1, limit);
        return jdbc.call("read members to replay", c -> {
            List<Member> out = new ArrayList<>(Math.min(limit, 10_000));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (afterId != null) ps.setString(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(MigrationLookups.member(rs));
                }
            }
            return out;
        });
    }

    List<Object> eventsOfMembers(String fromId, String toId) {
        return jdbc.call("read events to replay", c -> {
            List<Object> out = new ArrayList<>();
            // each one range scan of its member index, which carries every column read here (V98): no row is fetched, whatever
            // order the load stored the rows in; refunds carry their purchase's member since the load
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

    void commitReplay(InMemoryLedger replayed, String stage, Checkpoint checkpoint) {
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
            // appended: the replay dropped the posting key before its first chunk and builds it, sorted once, after its last
            // (PostingKeyDeferral); with it each chunk's keys, ids growing with time, were random inserts all over its B-tree
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
            MigrationCheckpoints.upsert(c, stage, checkpoint);
            return null;
        });
    }
}
