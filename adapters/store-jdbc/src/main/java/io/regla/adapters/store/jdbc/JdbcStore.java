package io.regla.adapters.store.jdbc;

import io.regla.api.spi.CursorStore;
import io.regla.api.spi.FactStore;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.api.spi.Outbox;
import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.api.spi.StoreException;
import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.PutAllResult;
import java.util.List;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * The store over JDBC: H2 (the embedded default, a file database) or PostgreSQL. Opening it migrates
 * the schema with Flyway (history in {@code regla_schema_history}), so a new version of Regla upgrades
 * an existing database in place.
 */
public final class JdbcStore implements LedgerStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    static final String MIGRATIONS = "classpath:io/regla/adapters/store/jdbc/migration";

    private final DataSource dataSource;
    private final JdbcFactStore facts;
    private final JdbcOutbox outbox;
    private final JdbcCursorStore cursors;
    private final JdbcLedger ledger;
    private final Jdbc jdbc;
    private final JdbcMigrationStore migration;
    private final JdbcDecisionLog decisionLog;
    /** What {@link #close()} releases: nothing for a caller's data source. */
    private final Runnable release;

    private JdbcStore(DataSource dataSource, Clock clock, Runnable release) {
        this.dataSource = dataSource;
        this.release = release;
        migrate(dataSource);
        this.jdbc = new Jdbc(dataSource);
        this.facts = new JdbcFactStore(jdbc, clock);
        this.outbox = new JdbcOutbox(jdbc);
        this.cursors = new JdbcCursorStore(jdbc, clock);
        boolean postgres = JdbcLedger.isPostgres(jdbc);
        this.migration = new JdbcMigrationStore(jdbc, postgres);
        // the posting key the migration's replay defers: the ledger refuses to post without it
        this.ledger = new JdbcLedger(jdbc, clock, postgres, migration.postingKeys());
        this.decisionLog = new JdbcDecisionLog(jdbc);
    }

    /** A store on a data source the caller owns (a PostgreSQL pool, say); {@link #close()} leaves it open. */
    public static JdbcStore open(DataSource dataSource, Clock clock) {
        return new JdbcStore(dataSource, clock, () -> { });
    }

    /**
     * A store on a database server ({@code jdbc:postgresql://host/db}) through a small connection pool
     * of its own, closed by {@link #close()}.
     *
     * @param password null when the server needs none; never logged
     */
    public static JdbcStore connect(String jdbcUrl, String user, String password, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("regla-store");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect the store to " + jdbcUrl + ": " + e.getMessage(), e);
        }
        try {
            return new JdbcStore(pool, clock, pool::close);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The embedded default: an H2 database in {@code file} ({@code .mv.db} is appended, unless the name given ends
     * with it already: {@code --db data/regla.mv.db} is the same store as {@code --db data/regla}), created on first
     * use. It stays open until {@link #close()}.
     */
    public static JdbcStore h2(Path file, Clock clock) {
        return h2(file, "", clock);
    }

    /**
     * The embedded default with H2 settings appended to its URL ({@code ";RETENTION_TIME=0;PAGE_SIZE=16384"}): for a
     * benchmark comparing H2's settings on the same code (benchmarks/README.md, "Loyalty migration, session 7: H2
     * settings"). Settings H2 also takes as {@code SET} are run again on each connection; database settings
     * ({@code AUTO_COMPACT_FILL_RATE}, {@code PAGE_SIZE}) apply when the file is opened.
     */
    public static JdbcStore h2(Path file, String urlSettings, Clock clock) {
        file = withoutH2Suffix(file);
        JdbcDataSource ds = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1: keep the database open between the store's short-lived connections
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1" + urlSettings);
        ds.setUser("regla");
        ds.setPassword("");
        JdbcStore store;
        try {
            store = new JdbcStore(ds, clock, () -> shutdown(ds));
        } catch (StoreException e) {
            if (!lockedByAnotherProcess(e)) throw e;
            throw new StoreException("the H2 store " + file.toAbsolutePath() + ".mv.db is open in another process (a running "
                    + "`regla serve`, or another command): H2 lets one process at a time open its file; stop that process "
                    + "first, or use the server's pages and API", e);
        }
        if (!sharedWithOtherProcesses(urlSettings)) putBackCacheLeftRaised(store);
        return store;
    }

    /** H2's DATABASE_ALREADY_OPEN (90020, "Database may be already in use"): another process holds the file's lock. */
    private static boolean lockedByAnotherProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) return true;
        }
        return false;
    }

    /**
     * An H2 cache a migration killed before its end left raised in the file ({@link H2BulkCache}), put back now, before
     * anyone fills it: else this process (a server, a statement, on a heap of its own size) would hold up to 1 GiB of it.
     * Safe: H2 locks the file for the process that opened it (another one gets "Database may be already in use"), so no
     * other process's migration runs on it; one of this process's on another store of the same file would lose its raised
     * cache (slower, never wrong). Failing leaves the record, and the loyalty commands' notice says so.
     */
    private static void putBackCacheLeftRaised(JdbcStore store) {
        try {
            store.migration.putBackCacheAtOpen();
            // a server has no loyalty notice: its log says a migration did not finish
            MigrationH2Cache.of(store).putBackWhenOpened().ifPresent(c -> LOG.warn(
                    "a migration that did not finish had left H2's page cache at {} MiB in the database file: put back to {} MiB",
                    c.raisedMiB(), c.originalMiB()));
        } catch (StoreException e) {
            LOG.warn("the H2 cache a killed migration left raised could not be put back: {}", e.getMessage());
        }
    }

    /** URL settings that let other processes open the file beside this one (no file lock, or H2's automatic server). */
    private static boolean sharedWithOtherProcesses(String urlSettings) {
        String s = urlSettings.toUpperCase(java.util.Locale.ROOT);
        return s.contains("AUTO_SERVER=TRUE") || s.contains("FILE_LOCK=NO");
    }

    private static void migrate(DataSource dataSource) {
        try {
            var result = Flyway.configure(JdbcStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .table("regla_schema_history")
                    .baselineOnMigrate(false)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("store schema migrated to version {}", result.targetSchemaVersion);
                syncH2(dataSource);
            }
        } catch (FlywayException e) {
            throw new StoreException("store schema migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * H2 writes committed changes to its file up to 500 ms later ({@code WRITE_DELAY}), and a migration's DDL and Flyway's
     * record of it are separate commits: a process killed in that window left a table without its record, and every later
     * open failed on "table already exists" (seen in CI: {@code H2StoreLockedTest} kills the process that created the
     * store; {@code H2HaltAfterMigrationTest} reproduces it on demand). Forcing the write once after the schema changed
     * closes that window; PostgreSQL needs nothing.
     */
    private static void syncH2(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2")) return;
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
        } catch (java.sql.SQLException e) {
            throw new StoreException("store schema migrated, but H2 could not write it to its file: " + e.getMessage(), e);
        }
    }

    /** The JDBC helper, for the adapter's own readers ({@link JdbcStoredFacts}). */
    Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public FactStore facts() {
        return facts;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public CursorStore cursors() {
        return cursors;
    }

    @Override
    public PutAllResult putAll(List<FactWrite> writes, List<OutboxEntry> enqueue) {
        if (writes.isEmpty() && enqueue.isEmpty()) {
            return PutAllResult.EMPTY;
        }
        return jdbc.transaction("put " + writes.size() + " facts and " + enqueue.size() + " outbox entries", c -> {
            PutAllResult result = writes.isEmpty() ? PutAllResult.EMPTY : facts.write(c, writes);
            for (OutboxEntry e : enqueue) {
                try {
                    JdbcOutbox.insert(c, e);
                } catch (SQLException ex) {
                    if (Jdbc.isUniqueViolation(ex)) {
                        throw new ConcurrentUpdateException("outbox entry '" + e.key() + "' already exists", ex);
                    }
                    throw ex;
                }
            }
            return result;
        });
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    /** The CRM migration's tables (rejects, checkpoints, the export's accepted rows) beside the ledger. */
    public io.regla.rules.loyalty.migration.MigrationStore loyaltyMigration() {
        return migration;
    }

    /**
     * The decision log on this store (table {@code regla_decision}), for
     * {@code Regla.builder().decisionLog(store.decisionLog())} and for reading recent decisions back.
     */
    public JdbcDecisionLog decisionLog() {
        return decisionLog;
    }

    /** The data source, for an import or a report that runs its own SQL beside the store. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        release.run();
    }

    private static void shutdown(DataSource h2) {
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StoreException("closing the H2 store failed: " + e.getMessage(), e);
        }
    }

    /** {@code regla.mv.db} names the store {@code regla} (H2 appends the suffix itself). */
    static Path withoutH2Suffix(Path file) {
        Path name = file.getFileName();
        if (name != null && name.toString().endsWith(".mv.db") && name.toString().length() > ".mv.db".length()) {
            return file.resolveSibling(name.toString().substring(0, name.toString().length() - ".mv.db".length()));
        }
        return file;
    }
}
