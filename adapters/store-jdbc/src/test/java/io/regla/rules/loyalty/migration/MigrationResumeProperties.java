package io.regla.rules.loyalty.migration;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.ledger.Purchase;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.ledger.PurchaseRecord;
import io.regla.rules.loyalty.ledger.RefundRecord;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11's invariants over a faulty export: a migration killed at any point (before or after any write
 * the store commits) and run again ends with exactly the state of an uninterrupted run, and migrated totals
 * are the legacy totals minus the rejects, in counts and sums, file by file.
 */
class MigrationResumeProperties {

    private static final DroolsEngine ENGINE = Regla.builder().bundledRules().buildDrools();
    private static final Path ROOT = tempDir();
    private static final Path EXPORT = ROOT.resolve("export");
    private static final ExportGenerator.Result GENERATED;
    private static final String REFERENCE;
    private static final int WRITES;
    /** The reference run's writes that drop the ledger's plain indexes, the first chunk's commit after it, and the rebuild. */
    private static final int DEFER, FIRST_REPLAY_COMMIT, RESTORE;
    /** The same around the load: the drop of the export tables' member indexes, the load's first batch after it, the rebuild. */
    private static final int LOAD_DEFER, FIRST_LOAD_COMMIT, LOAD_RESTORE;
    /** The reference run's writes that commit a batch of each file, in order. */
    private static final Map<LegacyFile, List<Integer>> COMMITS;

