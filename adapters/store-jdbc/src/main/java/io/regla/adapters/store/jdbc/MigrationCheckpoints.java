package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.migration.MigrationStore.Checkpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The CRM migration's checkpoints (V20, {@code regla_migration_checkpoint}): one row per stage. The load and the replay
 * move a stage's checkpoint in the same transaction as the batch it covers ({@link #upsert}), so a killed run resumes
 * after its last committed batch. Every reader asks for a stage by name: {@link H2BulkCache} keeps a row of its own under
 * {@link H2BulkCache#STAGE} (what to put H2's cache back to), which no stage reads.
 */
final class MigrationCheckpoints {

    private final Jdbc jdbc;

    MigrationCheckpoints(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Checkpoint read(String stage) {
        return jdbc.call("read checkpoint " + stage, c -> read(c, stage));
    }

    /** Inside the caller's transaction; null when the stage has no row. */
    static Checkpoint read(Connection c, String stage) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT position, state FROM regla_migration_checkpoint WHERE stage = ?"), stage);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Checkpoint(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    void delete(String stage) {
        jdbc.call("delete checkpoint " + stage, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("DELETE FROM regla_migration_checkpoint WHERE stage = ?"), stage)) {
                return ps.executeUpdate();
            }
        });
    }

    void save(String stage, Checkpoint checkpoint) {
        jdbc.transaction("save checkpoint " + stage, c -> {
            upsert(c, stage, checkpoint);
            return null;
        });
    }

    /** Inside the caller's transaction. */
    static void upsert(Connection c, String stage, Checkpoint cp) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("UPDATE regla_migration_checkpoint SET position = ?, state = ? WHERE stage = ?"),
                cp.position(), cp.state(), stage)) {
            if (ps.executeUpdate() == 1) return;
        }
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("INSERT INTO regla_migration_checkpoint (stage, position, state) VALUES (?, ?, ?)"),
                stage, cp.position(), cp.state())) {
            ps.executeUpdate();
        }
    }
}
