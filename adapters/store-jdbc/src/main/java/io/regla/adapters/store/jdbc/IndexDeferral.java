package io.regla.adapters.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plain (non-unique) indexes a bulk stage of the CRM migration drops while it appends, and builds once after it (V92,
 * table {@code regla_deferred_index}), one instance per stage:
 * <ul>
 *   <li>{@link #ledger}: the replay's ledger appends. On H2 the entries' expiry index took a random B-tree insert per
 *       accrual and made every chunk's commit rewrite pages all over it: appending a 30,000-member replay cost 2 x the
 *       thread CPU and 2.2 x the process CPU with it than without, and building it afterwards took 0.7 s of the 1.9 s of
 *       thread CPU it saved (benchmarks/README.md, "Loyalty migration, session 6").</li>
 *   <li>{@link #migrationLoad}: the load's inserts into the export's tables. Their member indexes serve the replay's
 *       reads by member range, never the load's own checks; in a time-ordered export (what a real CRM writes) each row
 *       is a random insert into them, and on H2 the load took 12 x as long as on the same export ordered by member
 *       (benchmarks/README.md, "Loyalty migration, session 10"). The indexes the load's checks read stay: the refunds'
 *       transaction index (a refund past what is left of its purchase) and every index of the rejects table.</li>
 * </ul>
 * Unique indexes (the primary keys) are never dropped here: they are what refuses a row or a posting appended twice. The
 * one exception, the ledger's posting key, has a class of its own that refuses live postings and finds duplicates
 * ({@link PostingKeyDeferral}).
 *
 * <p>Resumable: each index's row is committed before the index is dropped and deleted only once the index exists again
 * ({@code CREATE INDEX IF NOT EXISTS}), so a run killed anywhere leaves in the table exactly what must still be built,
 * and {@link #restore} builds it on the next run. Meanwhile every query stays correct (without the index, slower).
 * Which indexes is read from the schema, so a migration that changes one needs no change here; each stage restores only
 * the indexes of its own tables.
 */
final class IndexDeferral {

    /** The tables whose plain indexes the replay's appends maintain for nothing (the replay never reads them). */
    static final List<String> LEDGER_TABLES = List.of("regla_ledger_entry", "regla_ledger_posting");
    /** The export's tables whose plain indexes the load's inserts maintain for the replay, not for the load. */
    static final List<String> LOAD_TABLES = List.of("regla_migration_transaction", "regla_migration_refund", "regla_migration_redemption");
    /** Of {@link #LOAD_TABLES}' indexes, those the load's checks read (the refunds already taken from a purchase). */
    static final Set<String> LOAD_KEEPS = Set.of("regla_migration_refund_tx");

    private final Jdbc jdbc;
    private final boolean postgres;
    private final List<String> tables;
    private final Set<String> keeps;
    /** What the indexes are dropped for, in messages: "the replay", "the load". */
    private final String stage;

    private IndexDeferral(Jdbc jdbc, boolean postgres, List<String> tables, Set<String> keeps, String stage) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.tables = tables;
        this.keeps = keeps;
        this.stage = stage;
    }

    /** The ledger's plain indexes, for the replay's appends. */
    static IndexDeferral ledger(Jdbc jdbc, boolean postgres) {
        return new IndexDeferral(jdbc, postgres, LEDGER_TABLES, Set.of(), "the replay");
    }

    /** The export tables' plain indexes the load does not read, for the load's inserts. */
    static IndexDeferral migrationLoad(Jdbc jdbc, boolean postgres) {
        return new IndexDeferral(jdbc, postgres, LOAD_TABLES, LOAD_KEEPS, "the load");
    }

    /** Records then drops each deferrable index of the tables that exists; an index recorded by a killed run is left as is. */
    void defer() {
        Map<String, String[]> found = jdbc.call("read the indexes to drop for " + stage, this::plainIndexes);
        for (Map.Entry<String, String[]> e : found.entrySet()) {
            String name = e.getKey();
            // the row first, in its own transaction: a run killed right after it still knows the index is to be built
            jdbc.transaction("record the deferred index " + name, c -> {
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT 1 FROM regla_deferred_index WHERE index_name = ?"), name);
                     ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return null;
                }
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                        "INSERT INTO regla_deferred_index (index_name, table_name, create_sql) VALUES (?, ?, ?)"), name, e.getValue()[0], e.getValue()[1])) {
                    ps.executeUpdate();
                }
                return null;
            });
            jdbc.call("drop the index " + name + " for " + stage, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX IF EXISTS " + name);
                }
                return null;
            });
        }
    }

    /**
     * Builds every recorded index of the tables (one statement each, sorting the table once) and forgets it; nothing
     * recorded: nothing done (one read of the deferred indexes).
     */
    void restore() {
        for (Map.Entry<String, String> e : recorded().entrySet()) {
            jdbc.call("build the index " + e.getKey() + " after " + stage, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(e.getValue());
                }
                return null;
            });
            jdbc.transaction("forget the deferred index " + e.getKey(), c -> {
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("DELETE FROM regla_deferred_index WHERE index_name = ?"), e.getKey())) {
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The tables' indexes recorded and not yet built again, by name: a run under way's, or what a killed run left. */
    List<String> pending() {
        return List.copyOf(recorded().keySet());
    }

    /** Index name -> the statement that builds it, for the indexes of the tables, in name order. */
    private Map<String, String> recorded() {
        return jdbc.call("read the deferred indexes", c -> {
            Map<String, String> out = new LinkedHashMap<>();
            // plain indexes only: the posting key recorded for the same table is built by PostingKeyDeferral, which checks it
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT index_name, create_sql FROM regla_deferred_index WHERE LOWER(table_name) IN ("
                    + marks() + ") AND create_sql LIKE 'CREATE INDEX %' ORDER BY index_name"), tables.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    private String marks() {
        return String.join(", ", Collections.nCopies(tables.size(), "?"));
    }

    /** Index name -> {table, statement that creates it if missing}, for the non-unique indexes of the tables but those kept. */
    private Map<String, String[]> plainIndexes(Connection c) throws SQLException {
        Map<String, String[]> out = new LinkedHashMap<>();
        if (postgres) {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT i.indexname, i.tablename, i.indexdef FROM pg_indexes i "
                    + "WHERE i.schemaname = current_schema() AND i.tablename IN (" + marks() + ") AND i.indexdef NOT LIKE 'CREATE UNIQUE %' "
                    + "ORDER BY i.indexname"), tables.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String def = rs.getString(3);
                    if (!def.startsWith("CREATE INDEX ")) continue; // nothing this code could rebuild as it was
                    out.put(rs.getString(1), new String[]{rs.getString(2), "CREATE INDEX IF NOT EXISTS " + def.substring("CREATE INDEX ".length())});
                }
            }
        } else {
            out.putAll(H2PlainIndexes.of(c, tables));
        }
        out.keySet().removeIf(name -> keeps.contains(name.replace("\"", "").toLowerCase(Locale.ROOT)));
        return out;
    }
}
