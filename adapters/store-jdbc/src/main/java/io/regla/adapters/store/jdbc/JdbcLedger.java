package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerBook;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.ledger.PurchaseRecord;
import io.regla.rules.loyalty.ledger.RefundRecord;
import io.regla.api.spi.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The points ledger in tables {@code regla_ledger_member}, {@code regla_ledger_posting} and
 * {@code regla_ledger_entry} (migration V2).
 *
 * <p>A batch of postings is one transaction: it locks its members' rows ({@code SELECT ... FOR UPDATE},
 * in member id order so two batches never deadlock on each other), reads their entries, and for each
 * posting inserts the posting's unique key first (a duplicate fails there), plans the entries against
 * the member's current lots and inserts them. A transaction that loses a lock wait or a deadlock is
 * retried from the start.
 *
 * <p>While a CRM migration's replay has the posting key dropped ({@link PostingKeyDeferral}) every posting is refused, as
 * is the expiry run's read of the lots due: the replay is then the only writer.
 */
final class JdbcLedger implements Ledger, PurchaseHistory {

    /** Postings per transaction: bounds lock time and statement size. */
    static final int CHUNK = 500;
    private static final int IN_LIST = 500;
    private static final int ATTEMPTS = 10;
    static final String COLUMNS = "member_id, entry_no, kind, source_id, lot_id, points, occurred_at, available_at, "
            + "expires_at, recorded_at, note";

