package io.regla.adapters.store.jdbc;

import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxBacklog;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outbox in table {@code regla_outbox}; claims are compare-and-set updates on {@code version}. */
final class JdbcOutbox implements Outbox {

    private static final String COLUMNS = "entry_key, channel, payload_type, payload, status, attempts, due_at,"
            + " lease_owner, last_error, provider_id, created_at, updated_at, version";
    private static final String NOT_FINAL = "status IN ('PENDING', 'IN_FLIGHT', 'UNCERTAIN')";

    private final Jdbc jdbc;

    JdbcOutbox(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean enqueue(OutboxEntry e) {
        return jdbc.call("enqueue", c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "INSERT INTO regla_outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    e.key(), e.channel(), e.payloadType(), e.payload(), e.status().name(), e.attempts(),
                    e.dueAt().toEpochMilli(), e.leaseOwner(), clip(e.lastError()), e.providerId(),
                    e.createdAt().toEpochMilli(), e.updatedAt().toEpochMilli(), e.version())) {
                ps.executeUpdate();
                return true;
            } catch (SQLException ex) {
                if (Jdbc.isUniqueViolation(ex)) {
                    return false;
                }
                throw ex;
            }
        });
    }

    @Override
    public Optional<OutboxEntry> find(String key) {
        List<OutboxEntry> found = query("find", "SELECT " + COLUMNS + " FROM regla_outbox WHERE entry_key = ?", key);
        return found.stream().findFirst();
    }

    @Override
    public List<OutboxEntry> list(OutboxStatus status, int limit) {
        return query("list " + status, "SELECT " + COLUMNS + " FROM regla_outbox WHERE status = ?"
                + " ORDER BY due_at, entry_key LIMIT " + checkLimit(limit), status.name());
    }

    @Override
    public List<OutboxEntry> due(String channel, Instant now, int limit) {
        return query("due " + channel, "SELECT " + COLUMNS + " FROM regla_outbox WHERE channel = ? AND " + NOT_FINAL
                + " AND due_at <= ? ORDER BY due_at, entry_key LIMIT " + checkLimit(limit), channel, now.toEpochMilli());
    }

    @Override
    public boolean update(OutboxEntry expected, OutboxEntry next) {
        if (!expected.key().equals(next.key()) || next.version() != expected.version() + 1) {
            throw new IllegalArgumentException("outbox update must keep the key and step the version by one");
        }
        return jdbc.call("update", c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "UPDATE regla_outbox SET status = ?, attempts = ?, due_at = ?, lease_owner = ?, last_error = ?,"
                            + " provider_id = ?, updated_at = ?, version = ? WHERE entry_key = ? AND version = ?"),
                    next.status().name(), next.attempts(), next.dueAt().toEpochMilli(), next.leaseOwner(),
                    clip(next.lastError()), next.providerId(), next.updatedAt().toEpochMilli(), next.version(),
                    expected.key(), expected.version())) {
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** One grouped count over the {@code (status, due_at)} index. */
    @Override
    public OutboxBacklog backlog() {
        return jdbc.call("backlog", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*), MIN(due_at) FROM regla_outbox WHERE "
                    + NOT_FINAL + " GROUP BY status"); ResultSet rs = ps.executeQuery()) {
                long pending = 0, inFlight = 0, uncertain = 0;
                Instant oldest = null;
                while (rs.next()) {
                    long n = rs.getLong(2);
                    switch (OutboxStatus.valueOf(rs.getString(1))) {
                        case PENDING -> pending = n;
                        case IN_FLIGHT -> inFlight = n;
                        case UNCERTAIN -> uncertain = n;
                        default -> { }
                    }
                    Instant due = Instant.ofEpochMilli(rs.getLong(3));
                    if (oldest == null || due.isBefore(oldest)) oldest = due;
                }
                return new OutboxBacklog(pending, inFlight, uncertain, oldest);
            }
        });
    }

    private List<OutboxEntry> query(String what, String sql, Object... args) {
        return jdbc.call(what, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
                List<OutboxEntry> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            OutboxStatus.valueOf(rs.getString(5)), rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)),
                            rs.getString(8), rs.getString(9), rs.getString(10), Instant.ofEpochMilli(rs.getLong(11)),
                            Instant.ofEpochMilli(rs.getLong(12)), rs.getLong(13)));
                }
                return rows;
            }
        });
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
        return limit;
    }

    private static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
