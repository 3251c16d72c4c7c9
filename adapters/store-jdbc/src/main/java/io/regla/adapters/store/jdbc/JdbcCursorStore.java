package io.regla.adapters.store.jdbc;

import io.regla.api.spi.CursorStore;
import io.regla.api.spi.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Cursors in table {@code regla_cursor}. */
final class JdbcCursorStore implements CursorStore {

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcCursorStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String name) {
        return jdbc.call("get cursor " + name, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "SELECT cursor_value FROM regla_cursor WHERE name = ?"), name); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public void put(String name, String value) {
        Objects.requireNonNull(value, "value");
        // update, else insert; a concurrent insert of a new name loses the race and retries as an update
        for (int attempt = 0; attempt < 3; attempt++) {
            if (update(name, value, null) || insert(name, value)) {
                return;
            }
        }
        throw new StoreException("cursor '" + name + "' kept changing under a put");
    }

    @Override
    public boolean compareAndSet(String name, String expected, String value) {
        Objects.requireNonNull(value, "value");
        return expected == null ? insert(name, value) : update(name, value, expected);
    }

    private boolean update(String name, String value, String expected) {
        String sql = "UPDATE regla_cursor SET cursor_value = ?, updated_at = ? WHERE name = ?"
                + (expected == null ? "" : " AND cursor_value = ?");
        return jdbc.call("set cursor " + name, c -> {
            try (PreparedStatement ps = expected == null
                    ? Jdbc.bind(c.prepareStatement(sql), value, clock.millis(), name)
                    : Jdbc.bind(c.prepareStatement(sql), value, clock.millis(), name, expected)) {
                return ps.executeUpdate() == 1;
            }
        });
    }

    private boolean insert(String name, String value) {
        return jdbc.call("set cursor " + name, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "INSERT INTO regla_cursor (name, cursor_value, updated_at) VALUES (?, ?, ?)"), name, value, clock.millis())) {
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }
}
