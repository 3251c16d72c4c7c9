package io.regla.adapters.store.jdbc;

import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.StoredFact;
import io.regla.core.store.FactJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Facts in table {@code regla_fact}, one row per (type, id), body as JSON. */
final class JdbcFactStore implements FactStore {

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcFactStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public <T extends Record> Optional<StoredFact<T>> get(Class<T> type, String id) {
        return jdbc.call("get " + FactStore.typeName(type), c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "SELECT fact_id, body, version, updated_at FROM regla_fact WHERE fact_type = ? AND fact_id = ?"),
                    FactStore.typeName(type), id); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(type, rs)) : Optional.empty();
            }
        });
    }

    @Override
    public <T extends Record> List<StoredFact<T>> list(Class<T> type, String idPrefix, String afterId, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
        String prefix = idPrefix == null ? "" : idPrefix;
        String after = afterId == null ? "" : afterId;
        return jdbc.call("list " + FactStore.typeName(type), c -> {
            // LIKE with an escaped prefix keeps '%' and '_' in ids literal
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "SELECT fact_id, body, version, updated_at FROM regla_fact WHERE fact_type = ? AND fact_id LIKE ? ESCAPE '!'"
                            + " AND fact_id > ? ORDER BY fact_id LIMIT " + limit),
                    FactStore.typeName(type), escapeLike(prefix) + "%", after); ResultSet rs = ps.executeQuery()) {
                List<StoredFact<T>> page = new ArrayList<>();
                while (rs.next()) {
                    page.add(row(type, rs));
                }
                return page;
            }
        });
    }

    @Override
    public <T extends Record> long put(String id, T fact) {
        FactWrite write = new FactWrite(id, fact);
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.transaction("put " + fact.getClass().getSimpleName(), c -> upsert(c, write, now()).version);
            } catch (ConcurrentUpdateException lostFirstInsert) {
                // another writer created the fact between our update and our insert: it exists now, update it
                if (attempt == 3) {
                    throw lostFirstInsert;
                }
            }
        }
    }

    @Override
    public <T extends Record> boolean insert(String id, T fact) {
        String json = FactJson.write(fact);
        return jdbc.call("insert " + fact.getClass().getSimpleName(), c -> {
            try {
                insertRow(c, FactStore.typeName(fact.getClass()), id, json, now());
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public <T extends Record> long replace(String id, T fact, long expectedVersion) {
        String type = FactStore.typeName(fact.getClass());
        String json = FactJson.write(fact);
        return jdbc.call("replace " + type, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "UPDATE regla_fact SET body = ?, body_hash = ?, version = version + 1, updated_at = ?"
                            + " WHERE fact_type = ? AND fact_id = ? AND version = ?"),
                    json, FactJson.sha256(json), now().toEpochMilli(), type, id, expectedVersion)) {
                if (ps.executeUpdate() != 1) {
                    throw new ConcurrentUpdateException(type + " '" + id + "' is not at version " + expectedVersion);
                }
                return expectedVersion + 1;
            }
        });
    }

    @Override
    public PutAllResult putAll(List<FactWrite> writes) {
        if (writes.isEmpty()) {
            return PutAllResult.EMPTY;
        }
        return jdbc.transaction("put " + writes.size() + " facts", c -> write(c, writes));
    }

    /** Writes a batch on the caller's connection, inside the caller's transaction. */
    PutAllResult write(Connection c, List<FactWrite> writes) throws SQLException {
        Instant now = now();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        for (FactWrite w : writes) {
            switch (upsert(c, w, now).outcome) {
                case INSERTED -> inserted++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        return new PutAllResult(inserted, updated, unchanged);
    }

    @Override
    public boolean delete(Class<? extends Record> type, String id) {
        return jdbc.call("delete " + FactStore.typeName(type), c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                    "DELETE FROM regla_fact WHERE fact_type = ? AND fact_id = ?"), FactStore.typeName(type), id)) {
                return ps.executeUpdate() == 1;
            }
        });
    }

    private enum Outcome { INSERTED, UPDATED, UNCHANGED }

    private record Upserted(Outcome outcome, long version) {
    }

    /**
     * Update if the content differs, else insert if absent. A concurrent insert of the same id makes
     * the insert fail on the primary key: reported as a lost race, never a duplicate row.
     */
    private static Upserted upsert(Connection c, FactWrite w, Instant now) throws SQLException {
        String type = FactStore.typeName(w.fact().getClass());
        String json = FactJson.write(w.fact());
        String hash = FactJson.sha256(json);
        if (w.expectedVersion() != null) {
            return conditioned(c, w, type, json, hash, now);
        }
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                "UPDATE regla_fact SET body = ?, body_hash = ?, version = version + 1, updated_at = ?"
                        + " WHERE fact_type = ? AND fact_id = ? AND body_hash <> ?"),
                json, hash, now.toEpochMilli(), type, w.id(), hash)) {
            if (ps.executeUpdate() == 1) {
                return new Upserted(Outcome.UPDATED, currentVersion(c, type, w.id()));
            }
        }
        long existing = currentVersion(c, type, w.id());
        if (existing > 0) {
            return new Upserted(Outcome.UNCHANGED, existing);
        }
        try {
            insertRow(c, type, w.id(), json, now);
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new ConcurrentUpdateException(type + " '" + w.id() + "' was written concurrently", e);
            }
            throw e;
        }
        return new Upserted(Outcome.INSERTED, 1);
    }

    /** A write that must find the fact absent (expected version 0) or at the expected version. */
    private static Upserted conditioned(Connection c, FactWrite w, String type, String json, String hash, Instant now)
            throws SQLException {
        long expected = w.expectedVersion();
        if (expected == 0) {
            try {
                insertRow(c, type, w.id(), json, now);
                return new Upserted(Outcome.INSERTED, 1);
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    throw new ConcurrentUpdateException(w.describe() + " already exists", e);
                }
                throw e;
            }
        }
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                "UPDATE regla_fact SET body = ?, body_hash = ?, version = version + 1, updated_at = ?"
                        + " WHERE fact_type = ? AND fact_id = ? AND version = ?"),
                json, hash, now.toEpochMilli(), type, w.id(), expected)) {
            if (ps.executeUpdate() != 1) {
                throw new ConcurrentUpdateException(w.describe() + " is not at version " + expected);
            }
            return new Upserted(Outcome.UPDATED, expected + 1);
        }
    }

    private static long currentVersion(Connection c, String type, String id) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                "SELECT version FROM regla_fact WHERE fact_type = ? AND fact_id = ?"), type, id);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void insertRow(Connection c, String type, String id, String json, Instant now) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                "INSERT INTO regla_fact (fact_type, fact_id, body, body_hash, version, updated_at) VALUES (?, ?, ?, ?, 1, ?)"),
                type, id, json, FactJson.sha256(json), now.toEpochMilli())) {
            ps.executeUpdate();
        }
    }

    private static <T extends Record> StoredFact<T> row(Class<T> type, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new StoredFact<>(FactStore.typeName(type), id, FactJson.read(rs.getString(2), type, id), rs.getLong(3),
                Instant.ofEpochMilli(rs.getLong(4)));
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private Instant now() {
        return clock.instant();
    }
}