    static {
        try {
            GENERATED = new ExportGenerator().generate(EXPORT, 60, 500, 11, true);
            try (JdbcStore store = JdbcStore.h2(ROOT.resolve("reference"), Clock.systemUTC())) {
                Killing k = new Killing(store, Integer.MAX_VALUE, false);
                migration(k, store, 1).run(EXPORT);
                WRITES = k.writes.get();
                DEFER = k.deferAt;
                FIRST_REPLAY_COMMIT = k.firstReplayCommitAt;
                RESTORE = k.restoreAt;
                LOAD_DEFER = k.loadDeferAt;
                FIRST_LOAD_COMMIT = k.firstLoadCommitAt;
                LOAD_RESTORE = k.loadRestoreAt;
                COMMITS = Map.copyOf(k.commitsAt);
                REFERENCE = dump(store);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void close() {
        ENGINE.close();
    }

    /**
     * The reference is one thread; the killed run replays chunks on {@code threads} threads (the before check beside the
     * load from two on, or when its store says a server writes: then one thread is pipelined too) and the resumed run on two, so a parallel replay killed anywhere resumes to the
     * single-threaded ledger.
     */
    @Property(tries = 8)
    void aMigrationKilledAtAnyPointAndResumedEqualsAnUninterruptedRun(@ForAll @IntRange(min = 0, max = 10_000) int point,
                                                                      @ForAll boolean afterTheWrite,
                                                                      @ForAll @IntRange(min = 1, max = 3) int threads,
                                                                      @ForAll boolean serverWrites) {
        int killAt = point % WRITES;
        try (JdbcStore store = JdbcStore.h2(ROOT.resolve("kill-" + System.nanoTime()), Clock.systemUTC())) {
            Killing k = new Killing(store, killAt, afterTheWrite);
            k.serverWrites = serverWrites;
            boolean killed = false;
            try {
                migration(k, store, threads).run(EXPORT);
            } catch (Killed e) {
                killed = true;
            }
            assertThat(killed).as("killed at write %d of %d", killAt, WRITES).isTrue();
            MigrationResult resumed = CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(300).threads(2)
                    .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(EXPORT);
            assertThat(dump(store)).isEqualTo(REFERENCE);
            assertThat(resumed.rejects()).isEqualTo(GENERATED.expectedRejects());
        }
    }

    /**
     * The kill points the random ones above rarely hit, each before and after its write, on one and two threads: the
     * replay dropping the ledger's plain indexes, its first chunk's commit (the run dies with the expiry index dropped:
     * checked), and the rebuild after its last chunk. Each resumed run must end with the reference's rows and indexes and
     * nothing left deferred.
     */
    @Example
    void aReplayKilledAroundItsIndexDeferralResumesToTheSameLedgerAndIndexes() {
        for (int killAt : new int[]{DEFER, FIRST_REPLAY_COMMIT, RESTORE}) {
            for (boolean after : new boolean[]{false, true}) {
                for (int mode = 1; mode <= 3; mode++) {
                    int threads = mode == 2 ? 2 : 1;
                    try (JdbcStore store = JdbcStore.h2(ROOT.resolve("kill-deferral-" + System.nanoTime()), Clock.systemUTC())) {
                        Killing k = new Killing(store, killAt, after);
                        k.serverWrites = mode == 3; // one thread, pipelined as on PostgreSQL
                        try {
                            migration(k, store, threads).run(EXPORT);
                        } catch (Killed e) {
                            // expected
                        }
                        String point = "killed " + (after ? "after" : "before") + " write " + killAt + " on " + threads + " threads"
                                + (k.serverWrites ? ", pipelined" : "");
                        assertThat(k.writes.get()).as(point).isEqualTo(killAt + 1);
                        if (killAt == FIRST_REPLAY_COMMIT) {
                            assertThat(deferred(store)).as(point + ": expiry index and posting key dropped").contains("regla_ledger_posting_pkey").hasSize(2);
                            assertThat(postingKey(store)).as(point).isEmpty();
                        }
                        CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(300).threads(threads)
                                .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(EXPORT);
                        assertThat(dump(store)).as(point).isEqualTo(REFERENCE);
                    }
                }
            }
        }
    }

    /**
     * Kill points inside the replay's deferral of the ledger's posting key, each a statement of the store dying before it
     * ran or after it committed: the key's record committed and the key not yet dropped; the drop; the build after the last
     * chunk (before it: the key still missing, as a build killed mid-statement leaves it, DDL being atomic; after it: built
     * and not yet forgotten); its record deleted with the expiry index not yet built. On one and two threads. Each resumed
     * run must end with the reference's rows, postings, keys and indexes and nothing left deferred.
     */
    @Example
    void aReplayKilledInsideItsPostingKeyDeferralResumesToTheSameLedgerAndKeys() throws Exception {
        record Point(String what, String sql, String bound, boolean after) {
        }
        List<Point> points = List.of(
                new Point("the key recorded, not dropped", "INSERT INTO regla_deferred_index", "regla_ledger_posting_pkey", true),
                new Point("before the key's drop", "DROP CONSTRAINT", null, false),
                new Point("after the key's drop", "DROP CONSTRAINT", null, true),
                new Point("before (or amid) the key's build", "ADD CONSTRAINT", null, false),
                new Point("after the key's build, not forgotten", "ADD CONSTRAINT", null, true),
                new Point("the key forgotten, the expiry index not built", "DELETE FROM regla_deferred_index", "regla_ledger_posting_pkey", true));
        for (Point p : points) {
            for (int t = 1; t <= 2; t++) {
                int threads = t;
                Path file = ROOT.resolve("kill-key-" + System.nanoTime());
                StatementKiller killer = new StatementKiller(p.sql(), p.bound(), p.after());
                JdbcStore store = JdbcStore.open(killer.wrap(h2(file)), Clock.systemUTC());
                try {
                    String point = "killed " + p.what() + " on " + threads + " threads";
                    assertThatThrownBy(() -> migration(new Killing(store, Integer.MAX_VALUE, false), store, threads).run(EXPORT))
                            .as(point).isInstanceOf(Killed.class);
                    assertThat(killer.fired).as(point).isTrue();
                    assertThat(deferred(store)).as(point).contains(p.what().startsWith("the key forgotten") ? "\"REGLA_LEDGER_ENTRY_EXPIRY\""
                            : "regla_ledger_posting_pkey");
                    CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(300).threads(threads)
                            .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(EXPORT);
                    assertThat(dump(store)).as(point).isEqualTo(REFERENCE);
                    assertThat(postingKey(store)).as(point).isNotEmpty();
                } finally {
                    try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
                        st.execute("SHUTDOWN");
                    }
                }
            }
        }
    }

    private static javax.sql.DataSource h2(Path file) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("regla");
        ds.setPassword("");
        return ds;
    }

    /** The ledger's posting key as the schema has it (constraint name), or empty when it is dropped. */
    private static List<String> postingKey(JdbcStore store) {
        List<String> out = new ArrayList<>();
        try (var c = store.dataSource().getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = SCHEMA() "
                     + "AND LOWER(TABLE_NAME) = 'regla_ledger_posting' AND CONSTRAINT_TYPE = 'PRIMARY KEY'")) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * A data source whose connections die ({@link Killed}) at the first statement whose text contains {@code sql} (and, if
     * given, one of whose bound values is {@code bound}): before it runs, or after it committed (at once in auto-commit, else
     * right after its transaction's commit). Fires once.
     */
    static final class StatementKiller {
        final String sql;
        final String bound;
        final boolean after;
        volatile boolean fired;

        StatementKiller(String sql, String bound, boolean after) {
            this.sql = sql;
            this.bound = bound;
            this.after = after;
        }

        javax.sql.DataSource wrap(javax.sql.DataSource ds) {
            return proxy(javax.sql.DataSource.class, (p, m, a) -> {
                Object r = invoke(ds, m, a);
                return m.getName().equals("getConnection") ? connection((java.sql.Connection) r) : r;
            });
        }

        private java.sql.Connection connection(java.sql.Connection c) {
            boolean[] killAtCommit = {false};
            return proxy(java.sql.Connection.class, (p, m, a) -> {
                switch (m.getName()) {
                    case "prepareStatement":
                        return statement(java.sql.PreparedStatement.class, (java.sql.PreparedStatement) invoke(c, m, a), (String) a[0], c, killAtCommit);
                    case "createStatement":
                        return statement(java.sql.Statement.class, (java.sql.Statement) invoke(c, m, a), null, c, killAtCommit);
                    case "commit": {
                        Object r = invoke(c, m, a);
                        if (killAtCommit[0]) {
                            killAtCommit[0] = false;
                            throw new Killed();
                        }
                        return r;
                    }
                    default:
                        return invoke(c, m, a);
                }
            });
        }

        private <S extends java.sql.Statement> S statement(Class<S> type, S s, String prepared, java.sql.Connection c, boolean[] killAtCommit) {
            List<String> values = new ArrayList<>();
            return proxy(type, (p, m, a) -> {
                if (m.getName().startsWith("set") && a != null && a.length == 2 && a[1] != null) values.add(a[1].toString());
                if (!m.getName().startsWith("execute")) return invoke(s, m, a);
                String text = prepared != null ? prepared : a != null && a.length > 0 ? (String) a[0] : "";
                boolean hit = !fired && text.contains(sql) && (bound == null || values.contains(bound));
                if (hit) fired = true;
                if (hit && !after) throw new Killed();
                Object r = invoke(s, m, a);
                if (hit) {
                    if (c.getAutoCommit()) throw new Killed();
                    killAtCommit[0] = true;
                }
                return r;
            });
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler h) {
            return (T) java.lang.reflect.Proxy.newProxyInstance(StatementKiller.class.getClassLoader(), new Class<?>[]{type}, h);
        }

        private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
            try {
                return m.invoke(target, a);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * The same around the load's deferral: the drop of the export tables' member indexes (before any batch is written),
     * the load's first batch (the run dies with them dropped: checked) and their rebuild after the last batch of every
     * file, before and after each write, on one and two threads. Each resumed run must end with the reference's rows and
     * indexes (of the ledger and of the migration's tables) and nothing left deferred.
     */
    @Example
    void aLoadKilledAroundItsIndexDeferralResumesToTheSameDataAndIndexes() {
        assertThat(LOAD_DEFER).as("the load drops its indexes before its first batch").isZero();
        assertThat(FIRST_LOAD_COMMIT).isEqualTo(LOAD_DEFER + 1);
        assertThat(LOAD_RESTORE).as("rebuilt after the load, before the replay").isGreaterThan(FIRST_LOAD_COMMIT).isLessThan(DEFER);
        for (int killAt : new int[]{LOAD_DEFER, FIRST_LOAD_COMMIT, LOAD_RESTORE - 1, LOAD_RESTORE}) {
            for (boolean after : new boolean[]{false, true}) {
                for (int threads = 1; threads <= 2; threads++) {
                    try (JdbcStore store = JdbcStore.h2(ROOT.resolve("kill-load-" + System.nanoTime()), Clock.systemUTC())) {
                        Killing k = new Killing(store, killAt, after);
                        try {
                            migration(k, store, threads).run(EXPORT);
                        } catch (Killed e) {
                            // expected
                        }
                        String point = "killed " + (after ? "after" : "before") + " write " + killAt + " on " + threads + " threads";
                        assertThat(k.writes.get()).as(point).isEqualTo(killAt + 1);
                        if (killAt == FIRST_LOAD_COMMIT || killAt == LOAD_RESTORE - 1 || (killAt == LOAD_DEFER && after)) {
                            assertThat(deferred(store)).as(point + ": member indexes dropped").hasSize(3);
                            assertThat(migrationIndexes(store)).as(point).noneMatch(i -> i.endsWith("_member_events"))
                                    .contains("regla_migration_refund_tx", "regla_migration_reject_record");
                        }
                        CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(300).threads(threads)
                                .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(EXPORT);
                        assertThat(dump(store)).as(point).isEqualTo(REFERENCE);
                    }
                }
            }
        }
    }

    /**
     * The load holds the migrated members' ids in memory for its member checks: a run killed while loading members.csv (a
     * batch not yet written, or written and the run dead before it took note), at its end (between members.csv and
     * transactions.csv) or in the first batch of transactions.csv, before and after each write, on one and two threads,
     * resumes to the reference's rows and rejects: the resumed run reads the members a killed run committed from the store,
     * and knows none it did not commit.
     */
    @Example
    void aLoadKilledWhileItsMembersAreInMemoryResumesToTheSameDataAndRejects() {
        List<Integer> members = COMMITS.get(LegacyFile.MEMBERS);
        assertThat(members).as("members.csv in more than one batch").hasSizeGreaterThan(1);
        int[] points = {members.get(1), members.get(members.size() - 1), COMMITS.get(LegacyFile.TRANSACTIONS).get(0)};
        for (int killAt : points) {
            for (boolean after : new boolean[]{false, true}) {
                for (int t = 1; t <= 2; t++) {
                    int threads = t;
                    try (JdbcStore store = JdbcStore.h2(ROOT.resolve("kill-members-" + System.nanoTime()), Clock.systemUTC())) {
                        Killing k = new Killing(store, killAt, after);
                        assertThatThrownBy(() -> migration(k, store, threads).run(EXPORT)).isInstanceOf(Killed.class);
                        String point = "killed " + (after ? "after" : "before") + " write " + killAt + " on " + threads + " threads";
                        MigrationResult resumed = CrmMigration.builder(ENGINE, store.ledger(), store.loyaltyMigration()).batchSize(40).threads(threads)
                                .cutover(ExportGenerator.DEFAULT_CUTOVER).build().run(EXPORT);
                        assertThat(resumed.rejects()).as(point).isEqualTo(GENERATED.expectedRejects());
                        assertThat(dump(store)).as(point).isEqualTo(REFERENCE);
                    }
                }
            }
        }
    }

    /** A second run over the same export loads nothing, so it drops nothing (and rebuilds nothing). */
    @Example
    void aSecondRunDropsNoIndex() {
        try (JdbcStore store = JdbcStore.h2(ROOT.resolve("twice-" + System.nanoTime()), Clock.systemUTC())) {
            migration(new Killing(store, Integer.MAX_VALUE, false), store, 1).run(EXPORT);
            Killing second = new Killing(store, Integer.MAX_VALUE, false);
            migration(second, store, 1).run(EXPORT);
            assertThat(second.loadDeferAt).as("no index dropped").isEqualTo(-1);
            assertThat(second.firstLoadCommitAt).as("no batch written").isEqualTo(-1);
            assertThat(dump(store)).isEqualTo(REFERENCE);
        }
    }

    /** The plain indexes of the migration's tables, lower case. */
    private static List<String> migrationIndexes(JdbcStore store) {
        List<String> out = new ArrayList<>();
        try (var c = store.dataSource().getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT LOWER(INDEX_NAME) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = SCHEMA() "
                     + "AND INDEX_TYPE_NAME = 'INDEX' AND LOWER(TABLE_NAME) LIKE 'regla_migration_%' ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static List<String> deferred(JdbcStore store) {
        List<String> out = new ArrayList<>();
        try (var c = store.dataSource().getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT index_name FROM regla_deferred_index")) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Property(tries = 2)
    void migratedTotalsAreTheLegacyTotalsMinusTheRejects(@ForAll @IntRange(min = 1, max = 1000) int seed) throws IOException {
        Path export = ROOT.resolve("totals-" + seed + "-" + System.nanoTime());
        ExportGenerator.Result g = new ExportGenerator().generate(export, 40, 300, seed, true);
        try (JdbcStore store = JdbcStore.h2(export.resolveSibling(export.getFileName() + "-db"), Clock.systemUTC())) {
            MigrationResult r = CrmMigrationTest.migration(store).run(export);
            for (LegacyFile f : LegacyFile.values()) {
                MigrationResult.FileCounts c = r.files().get(f);
                assertThat(c.migrated()).as(f.key()).isEqualTo(g.legacy().get(f.key()) - c.rejected());
                assertThat(c.migratedSum()).as(f.key()).isEqualByComparingTo(c.legacySum().subtract(c.rejectedSum()));
            }
            assertThat(r.rejects()).isEqualTo(g.expectedRejects());
            assertThat(r.unaccountedLines()).isZero();
        }
    }

    private static CrmMigration migration(Killing k, JdbcStore store, int threads) {
        return CrmMigration.builder(ENGINE, k, k.migrationStore()).batchSize(40).threads(threads).cutover(ExportGenerator.DEFAULT_CUTOVER).build();
    }

    /**
     * Everything the migration leaves behind, but when it was recorded: the rows (the ledger's postings among them), the
     * ledger's keys, and the indexes of the ledger and of the migration's tables (the replay drops the posting key and a
     * plain index, the load plain ones, while they append: a resumed run must have built them again and left nothing
     * deferred).
     */
    static String dump(JdbcStore store) {
        StringBuilder b = new StringBuilder();
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
            for (String q : List.of(
                    "SELECT i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, k.COLUMN_NAME, k.ORDERING_SPECIFICATION FROM INFORMATION_SCHEMA.INDEXES i "
                            + "JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k ON k.INDEX_SCHEMA = i.INDEX_SCHEMA AND k.INDEX_NAME = i.INDEX_NAME "
                            + "WHERE i.TABLE_SCHEMA = SCHEMA() AND (LOWER(i.TABLE_NAME) LIKE 'regla_ledger_%' OR LOWER(i.TABLE_NAME) LIKE 'regla_migration_%') "
                            + "ORDER BY i.TABLE_NAME, i.INDEX_NAME, k.ORDINAL_POSITION",
                    "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = SCHEMA() "
                            + "AND LOWER(TABLE_NAME) LIKE 'regla_ledger_%' ORDER BY TABLE_NAME, CONSTRAINT_NAME",
                    "SELECT * FROM regla_deferred_index ORDER BY index_name",
                    "SELECT posting_kind, source_id, member_id FROM regla_ledger_posting ORDER BY posting_kind, source_id",
                    "SELECT member_id, entry_no, kind, source_id, lot_id, points, occurred_at, available_at, expires_at, note FROM regla_ledger_entry ORDER BY member_id, entry_no",
                    "SELECT * FROM regla_migration_member ORDER BY member_id",
                    "SELECT * FROM regla_migration_transaction ORDER BY transaction_id",
                    "SELECT * FROM regla_migration_refund ORDER BY refund_id",
                    "SELECT * FROM regla_migration_redemption ORDER BY redemption_id",
                    "SELECT * FROM regla_migration_reject ORDER BY file_name, line_no",
                    "SELECT * FROM regla_loyalty_purchase ORDER BY transaction_id",
                    "SELECT * FROM regla_loyalty_refund ORDER BY refund_id")) {
                try (ResultSet rs = st.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) b.append(rs.getString(i)).append('|');
                        b.append('\n');
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return b.toString();
    }

    private static Path tempDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "resume");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Killed extends RuntimeException {
        Killed() {
            super("killed", null, false, false);
        }
    }

    /** The real ledger and migration store, dying at the n-th write (before it, or after it committed). */
    static final class Killing implements Ledger, PurchaseHistory {
        final Ledger ledger;
        final PurchaseHistory history;
        final MigrationStore store;
        final int killAt;
        final boolean after;
        final AtomicInteger writes = new AtomicInteger();
        volatile int deferAt = -1, firstReplayCommitAt = -1, restoreAt = -1;
        volatile int loadDeferAt = -1, firstLoadCommitAt = -1, loadRestoreAt = -1;
        /** The write of each batch's commit, by file. */
        final Map<LegacyFile, List<Integer>> commitsAt = new java.util.concurrent.ConcurrentHashMap<>();
        /** Says its writes run in a server, as PostgreSQL does: one migration thread then reads beside and pipelines the replay. */
        volatile boolean serverWrites;

        Killing(JdbcStore s, int killAt, boolean after) {
            this.ledger = s.ledger();
            this.history = (PurchaseHistory) s.ledger();
            this.store = s.loyaltyMigration();
            this.killAt = killAt;
            this.after = after;
        }

        <T> T write(java.util.function.Supplier<T> w) {
            int n = writes.getAndIncrement();
            if (n == killAt && !after) throw new Killed();
            T t = w.get();
            if (n == killAt) throw new Killed();
            return t;
        }

        @Override
        public PostingResult post(Posting posting) {
            return write(() -> ledger.post(posting));
        }

        @Override
        public List<PostingResult> postAll(List<? extends Posting> postings) {
            return write(() -> ledger.postAll(postings));
        }

        @Override
        public List<LedgerEntry> entries(String memberId) {
            return ledger.entries(memberId);
        }

        @Override
        public Map<String, List<PointsLotState>> lots(Collection<String> memberIds) {
            return ledger.lots(memberIds);
        }

        @Override
        public List<String> membersWithLotsDue(Instant asOf, String afterMemberId, int limit) {
            return ledger.membersWithLotsDue(asOf, afterMemberId, limit);
        }

        @Override
        public Map<String, Purchase> purchases(Collection<String> transactionIds) {
            return history.purchases(transactionIds);
        }

        @Override
        public void recordPurchases(List<PurchaseRecord> transactions) {
            write(() -> {
                history.recordPurchases(transactions);
                return null;
            });
        }

        @Override
        public void recordRefunds(List<RefundRecord> refunds) {
            write(() -> {
                history.recordRefunds(refunds);
                return null;
            });
        }

        MigrationStore migrationStore() {
            MigrationStore s = store;
            return new MigrationStore() {
                public Checkpoint checkpoint(String stage) { return s.checkpoint(stage); }
                public boolean writesInAnotherProcess() { return serverWrites; }
                public void prepareBulk() { s.prepareBulk(); }
                public Set<String> migrated(LegacyFile file, Collection<String> ids) { return s.migrated(file, ids); }
                public void forEachMemberId(Consumer<String> sink) { s.forEachMemberId(sink); }
                public Set<String> rejected(LegacyFile file, Collection<String> ids) { return s.rejected(file, ids); }
                public Map<String, TransactionRef> transactions(Collection<String> ids) { return s.transactions(ids); }
                public void commit(LegacyFile file, List<? extends LegacyRows.Row> rows, List<LegacyRows.Reject> rejects, String stage, Checkpoint cp) {
                    if (firstLoadCommitAt < 0) firstLoadCommitAt = writes.get();
                    commitsAt.computeIfAbsent(file, f -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(writes.get());
                    write(() -> {
                        s.commit(file, rows, rejects, stage, cp);
                        return null;
                    });
                }
                public void saveCheckpoint(String stage, Checkpoint cp) {
                    write(() -> {
                        s.saveCheckpoint(stage, cp);
                        return null;
                    });
                }
                public List<Member> membersAfter(String afterId, int limit) { return s.membersAfter(afterId, limit); }
                public List<Object> eventsOfMembers(String fromId, String toId) { return s.eventsOfMembers(fromId, toId); }
                public void commitReplay(InMemoryLedger replayed, String stage, Checkpoint cp) {
                    if (firstReplayCommitAt < 0) firstReplayCommitAt = writes.get();
                    write(() -> {
                        s.commitReplay(replayed, stage, cp);
                        return null;
                    });
                }
                public void deferLoadIndexes() {
                    if (loadDeferAt < 0) loadDeferAt = writes.get();
                    write(() -> {
                        s.deferLoadIndexes();
                        return null;
                    });
                }
                public void restoreLoadIndexes() {
                    if (loadRestoreAt < 0) loadRestoreAt = writes.get();
                    write(() -> {
                        s.restoreLoadIndexes();
                        return null;
                    });
                }
                public void deferLedgerIndexes() {
                    if (deferAt < 0) deferAt = writes.get();
                    write(() -> {
                        s.deferLedgerIndexes();
                        return null;
                    });
                }
                public void restoreLedgerIndexes() {
                    if (restoreAt < 0) restoreAt = writes.get();
                    write(() -> {
                        s.restoreLedgerIndexes();
                        return null;
                    });
                }
                public Map<String, Member> memberFacts(Collection<String> ids) { return s.memberFacts(ids); }
                public void balances(String prefix, Consumer<MemberBalance> sink) { s.balances(prefix, sink); }
                public long migratedCount(LegacyFile file) { return s.migratedCount(file); }
                public BigDecimal migratedSum(LegacyFile file) { return s.migratedSum(file); }
                public Map<String, Long> rejectsByCheck(LegacyFile file) { return s.rejectsByCheck(file); }
                public void rejects(Consumer<LegacyRows.Reject> sink) { s.rejects(sink); }
                public Set<Long> rejectedLines(LegacyFile file, Collection<Long> lines) { return s.rejectedLines(file, lines); }
                public Long latestEventMillis() { return s.latestEventMillis(); }
            };
        }
    }
}