    private final Jdbc jdbc;
    private final Clock clock;
    private final boolean postgres;
    /**
     * Recently used members' books. Only a shortcut: a cached book is used only when its entry count
     * equals the member row's, read under the row lock (entries are append-only and the count moves with
     * them in one transaction), and books enter the cache only after their transaction committed.
     */
    private final Map<String, LedgerBook> books = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, LedgerBook> eldest) {
                    return size() > CACHED_MEMBERS;
                }
            });
    private static final int CACHED_MEMBERS = 50_000;

    private final JdbcPurchaseHistory purchases;

    /** Whether the key a posting is refused twice by is in place: a migration's replay drops it while it appends. */
    private final PostingKeyDeferral keys;

    JdbcLedger(Jdbc jdbc, Clock clock, boolean postgres, PostingKeyDeferral keys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.postgres = postgres;
        this.keys = keys;
        this.purchases = new JdbcPurchaseHistory(jdbc, postgres);
    }

    static boolean isPostgres(Jdbc jdbc) {
        return jdbc.call("read database product", c -> c.getMetaData().getDatabaseProductName())
                .toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    @Override
    public PostingResult post(Posting posting) {
        return postAll(List.of(posting)).get(0);
    }

    @Override
    public List<PostingResult> postAll(List<? extends Posting> postings) {
        PostingResult[] results = new PostingResult[postings.size()];
        // member id order (stable: a member's postings keep their order) so lock order is the same everywhere
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < postings.size(); i++) order.add(i);
        order.sort(Comparator.comparing(i -> postings.get(i).memberId()));
        for (int from = 0; from < order.size(); from += CHUNK) {
            List<Integer> chunk = order.subList(from, Math.min(order.size(), from + CHUNK));
            List<PostingResult> done = withRetry(chunk, postings);
            for (int k = 0; k < chunk.size(); k++) results[chunk.get(k)] = done.get(k);
        }
        return List.of(results);
    }

    private List<PostingResult> withRetry(List<Integer> chunk, List<? extends Posting> postings) {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, LedgerBook> touched = new HashMap<>();
                List<PostingResult> done = jdbc.transaction("post to ledger", c -> postChunk(c, chunk, postings, touched));
                books.putAll(touched);
                return done;
            } catch (StoreException e) {
                if (attempt >= ATTEMPTS || !isLockContention(e)) throw e;
                sleepQuietly(attempt);
            }
        }
    }

    private List<PostingResult> postChunk(Connection c, List<Integer> chunk, List<? extends Posting> postings,
                                          Map<String, LedgerBook> touched) throws SQLException {
        TreeSet<String> members = new TreeSet<>();
        for (int i : chunk) members.add(postings.get(i).memberId());
        Map<String, Long> counts = lockMembers(c, members);
        Map<String, List<LedgerEntry>> existing = readStale(c, counts);
        for (String m : members) {
            LedgerBook book = LedgerBook.of(m, existing.getOrDefault(m, List.of()));
            if (book.nextEntryNo() - 1 != counts.get(m)) {
                throw new StoreException("ledger of member " + m + " has " + (book.nextEntryNo() - 1)
                        + " entries but its member row counts " + counts.get(m));
            }
            touched.put(m, book);
        }
        Instant now = clock.instant();
        List<PostingResult> out = new ArrayList<>(chunk.size());
        List<LedgerEntry> written = new ArrayList<>();
        for (int i : chunk) {
            Posting p = postings.get(i);
            LedgerBook book = touched.get(p.memberId());
            if (!insertKey(c, p, now)) {
                out.add(new PostingResult(p, PostingResult.Outcome.DUPLICATE, List.of(), null));
                continue;
            }
            LedgerBook.Plan plan = book.plan(p, now);
            if (plan.conflict() != null) {
                deleteKey(c, p);
                out.add(new PostingResult(p, PostingResult.Outcome.CONFLICT, List.of(), plan.conflict()));
                continue;
            }
            book.append(plan.entries());
            written.addAll(plan.entries());
            out.add(new PostingResult(p, PostingResult.Outcome.POSTED, plan.entries(), null));
        }
        // after the keys' inserts, whose lock on the table the key's drop waits for: a posting without its duplicate check is never committed
        keys.refuseWhileDeferred(c);
        insertEntries(c, written);
        try (PreparedStatement ps = c.prepareStatement("UPDATE regla_ledger_member SET entry_count = ? WHERE member_id = ?")) {
            for (String m : members) {
                long count = touched.get(m).nextEntryNo() - 1;
                if (count != counts.get(m)) {
                    ps.setLong(1, count);
                    ps.setString(2, m);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        return out;
    }

    /** Locks the members' rows, creating missing ones; returns each member's entry count. */
    private Map<String, Long> lockMembers(Connection c, TreeSet<String> members) throws SQLException {
        Map<String, Long> counts = selectForUpdate(c, members);
        if (counts.size() < members.size()) {
            for (String m : members) {
                if (!counts.containsKey(m)) insertMember(c, m);
            }
            counts = selectForUpdate(c, members);
        }
        return counts;
    }

    private Map<String, Long> selectForUpdate(Connection c, TreeSet<String> members) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        List<String> all = new ArrayList<>(members);
        int step = inList();
        for (int from = 0; from < all.size(); from += step) {
            List<String> part = all.subList(from, Math.min(all.size(), from + step));
            String sql = "SELECT member_id, entry_count FROM regla_ledger_member WHERE member_id IN (" + marks(part.size())
                    + ") ORDER BY member_id FOR UPDATE";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int k = 0; k < part.size(); k++) ps.setString(k + 1, part.get(k));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private void insertMember(Connection c, String member) throws SQLException {
        String sql = "INSERT INTO regla_ledger_member (member_id, entry_count) VALUES (?, 0)" + (postgres ? " ON CONFLICT DO NOTHING" : "");
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), member)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            // H2: another transaction created the row first (this statement alone fails; the transaction goes on)
            if (postgres || !Jdbc.isUniqueViolation(e)) throw e;
        }
    }

    /** Inserts the posting's unique key; false if it exists. PostgreSQL: no error (which would abort the transaction). */
    private boolean insertKey(Connection c, Posting p, Instant now) throws SQLException {
        String sql = "INSERT INTO regla_ledger_posting (posting_kind, source_id, member_id, recorded_at) VALUES (?, ?, ?, ?)"
                + (postgres ? " ON CONFLICT DO NOTHING" : "");
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), p.kind().name(), p.sourceId(), p.memberId(), now.toEpochMilli())) {
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            // H2 fails the statement alone and the transaction goes on
            if (!postgres && Jdbc.isUniqueViolation(e)) return false;
            throw e;
        }
    }

    private void deleteKey(Connection c, Posting p) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                "DELETE FROM regla_ledger_posting WHERE posting_kind = ? AND source_id = ?"), p.kind().name(), p.sourceId())) {
            ps.executeUpdate();
        }
    }

    private void insertEntries(Connection c, List<LedgerEntry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_ledger_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LedgerEntry e : entries) {
                ps.setString(1, e.memberId());
                ps.setLong(2, e.entryNo());
                ps.setString(3, e.kind().name());
                ps.setString(4, e.sourceId());
                ps.setString(5, e.lotId());
                ps.setLong(6, e.points());
                ps.setLong(7, e.occurredAt().toEpochMilli());
                setInstant(ps, 8, e.availableAt());
                setInstant(ps, 9, e.expiresAt());
                ps.setLong(10, e.recordedAt().toEpochMilli());
                ps.setString(11, e.note());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
        if (value == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, value.toEpochMilli());
    }

    /** The entries of the members, from the cache where its book has the member's current count. */
    private Map<String, List<LedgerEntry>> readStale(Connection c, Map<String, Long> counts) throws SQLException {
        Map<String, List<LedgerEntry>> out = new HashMap<>();
        TreeSet<String> stale = new TreeSet<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            LedgerBook cached = e.getValue() == 0 ? null : books.get(e.getKey());
            if (e.getValue() == 0) out.put(e.getKey(), List.of());
            else if (cached != null && cached.nextEntryNo() - 1 == e.getValue()) out.put(e.getKey(), cached.entries());
            else stale.add(e.getKey());
        }
        if (!stale.isEmpty()) out.putAll(readEntries(c, stale));
        return out;
    }

    private Map<String, Long> readCounts(Connection c, TreeSet<String> members) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        List<String> all = new ArrayList<>(members);
        int step = inList();
        for (int from = 0; from < all.size(); from += step) {
            List<String> part = all.subList(from, Math.min(all.size(), from + step));
            try (PreparedStatement ps = c.prepareStatement("SELECT member_id, entry_count FROM regla_ledger_member WHERE member_id IN ("
                    + marks(part.size()) + ")")) {
                for (int k = 0; k < part.size(); k++) ps.setString(k + 1, part.get(k));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    @Override
    public List<LedgerEntry> entries(String memberId) {
        return jdbc.call("read ledger of " + memberId, c -> readEntries(c, new TreeSet<>(List.of(memberId))))
                .getOrDefault(memberId, List.of());
    }

    @Override
    public Map<String, List<PointsLotState>> lots(Collection<String> memberIds) {
        Map<String, List<LedgerEntry>> entries = jdbc.call("read ledger lots", c -> readStale(c, readCounts(c, new TreeSet<>(memberIds))));
        Map<String, List<PointsLotState>> out = new LinkedHashMap<>();
        entries.forEach((m, list) -> {
            if (list.isEmpty()) return;
            LedgerBook book = LedgerBook.of(m, list);
            // committed entries only (each statement reads committed data): safe to offer to the cache
            books.put(m, book);
            out.put(m, book.lots());
        });
        return out;
    }

    private Map<String, List<LedgerEntry>> readEntries(Connection c, TreeSet<String> members) throws SQLException {
        Map<String, List<LedgerEntry>> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(members);
        int step = inList();
        for (int from = 0; from < all.size(); from += step) {
            List<String> part = all.subList(from, Math.min(all.size(), from + step));
            String sql = "SELECT " + COLUMNS + " FROM regla_ledger_entry WHERE member_id IN (" + marks(part.size())
                    + ") ORDER BY member_id, entry_no";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int k = 0; k < part.size(); k++) ps.setString(k + 1, part.get(k));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LedgerEntry e = new LedgerEntry(rs.getString(1), rs.getLong(2), EntryKind.valueOf(rs.getString(3)),
                                rs.getString(4), rs.getString(5), rs.getLong(6), Instant.ofEpochMilli(rs.getLong(7)),
                                instant(rs, 8), instant(rs, 9), Instant.ofEpochMilli(rs.getLong(10)), rs.getString(11));
                        out.computeIfAbsent(e.memberId(), k -> new ArrayList<>()).add(e);
                    }
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    @Override
    public List<String> membersWithLotsDue(Instant asOf, String afterMemberId, int limit) {
        String sql = "SELECT DISTINCT e.member_id FROM regla_ledger_entry e WHERE e.expires_at <= ? AND e.member_id > ? "
                + "AND NOT EXISTS (SELECT 1 FROM regla_ledger_posting p WHERE p.posting_kind = 'EXPIRY' AND p.source_id = e.lot_id) "
                + "ORDER BY e.member_id FETCH FIRST " + Math.max(1, Math.min(limit, 10_000)) + " ROWS ONLY";
        keys.refuseWhileDeferred(); // the expiry run's read: without the key each lot is a scan of every posting, and it posts next
        return jdbc.call("list members with lots due", c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), asOf.toEpochMilli(), afterMemberId == null ? "" : afterMemberId);
                 ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        });
    }

    /**
     * Members per statement: PostgreSQL answers a long IN list from the primary key; H2 2.3 scans for one
     * (measured: most of a replay's time), so there each member is its own indexed lookup.
     */
    private int inList() {
        return postgres ? IN_LIST : 1;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Lock wait timed out, deadlock, or serialisation failure: the transaction may simply be run again. */
    static boolean isLockContention(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00") || state.equals("55P03")) return true;
            }
        }
        return false;
    }

    private static void sleepQuietly(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L * attempt * attempt) + java.util.concurrent.ThreadLocalRandom.current().nextInt(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a ledger posting", e);
        }
    }

    // The purchase history lives beside the ledger (same store), so a processor on this ledger finds refunds'
    // purchases across runs.
    @Override
    public Map<String, Purchase> purchases(Collection<String> transactionIds) {
        return purchases.purchases(transactionIds);
    }

    @Override
    public void recordPurchases(List<PurchaseRecord> transactions) {
        purchases.recordPurchases(transactions);
    }

    @Override
    public void recordRefunds(List<RefundRecord> refunds) {
        purchases.recordRefunds(refunds);
    }
}
