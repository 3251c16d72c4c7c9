package io.regla.benchmarks.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each ledger table and index costs the replay's ordered commits on H2 (issue 11): the replayed ledger of a finished
 * migration (its H2 file) is read into memory, then appended again, chunk by chunk in member order exactly as
 * {@code JdbcMigrationStore.commitReplay} writes it (members, posting keys, entries, one transaction per chunk), into fresh
 * stores with some of the ledger's indexes dropped, variant after variant in one JVM, turn by turn, several rounds. Prints
 * the thread CPU of the appends and the process CPU (H2 serializes pages on its own thread), then what building the
 * dropped indexes once afterwards costs.
 *
 * <pre>benchmarks/run.sh ledger-commit-costs SOURCE_DB WORKDIR [ROUNDS] [MEMBERS_PER_CHUNK]</pre>
 * SOURCE_DB is the H2 file of a migration run without {@code .mv.db} (e.g. {@code DIR/db} of {@code run.sh migration}).
 */
public final class LedgerCommitCosts {

    private record Variant(String name, List<String> drop, List<String> rebuild) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("as released (entry PK + expiry index, posting PK, member PK)", List.of(), List.of()),
            new Variant("no expiry index", List.of("DROP INDEX regla_ledger_entry_expiry"),
                    List.of("CREATE INDEX regla_ledger_entry_expiry ON regla_ledger_entry (expires_at, member_id)")),
            new Variant("no expiry index, no posting PK", List.of("DROP INDEX regla_ledger_entry_expiry",
                    "ALTER TABLE regla_ledger_posting DROP PRIMARY KEY"),
                    List.of("CREATE INDEX regla_ledger_entry_expiry ON regla_ledger_entry (expires_at, member_id)",
                            "ALTER TABLE regla_ledger_posting ADD PRIMARY KEY (posting_kind, source_id)")),
            new Variant("no secondary index at all (row maps only)", List.of("DROP INDEX regla_ledger_entry_expiry",
                    "ALTER TABLE regla_ledger_posting DROP PRIMARY KEY", "ALTER TABLE regla_ledger_entry DROP PRIMARY KEY"),
                    List.of("CREATE INDEX regla_ledger_entry_expiry ON regla_ledger_entry (expires_at, member_id)",
                            "ALTER TABLE regla_ledger_posting ADD PRIMARY KEY (posting_kind, source_id)",
                            "ALTER TABLE regla_ledger_entry ADD PRIMARY KEY (member_id, entry_no)")));

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int perChunk = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        Files.createDirectories(work);
        List<Chunk> chunks = read(source, perChunk);
        long entries = chunks.stream().mapToLong(c -> c.entries.size()).sum();
        long postings = chunks.stream().mapToLong(c -> c.postings.size()).sum();
        System.out.printf("%,d chunks, %,d entries, %,d posting keys; load average %s%n", chunks.size(), entries, postings,
                Files.readString(Path.of("/proc/loadavg")).trim());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                Variant variant = VARIANTS.get(v);
                Path db = work.resolve("r" + round + "-v" + v);
                try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
                    store.loyaltyMigration().prepareBulk();
                    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                        for (String sql : variant.drop) s.execute(sql);
                    }
                    System.gc();
                    long t0 = mx.getCurrentThreadCpuTime(), p0 = processCpu(), w0 = System.nanoTime();
                    try (Connection c = store.dataSource().getConnection()) {
                        c.setAutoCommit(false);
                        for (Chunk chunk : chunks) append(c, chunk);
                    }
                    long t1 = mx.getCurrentThreadCpuTime(), p1 = processCpu(), w1 = System.nanoTime();
                    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                        for (String sql : variant.rebuild) s.execute(sql);
                    }
                    long t2 = mx.getCurrentThreadCpuTime(), p2 = processCpu(), w2 = System.nanoTime();
                    System.out.printf("round %d  %-62s append: thread %6.2f s (%5.2f us/entry) process %6.2f s wall %6.2f s | "
                                    + "rebuild: thread %5.2f s process %5.2f s wall %5.2f s | load %s%n", round, variant.name,
                            (t1 - t0) / 1e9, (t1 - t0) / 1e3 / entries, (p1 - p0) / 1e9, (w1 - w0) / 1e9,
                            (t2 - t1) / 1e9, (p2 - p1) / 1e9, (w2 - w1) / 1e9,
                            Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
                }
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".mv.db"));
            }
        }
    }

    private record Chunk(List<Object[]> members, List<Object[]> postings, List<Object[]> entries) {
    }

    private static List<Chunk> read(Path source, int perChunk) throws SQLException {
        List<Chunk> out = new ArrayList<>();
        try (JdbcStore store = JdbcStore.h2(source, Clock.systemUTC()); Connection c = store.dataSource().getConnection()) {
            Map<String, List<Object[]>> postingsByMember = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT posting_kind, source_id, member_id, recorded_at FROM regla_ledger_posting")) {
                while (rs.next()) {
                    postingsByMember.computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new Object[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)});
                }
            }
            Map<String, List<Object[]>> entriesByMember = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT member_id, entry_no, kind, source_id, lot_id, "
                    + "points, occurred_at, available_at, expires_at, recorded_at, note FROM regla_ledger_entry ORDER BY member_id, entry_no")) {
                while (rs.next()) {
                    Object[] row = new Object[11];
                    for (int i = 0; i < 11; i++) row[i] = rs.getObject(i + 1);
                    entriesByMember.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(row);
                }
            }
            Chunk current = null;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT member_id, entry_count FROM regla_ledger_member ORDER BY member_id")) {
                while (rs.next()) {
                    if (current == null || current.members.size() == perChunk) {
                        current = new Chunk(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                        out.add(current);
                    }
                    String m = rs.getString(1);
                    current.members.add(new Object[]{m, rs.getLong(2)});
                    current.postings.addAll(postingsByMember.getOrDefault(m, List.of()));
                    current.entries.addAll(entriesByMember.getOrDefault(m, List.of()));
                }
            }
        }
        return out;
    }

    /** As commitReplay on H2: JDBC batches of members, posting keys and entries, one transaction per chunk. */
    private static void append(Connection c, Chunk chunk) throws SQLException {
        batch(c, "INSERT INTO regla_ledger_member (member_id, entry_count) VALUES (?, ?)", chunk.members);
        batch(c, "INSERT INTO regla_ledger_posting (posting_kind, source_id, member_id, recorded_at) VALUES (?, ?, ?, ?)", chunk.postings);
        batch(c, "INSERT INTO regla_ledger_entry (member_id, entry_no, kind, source_id, lot_id, points, occurred_at, available_at, "
                + "expires_at, recorded_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk.entries);
        c.commit();
    }

    private static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
