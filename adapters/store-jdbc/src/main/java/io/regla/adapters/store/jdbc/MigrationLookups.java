package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.Tier;
import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.MigrationStore.TransactionRef;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The migration's reads by id, for the load's checks (duplicates, orphans, refunds past their purchase), the key-level
 * reconcile and the verification's member facts. Lookups by id bind a batch's ids as one array (a join from
 * {@code UNNEST(?)}: index lookups, one statement per batch, on H2 and PostgreSQL alike), all on one connection per batch.
 */
final class MigrationLookups {

    private static final int ARRAY = 5_000;
    /** Member ids per statement of {@link #forEachMemberId}. */
    private static final int PAGE = 50_000;

    private final Jdbc jdbc;
    private final boolean postgres;

    MigrationLookups(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    static String table(LegacyFile f) {
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

    Set<String> migrated(LegacyFile file, Collection<String> ids) {
        Set<String> out = new HashSet<>();
        lookup("find migrated " + file.key(), "SELECT t." + key(file) + " FROM UNNEST(?) AS x(id) JOIN " + table(file) + " t ON t." + key(file)
                + " = x.id", ids,
                rs -> out.add(rs.getString(1)));
        return out;
    }

    /**
     * Every migrated member's id in id order, from the members' primary key alone (no row is read): in pages of
     * {@link #PAGE} by key, each a range scan of the key from where the last ended, so no statement holds or spills a
     * result of millions of rows.
     */
    void forEachMemberId(Consumer<String> sink) {
        forEachMemberId(sink, PAGE);
    }

    /** {@link #forEachMemberId(Consumer)} in pages of {@code page} ids (tests: pages of a few). */
    void forEachMemberId(Consumer<String> sink, int page) {
        jdbc.call("read member ids", c -> {
            try (PreparedStatement first = c.prepareStatement("SELECT member_id FROM regla_migration_member ORDER BY member_id LIMIT " + page);
                 PreparedStatement next = c.prepareStatement("SELECT member_id FROM regla_migration_member WHERE member_id > ? ORDER BY member_id LIMIT " + page)) {
                String after = null;
                for (int read = page; read == page; ) {
                    PreparedStatement ps = after == null ? first : next;
                    if (after != null) ps.setString(1, after);
                    read = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            after = rs.getString(1);
                            sink.accept(after);
                            read++;
                        }
                    }
                }
            }
            return null;
        });
    }

    Set<String> rejected(LegacyFile file, Collection<String> ids) {
        Set<String> out = new HashSet<>();
        // a join from the array, not "AND record_id = ANY(?)": H2 would use only the index's file_name prefix and scan the file's rejects
        lookup("find rejected " + file.key(), "SELECT r.record_id FROM UNNEST(?) AS x(id) JOIN regla_migration_reject r ON r.file_name = '"
                + file.fileName() + "' AND r.record_id = x.id", ids, rs -> out.add(rs.getString(1)));
        return out;
    }

    Map<String, TransactionRef> transactions(Collection<String> ids) {
        Map<String, TransactionRef> out = new HashMap<>();
        lookup("find transactions", "SELECT t.transaction_id, t.member_id, t.amount, (SELECT COALESCE(SUM(f.amount), 0) FROM regla_migration_refund f "
                + "WHERE f.transaction_id = t.transaction_id) FROM UNNEST(?) AS x(id) JOIN regla_migration_transaction t ON t.transaction_id = x.id", ids,
                rs -> out.put(rs.getString(1), new TransactionRef(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4))));
        return out;
    }

    Set<Long> rejectedLines(LegacyFile file, Collection<Long> lines) {
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

    Map<String, Member> memberFacts(Collection<String> ids) {
        Map<String, Member> out = new HashMap<>();
        lookup("read members", "SELECT m.member_id, m.tier, m.status, m.enrolled_on FROM UNNEST(?) AS x(id) JOIN regla_migration_member m "
                + "ON m.member_id = x.id", ids, rs -> out.put(rs.getString(1), member(rs)));
        return out;
    }

    /** A member from columns member_id, tier, status, enrolled_on. */
    static Member member(ResultSet rs) throws SQLException {
        Date d = rs.getDate(4);
        return new Member(rs.getString(1), Tier.valueOf(rs.getString(2)), MemberStatus.valueOf(rs.getString(3)), d == null ? null : d.toLocalDate());
    }
}
