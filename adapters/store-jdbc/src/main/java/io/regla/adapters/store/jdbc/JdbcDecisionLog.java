package io.regla.adapters.store.jdbc;

import io.regla.api.spi.DecisionLog;
import io.regla.api.spi.DecisionQuery;
import io.regla.api.spi.DecisionRecord;
import io.regla.api.spi.ShadowSample;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision log in table {@code regla_decision}: a batch is one JDBC batch in one transaction; reads
 * go by rule set (and version) and time range through the {@code (rule_set[, version], recorded_at)}
 * indexes.
 */
public final class JdbcDecisionLog implements DecisionLog {

    private static final String COLUMNS = "decision_id, recorded_at, rule_set, version, checksum, as_of, facts_hash, actions, trace";

    private final Jdbc jdbc;

    JdbcDecisionLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<DecisionRecord> records) {
        if (records.isEmpty()) return;
        jdbc.transaction("decision log write", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO regla_decision (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (DecisionRecord r : records) {
                    Jdbc.bind(ps, r.decisionId(), r.recordedAt().toEpochMilli(), r.ruleSet(), r.version(), r.checksum(),
                            r.asOf().toEpochMilli(), r.factsHash(), r.actionsJson(), r.traceJson());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<DecisionRecord> recent(DecisionQuery q) {
        return query("decision log query ", "regla_decision", COLUMNS, "decision_id", q,
                rs -> new DecisionRecord(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7),
                        rs.getString(8), rs.getString(9)));
    }

    /** A row of a query result as a record. */
    private interface Row<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    /** The newest rows of a log table matching the query (rule set, optional version and time window), newest first. */
    private <T> List<T> query(String what, String table, String columns, String idColumn, DecisionQuery q, Row<T> row) {
        StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM " + table + " WHERE rule_set = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.ruleSet());
        if (q.version() != null) {
            sql.append(" AND version = ?");
            args.add(q.version());
        }
        if (q.from() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND recorded_at < ?");
            args.add(q.to().toEpochMilli());
        }
        sql.append(" ORDER BY recorded_at DESC, ").append(idColumn).append(" DESC LIMIT ").append(q.limit());
        return jdbc.call(what + q.ruleSet(), c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql.toString()), args.toArray());
                 ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.read(rs));
                return out;
            }
        });
    }

    private static final String SHADOW_COLUMNS = "sample_id, recorded_at, rule_set, version, candidate, as_of, facts_hash, actions,"
            + " candidate_actions, difference, error";

    /** Shadow samples in table {@code regla_shadow_sample} (V60), one transaction per batch. */
    @Override
    public void writeShadow(List<ShadowSample> samples) {
        if (samples.isEmpty()) return;
        jdbc.transaction("shadow sample write", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO regla_shadow_sample (" + SHADOW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ShadowSample s : samples) {
                    Jdbc.bind(ps, s.sampleId(), s.recordedAt().toEpochMilli(), s.ruleSet(), s.version(), s.candidate(),
                            s.asOf().toEpochMilli(), s.factsHash(), s.actionsJson(), s.candidateActionsJson(), s.differenceJson(),
                            s.error() == null ? null : s.error().length() > 4000 ? s.error().substring(0, 4000) : s.error());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ShadowSample> recentShadow(DecisionQuery q) {
        return query("shadow sample query ", "regla_shadow_sample", SHADOW_COLUMNS, "sample_id", q,
                rs -> new ShadowSample(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
    }
}
