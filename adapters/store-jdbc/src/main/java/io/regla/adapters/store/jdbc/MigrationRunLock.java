package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.migration.MigrationStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a CRM migration is running on the database, so that a ledger index the replay deferred
 * ({@link IndexDeferral}) is told apart from one a killed run left dropped. On PostgreSQL a run holds a
 * session-level advisory lock on a connection of its own: the server frees it when that session ends, so a run killed
 * in any way (even {@code kill -9}) stops counting as running at once, and another process sees it. An embedded H2 file
 * is open in one process only (H2 locks the file), so there this process's own runs are all there is to know.
 */
final class MigrationRunLock {

    /** The advisory lock's keys: a fixed number for the migration, and the schema's hash (two stores in one database, two locks). */
    private static final String KEYS = "?, hashtext(current_schema())";
    private static final int KEY = 0x52454d49; // "REMI", any number no other lock of the store uses

    private final Jdbc jdbc;
    private final boolean postgres;
    /** Runs of this process under way (a migration of this process counts on both databases). */
    private final AtomicInteger here = new AtomicInteger();

    MigrationRunLock(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    /**
     * Marks a run until the handle is closed.
     *
     * @throws StoreException when another process runs a migration on this PostgreSQL database: two runs would write the
     *                        same rows, and the second would fail half-way instead of now
     */
    MigrationStore.Running hold() {
        if (!postgres) {
            here.incrementAndGet();
            return here::decrementAndGet;
        }
        Connection c = null;
        try {
            c = jdbc.connection();
            c.setAutoCommit(true);
            if (!tryLock(c)) {
                throw new StoreException("another migration is running on this database (it holds the migration's advisory lock): "
                        + "wait for it to finish");
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StoreException("store: mark the migration as running failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        here.incrementAndGet();
        Connection held = c;
        return () -> {
            here.decrementAndGet();
            // closing the session frees its advisory lock; unlocking first keeps it free if a pool only recycles the connection
            try (held) {
                unlock(held);
            } catch (SQLException e) {
                throw new StoreException("store: mark the migration as ended failed: " + e.getMessage(), e);
            }
        };
    }

    /** True while a run of this process, or on PostgreSQL of any process, holds the mark. */
    boolean running() {
        if (here.get() > 0) return true;
        if (!postgres) return false;
        return jdbc.call("see whether a migration is running", c -> {
            if (!tryLock(c)) return true;
            unlock(c); // the probe took it: a pooled session must not keep it
            return false;
        });
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT pg_try_advisory_lock(" + KEYS + ")"), KEY); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT pg_advisory_unlock(" + KEYS + ")"), KEY)) {
            ps.execute();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // the failure being reported is the one that matters
        }
    }
}
