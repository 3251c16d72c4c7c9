package io.regla.adapters.store.jdbc;

import io.regla.rules.quality.check.Check;
import io.regla.rules.quality.history.QualityHistory;
import io.regla.rules.quality.history.QualityRun;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recorded data-quality runs in tables {@code regla_quality_run} and {@code regla_quality_run_check} (migration
 * V10), on the store's data source. One run is written in one transaction.
 */
public final class JdbcQualityHistory implements QualityHistory {

    private final Jdbc jdbc;
    private final Runnable release;

    private JdbcQualityHistory(JdbcStore store, Runnable release) {
        this.jdbc = new Jdbc(store.dataSource());
        this.release = release;
    }

    /** The history in an open store; {@link #close()} leaves the store open. */
    public static JdbcQualityHistory of(JdbcStore store) {
        return new JdbcQualityHistory(store, () -> { });
    }

    /** The history owning its store: {@link #close()} closes it. */
    static JdbcQualityHistory owning(JdbcStore store) {
        return new JdbcQualityHistory(store, store::close);
    }

    @Override
    public void record(List<QualityRun> runs) {
        jdbc.transaction("record quality run", c -> {
            try (PreparedStatement run = c.prepareStatement("INSERT INTO regla_quality_run (run_id, dataset, ran_at, records, "
                    + "errors, warnings) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement check = c.prepareStatement("INSERT INTO regla_quality_run_check (run_id, dataset, "
                         + "check_code, findings) VALUES (?, ?, ?, ?)")) {
                for (QualityRun r : runs) {
                    Jdbc.bind(run, r.runId(), r.dataset(), r.at().toEpochMilli(), r.records(), r.errors(), r.warnings()).addBatch();
                    for (Map.Entry<String, Long> e : r.findings().entrySet()) {
                        Jdbc.bind(check, r.runId(), r.dataset(), e.getKey(), e.getValue()).addBatch();
                    }
                }
                run.executeBatch();
                check.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<QualityRun> history(String dataset) {
        return jdbc.call("read quality history of " + dataset, c -> {
            Map<String, Map<String, Long>> checks = new LinkedHashMap<>();
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT run_id, check_code, findings FROM "
                    + "regla_quality_run_check WHERE dataset = ?"), dataset); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checks.computeIfAbsent(rs.getString(1), k -> new TreeMap<>(Check::compare)).put(rs.getString(2), rs.getLong(3));
                }
            }
            List<QualityRun> out = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT run_id, ran_at, records, errors, warnings FROM "
                    + "regla_quality_run WHERE dataset = ? ORDER BY ran_at, run_id"), dataset); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new QualityRun(id, Instant.ofEpochMilli(rs.getLong(2)), dataset, rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), checks.getOrDefault(id, Map.of())));
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        release.run();
    }
}
