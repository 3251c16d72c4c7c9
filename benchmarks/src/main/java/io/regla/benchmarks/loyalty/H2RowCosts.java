package io.regla.benchmarks.loyalty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a row costs embedded H2 (2.3, MVStore) when the migration appends it: the floor under any load or replay that
 * stores one row per migrated event. Each variant inserts {@code N} rows into a fresh file in batches of 2,000 with a
 * commit per batch (as the migration does), H2's page cache raised to 512 MiB (as the migration does at -Xmx4g), and
 * prints the inserting threads' CPU and the wall time per row:
 * <ul>
 *   <li>{@code ledger-append}: regla_ledger_entry's shape and primary key, keys ascending (the replay's appends);</li>
 *   <li>{@code ledger-append-2-writers}: the same rows from two connections on two threads, disjoint key ranges;</li>
 *   <li>{@code tx-member-order} / {@code tx-random-order}: regla_migration_transaction's shape, primary key and member
 *   index, rows grouped by member (today's synthetic export) or in an order unrelated to the member (a time-ordered
 *   export whose ids carry the member, as when the synthetic export is sorted by time);</li>
 *   <li>{@code tx-random-order-index-after}: the same without the member index, then {@code CREATE INDEX} once;</li>
 *   <li>{@code tx-time-ids-index-after}: ids growing with time (a bank's numbering), member order random, the member
 *   index built after;</li>
 *   <li>{@code member-row-10-entries}: one row per member holding its 10 entries as bytes (per entry figures).</li>
 * </ul>
 * {@code benchmarks/run.sh h2-row-costs DIR [N]} (N = 2,000,000 by default). Run it on a quiet machine: the wall figures
 * include H2's background writer on the second core.
 */
public final class H2RowCosts {

    private static final int BATCH = 2_000;

    private H2RowCosts() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: H2RowCosts DIR [ROWS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        Files.createDirectories(dir);
        System.out.printf("H2 row costs, %,d rows per variant, batches of %,d, a commit per batch%n", n, BATCH);
        variant(dir, "warm-up", n / 4, H2RowCosts::ledgerAppend);
        variant(dir, "ledger-append", n, H2RowCosts::ledgerAppend);
        variant(dir, "ledger-append-2-writers", n, H2RowCosts::ledgerAppendTwoWriters);
        variant(dir, "tx-member-order", n, (c, url, rows) -> transactions(c, rows, Order.MEMBER, true));
        variant(dir, "tx-random-order", n, (c, url, rows) -> transactions(c, rows, Order.RANDOM, true));
        variant(dir, "tx-random-order-index-after", n, (c, url, rows) -> transactions(c, rows, Order.RANDOM, false));
        variant(dir, "tx-time-ids-index-after", n, (c, url, rows) -> transactions(c, rows, Order.TIME_IDS, false));
        variant(dir, "member-row-10-entries", n, H2RowCosts::memberRows);
    }

    private interface Work {
        /** Inserts {@code rows} rows; returns the CPU nanoseconds of any other inserting thread. */
        long run(Connection c, String url, int rows) throws Exception;
    }

    private enum Order { MEMBER, RANDOM, TIME_IDS }

    private static void variant(Path dir, String name, int rows, Work work) throws Exception {
        Path file = dir.resolve("h2-row-costs-" + name);
        Files.deleteIfExists(Path.of(file + ".mv.db"));
        String url = "jdbc:h2:file:" + file.toAbsolutePath();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET CACHE_SIZE 524288");
            }
            long wall0 = System.nanoTime(), cpu0 = mx.getCurrentThreadCpuTime();
            long others = work.run(c, url, rows);
            long cpu = mx.getCurrentThreadCpuTime() - cpu0 + others, wall = System.nanoTime() - wall0;
            System.out.printf("  %-30s thread CPU %6.2f us/row, wall %6.2f us/row%n", name, cpu / 1e3 / rows, wall / 1e3 / rows);
        } finally {
            Files.deleteIfExists(Path.of(file + ".mv.db"));
        }
    }

    private static final String ENTRY = "CREATE TABLE e (member_id VARCHAR(200) NOT NULL, entry_no BIGINT NOT NULL, "
            + "kind VARCHAR(20) NOT NULL, source_id VARCHAR(200) NOT NULL, lot_id VARCHAR(220) NOT NULL, points BIGINT NOT NULL, "
            + "occurred_at BIGINT NOT NULL, available_at BIGINT, expires_at BIGINT, recorded_at BIGINT NOT NULL, "
            + "note VARCHAR(500), PRIMARY KEY (member_id, entry_no))";

    private static long ledgerAppend(Connection c, String url, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ENTRY);
        }
        appendEntries(c, 0, rows, 1);
        return 0;
    }

    private static long ledgerAppendTwoWriters(Connection c, String url, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(ENTRY);
        }
        AtomicLong otherCpu = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                try (Connection own = DriverManager.getConnection(url, "sa", "")) {
                    appendEntries(own, writer, rows / 2, 2);
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                otherCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0);
            });
            writers.add(t);
            t.start();
        }
        for (Thread t : writers) t.join();
        if (!failures.isEmpty()) throw failures.get(0);
        return otherCpu.get();
    }

    /** Entries of 10 per member, ascending keys; with two writers, alternate chunks of BATCH rows each. */
    private static void appendEntries(Connection c, int writer, int rows, int writers) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO e VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            for (int j = 0; j < rows; j++) {
                int g = ((j / BATCH) * writers + writer) * BATCH + j % BATCH;
                String source = "T" + (100_000_000 + g);
                p.setString(1, "M" + (10_000_000 + g / 10));
                p.setLong(2, g % 10 + 1);
                p.setString(3, "ACCRUAL");
                p.setString(4, source);
                p.setString(5, source);
                p.setLong(6, 123);
                p.setLong(7, 1_700_000_000_000L + g);
                p.setLong(8, 1_700_000_000_000L + g);
                p.setLong(9, 1_760_000_000_000L + g);
                p.setLong(10, 1_700_000_000_000L);
                p.setString(11, "accrue-points");
                p.addBatch();
                if ((j + 1) % BATCH == 0) {
                    p.executeBatch();
                    c.commit();
                }
            }
            p.executeBatch();
            c.commit();
        }
    }

    private static long transactions(Connection c, int rows, Order order, boolean indexWhileLoading) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (transaction_id VARCHAR(200) NOT NULL PRIMARY KEY, member_id VARCHAR(200) NOT NULL, "
                    + "posted_at VARCHAR(40) NOT NULL, at_ms BIGINT NOT NULL, amount DECIMAL(19, 4) NOT NULL, currency VARCHAR(10), "
                    + "category VARCHAR(100), merchant_id VARCHAR(200), channel VARCHAR(100))");
            if (indexWhileLoading) s.execute("CREATE INDEX t_member ON t (member_id)");
        }
        c.setAutoCommit(false);
        BigDecimal amount = new BigDecimal("1234.56");
        int members = Math.max(1, rows / 10);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < rows; i++) {
                // a multiplicative hash spreads consecutive rows over every member: an order unrelated to the member id
                int member = order == Order.MEMBER ? i / 10 : (int) ((i * 2_654_435_761L) % members);
                String memberId = "M" + (10_000_000 + member);
                p.setString(1, order == Order.TIME_IDS ? "T" + (1_000_000_000L + i) : memberId + "-T" + i);
                p.setString(2, memberId);
                p.setString(3, "2024-01-07T04:46:08-03:00");
                p.setLong(4, 1_700_000_000_000L + i);
                p.setBigDecimal(5, amount);
                p.setString(6, "ARS");
                p.setString(7, "SUPERMARKET");
                p.setString(8, "MER-3999");
                p.setString(9, "POS");
                p.addBatch();
                if ((i + 1) % BATCH == 0) {
                    p.executeBatch();
                    c.commit();
                }
            }
            p.executeBatch();
            c.commit();
        }
        if (!indexWhileLoading) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX t_member ON t (member_id)");
            }
        }
        return 0;
    }

    private static long memberRows(Connection c, String url, int rows) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE h (member_id VARCHAR(200) NOT NULL PRIMARY KEY, entries VARBINARY(100000))");
        }
        c.setAutoCommit(false);
        StringBuilder entries = new StringBuilder();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO h VALUES (?,?)")) {
            for (int m = 0; m < rows / 10; m++) {
                entries.setLength(0);
                for (int i = 0; i < 10; i++) {
                    long g = m * 10L + i;
                    entries.append("A,T").append(100_000_000 + g).append(",123,").append(1_700_000_000_000L + g).append(',')
                            .append(1_700_000_000_000L + g).append(',').append(1_760_000_000_000L + g).append('\n');
                }
                p.setString(1, "M" + (10_000_000 + m));
                p.setBytes(2, entries.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                p.addBatch();
                if ((m + 1) % (BATCH / 10) == 0) {
                    p.executeBatch();
                    c.commit();
                }
            }
            p.executeBatch();
            c.commit();
        }
        return 0;
    }
}
