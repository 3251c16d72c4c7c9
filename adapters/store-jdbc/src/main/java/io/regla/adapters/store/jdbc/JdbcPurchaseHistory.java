package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.ledger.PurchaseRecord;
import io.regla.rules.loyalty.ledger.RefundRecord;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Purchases and accepted refunds in {@code regla_loyalty_purchase} / {@code regla_loyalty_refund} (V20), and the
 * purchases and refunds migrated from the CRM in {@code regla_migration_transaction} / {@code regla_migration_refund}.
 */
final class JdbcPurchaseHistory implements PurchaseHistory {

    private static final int IN_LIST = 500;

    private final Jdbc jdbc;
    /** Ids per statement: PostgreSQL answers a long IN list from the key, H2 2.3 scans for one (see JdbcLedger). */
    private final int step;

    JdbcPurchaseHistory(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.step = postgres ? IN_LIST : 1;
    }

    @Override
    public Map<String, Purchase> purchases(Collection<String> transactionIds) {
        if (transactionIds.isEmpty()) return Map.of();
        List<String> ids = new ArrayList<>(transactionIds);
        return jdbc.call("read purchases", c -> {
            Map<String, PurchaseRecord> found = new HashMap<>();
            Map<String, Map<String, BigDecimal>> refunds = new HashMap<>();
            for (int from = 0; from < ids.size(); from += step) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + step));
                try (PreparedStatement ps = c.prepareStatement("SELECT transaction_id, member_id, amount, currency, category, channel, "
                        + "merchant_id, posted_at FROM regla_loyalty_purchase WHERE transaction_id IN (" + marks(part.size()) + ")")) {
                    bindAll(ps, part);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), transaction(rs));
                        }
                    }
                }
                // a purchase migrated from the CRM is not stored again: its migrated row is its record, and the migrated
                // refunds of it count (the migration's load rejected any that would pass its amount, so the rules took them all)
                List<String> migrated = part.stream().filter(id -> !found.containsKey(id)).toList();
                if (!migrated.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT transaction_id, member_id, amount, currency, category, channel, "
                            + "merchant_id, posted_at FROM regla_migration_transaction WHERE transaction_id IN (" + marks(migrated.size()) + ")")) {
                        bindAll(ps, migrated);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) found.put(rs.getString(1), transaction(rs));
                        }
                    }
                    refunds(c, "regla_migration_refund", migrated, refunds);
                }
                refunds(c, "regla_loyalty_refund", part, refunds);
            }
            Map<String, Purchase> out = new HashMap<>();
            found.forEach((id, t) -> out.put(id, new Purchase(t, refunds.getOrDefault(id, Map.of()))));
            return out;
        });
    }

    private static PurchaseRecord transaction(ResultSet rs) throws SQLException {
        return new PurchaseRecord(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).stripTrailingZeros(), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), OffsetDateTime.parse(rs.getString(8)));
    }

    private static void refunds(Connection c, String table, List<String> ids, Map<String, Map<String, BigDecimal>> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT transaction_id, refund_id, amount FROM " + table
                + " WHERE transaction_id IN (" + marks(ids.size()) + ")")) {
            bindAll(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) into.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
            }
        }
    }

    @Override
    public void recordPurchases(List<PurchaseRecord> transactions) {
        if (transactions.isEmpty()) return;
        jdbc.transaction("record purchases", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_loyalty_purchase (transaction_id, member_id, amount, currency, "
                    + "category, channel, merchant_id, posted_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM (VALUES (0)) one(x) "
                    + "WHERE NOT EXISTS (SELECT 1 FROM regla_loyalty_purchase WHERE transaction_id = ?)")) {
                for (PurchaseRecord t : transactions) {
                    Jdbc.bind(ps, t.id(), t.memberId(), t.amount(), t.currency(), t.category(), t.channel(), t.merchantId(),
                            t.at().toString(), t.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void recordRefunds(List<RefundRecord> refunds) {
        if (refunds.isEmpty()) return;
        jdbc.transaction("record refunds", c -> {
            insertRefunds(c, refunds);
            return null;
        });
    }

    private static void insertRefunds(Connection c, List<RefundRecord> refunds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_loyalty_refund (refund_id, transaction_id, amount) "
                + "SELECT ?, ?, ? FROM (VALUES (0)) one(x) WHERE NOT EXISTS (SELECT 1 FROM regla_loyalty_refund WHERE refund_id = ?)")) {
            for (RefundRecord f : refunds) {
                Jdbc.bind(ps, f.id(), f.transactionId(), f.amount(), f.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindAll(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) ps.setString(i + 1, values.get(i));
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
