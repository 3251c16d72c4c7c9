package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The ledger's posting key, {@code regla_ledger_posting}'s primary key (posting_kind, source_id), dropped while the CRM
 * migration's replay appends and built once after its last chunk (recorded in V92's {@code regla_deferred_index}, as
 * {@link IndexDeferral} records the plain indexes). Chunks are member ranges and a realistic export's ids grow with time,
 * so every chunk's keys landed all over the key's B-tree: on H2 a random insert per posting (61.6 us a row against 4.8
 * appended, and 3 to 9 for the key built after the load: benchmarks/README.md, "Loyalty migration, session 10" and
 * "session 11: posting keys").
 *
 * <p>Unlike a plain index, the key is what refuses a posting made twice, so while it is missing:
 * <ul>
 *   <li>the replay is the only writer: {@link JdbcLedger} refuses every other posting ({@link #refuseWhileDeferred}) with a
 *       message naming the migration and how to end it;</li>
 *   <li>the replay's own keys cannot collide (the load refuses a repeated transaction, refund or redemption id, and the
 *       replay only appends members new to the ledger), so a duplicate when the key is built is a source posted to the
 *       ledger before the migration and again by its replay: {@link #restore} reports each one (kind, source, members)
 *       and keeps the record, so the run fails with nothing lost, and the same call builds the key once the duplicates are
 *       resolved (a resumed migration, or {@code regla loyalty repair-indexes}).</li>
 * </ul>
 *
 * <p>Resumable as {@link IndexDeferral}: the row is committed before the key is dropped and deleted only once the key exists
 * again (read from the schema, so a build killed after it committed is not run twice), so a run killed anywhere leaves in
 * the table exactly what must still be built. The key is re-added under the constraint name it had.
 */
final class PostingKeyDeferral {

    static final String TABLE = "regla_ledger_posting";
    /** Its row's name in {@code regla_deferred_index} (PostgreSQL's own name of the key; H2 names it CONSTRAINT_n). */
    static final String NAME = "regla_ledger_posting_pkey";
    /** The plain index that lets H2 list the duplicates group by group, in order, rather than in a map of every key. */
    private static final String DUPLICATES_INDEX = "regla_ledger_posting_duplicates";
    /** Duplicates named in the message; the rest are counted. */
    private static final int SHOWN = 20;

    private final Jdbc jdbc;
    private final boolean postgres;
    private final BooleanSupplier migrationRunning;

    PostingKeyDeferral(Jdbc jdbc, boolean postgres, BooleanSupplier migrationRunning) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.migrationRunning = migrationRunning;
    }

    /** Records then drops the key; a key recorded by a killed run and not yet dropped is dropped; no key: nothing done. */
    void defer() {
        String constraint = jdbc.call("read the ledger's posting key", PostingKeyDeferral::constraintName);
        if (constraint == null) return; // dropped already (this deferral, recorded), or a schema without it
        // the row first, in its own transaction: a run killed right after it still knows the key is to be built
        jdbc.transaction("record the deferred posting key", c -> {
            if (recorded(c) != null) return null;
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "INSERT INTO regla_deferred_index (index_name, table_name, create_sql) VALUES (?, ?, ?)"), NAME, TABLE,
                    "ALTER TABLE " + TABLE + " ADD CONSTRAINT " + quoted(constraint) + " PRIMARY KEY (posting_kind, source_id)")) {
                ps.executeUpdate();
            }
            return null;
        });
        jdbc.call("drop the ledger's posting key for the replay", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + TABLE + " DROP CONSTRAINT " + quoted(constraint));
            }
            return null;
        });
    }

    /**
     * Builds the recorded key (sorting the table once) unless it exists, then forgets it; nothing recorded: nothing done.
     *
     * @throws StoreException when a (kind, source) is posted more than once: each named with its members, the record kept
     */
    void restore() {
        String create = jdbc.call("read the deferred posting key", PostingKeyDeferral::recorded);
        if (create == null) return;
        if (!postgres) dropDuplicatesIndex(); // a run killed while it listed duplicates
        if (jdbc.call("read the ledger's posting key", PostingKeyDeferral::constraintName) == null) {
            try {
                jdbc.call("build the ledger's posting key after the replay", c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(create);
                    }
                    return null;
                });
            } catch (StoreException e) {
                if (!(e.getCause() instanceof SQLException sql) || !Jdbc.isUniqueViolation(sql)) throw e;
                throw new StoreException(duplicates(), e);
            }
        }
        jdbc.transaction("forget the deferred posting key", c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("DELETE FROM regla_deferred_index WHERE index_name = ?"), NAME)) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** {@link #NAME} while the key is recorded and not yet forgotten: a run under way's, or what a killed run left. */
    List<String> pending() {
        return jdbc.call("read the deferred posting key", c -> recorded(c) == null ? List.<String>of() : List.of(NAME));
    }

    /**
     * Throws when the key is deferred, inside a transaction that posts to the ledger. Called after the transaction's first
     * write to {@code regla_ledger_posting}: that write holds a lock on the table that the key's drop and build wait for
     * (an exclusive one, on H2 and PostgreSQL), so if the row is not seen here the key is there until this transaction
     * ends; if it is seen, whatever the transaction wrote is rolled back. Why this row rather than a flag kept in memory:
     * it is committed before the key is dropped and deleted after it exists again, so it says exactly whether the key may
     * be missing, in any process and after a killed run; and it costs one primary key read of a table of a few rows per
     * transaction of up to {@link JdbcLedger#CHUNK} postings.
     */
    void refuseWhileDeferred(Connection c) throws SQLException {
        if (recorded(c) == null) return;
        throw new StoreException(refusal());
    }

    /** The same check on its own, for a read that needs the key (by lot, the expiry run's) and would scan without it. */
    void refuseWhileDeferred() {
        if (pending().isEmpty()) return;
        throw new StoreException(refusal());
    }

    private String refusal() {
        String why = "the ledger's posting key (" + TABLE + "'s primary key, which refuses a posting made twice) is dropped while a CRM "
                + "migration replays into the ledger, and no other posting is accepted until it is built again: ";
        return why + (migrationRunning.getAsBoolean()
                ? "a migration is running on this database now; try again when it has ended (it builds the key when its replay ends)"
                : "a migration that did not finish left it dropped; resume it (`regla loyalty migrate --from DIR` with the same export) "
                + "or build the key now with `regla loyalty repair-indexes`");
    }

    /** The message for a key that cannot be built: every (kind, source) posted more than once, the first ones with their members. */
    private String duplicates() {
        List<String> shown = new ArrayList<>();
        long[] count = {0};
        try {
            jdbc.call("list the postings made twice", c -> {
                try (Statement s = c.createStatement()) {
                    if (!postgres) s.execute("CREATE INDEX IF NOT EXISTS " + DUPLICATES_INDEX + " ON " + TABLE + " (posting_kind, source_id)");
                    try (ResultSet rs = s.executeQuery("SELECT posting_kind, source_id, COUNT(*), MIN(member_id), MAX(member_id) FROM " + TABLE
                            + " GROUP BY posting_kind, source_id HAVING COUNT(*) > 1 ORDER BY posting_kind, source_id")) {
                        while (rs.next()) {
                            if (count[0]++ >= SHOWN) continue;
                            long n = rs.getLong(3);
                            shown.add(rs.getString(1) + " " + rs.getString(2) + " (members " + rs.getString(4) + ", " + rs.getString(5)
                                    + (n > 2 ? " and " + (n - 2) + " more postings" : "") + ")");
                        }
                    }
                }
                return null;
            });
        } finally {
            if (!postgres) dropDuplicatesIndex();
        }
        return "the ledger's posting key (" + TABLE + "'s primary key) cannot be built after the migration's replay: " + count[0]
                + " source" + (count[0] == 1 ? " was" : "s were") + " posted more than once: " + String.join("; ", shown)
                + (count[0] > SHOWN ? "; and " + (count[0] - SHOWN) + " more" : "")
                + ". Each was posted to the ledger before the migration and again by its replay (the replay's own postings never "
                + "repeat a source). Nothing was dropped and the key stays recorded: remove the posting that must not stand (its "
                + TABLE + " row, and its member's ledger entries), then run `regla loyalty migrate --from DIR` again (it resumes "
                + "here) or `regla loyalty repair-indexes`. No posting is accepted until the key is built";
    }

    private void dropDuplicatesIndex() {
        jdbc.call("drop the index that listed the postings made twice", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX IF EXISTS " + DUPLICATES_INDEX);
            }
            return null;
        });
    }

    /** The statement that builds the recorded key, or null when none is recorded. */
    private static String recorded(Connection c) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT create_sql FROM regla_deferred_index WHERE index_name = ?"), NAME);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The name of the table's primary key constraint, or null when it has none (the same query on H2 and PostgreSQL). */
    private static String constraintName(Connection c) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT constraint_name FROM information_schema.table_constraints "
                + "WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) = ? AND constraint_type = 'PRIMARY KEY'"), TABLE);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
