package io.regla.adapters.sqlimport;

import io.regla.api.PersonalData;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Imports facts of one record type from a SQL query: each row becomes a fact (see
 * {@link RecordRowMapper} for how columns map), stored under its id with {@link FactStore#putAll}.
 *
 * <p>All or nothing: every row is read and mapped before anything is written, so a failing query or
 * an unmappable row leaves the store as it was; on JDBC stores the write is one transaction.
 * Idempotent: a re-run updates the facts whose row changed and leaves the rest alone.
 *
 * <pre>{@code
 * ImportReport r = SqlImport.of(Enrollment.class)
 *         .source("jdbc:sqlserver://sis;databaseName=admisiones", user, password)
 *         .query("SELECT matricula_id AS id, nombre AS child_name, ... FROM matriculas")
 *         .build().run(store.facts());
 * }</pre>
 */
public final class SqlImport<T extends Record> {

    private static final Logger LOG = LoggerFactory.getLogger(SqlImport.class);

    private final Class<T> type;
    private final ConnectionSource source;
    private final String query;
    private final Function<T, String> id;
    private final int fetchSize;

    private SqlImport(Builder<T> b) {
        this.type = b.type;
        this.source = b.source;
        this.query = b.query;
        this.id = b.id;
        this.fetchSize = b.fetchSize;
    }

    public static <T extends Record> Builder<T> of(Class<T> type) {
        return new Builder<>(type);
    }

    /**
     * Runs the query and writes its rows.
     *
     * @throws ImportException if the query fails or a row does not map (nothing written)
     * @throws StoreException  if the store fails (on JDBC stores nothing written)
     */
    public ImportReport run(FactStore store) {
        List<FactWrite> writes = read();
        PutAllResult result = store.putAll(writes);
        ImportReport report = new ImportReport(type.getSimpleName(), writes.size(), result.inserted(), result.updated(),
                result.unchanged());
        LOG.info("imported {}: {} rows, {} new, {} changed, {} unchanged", report.type(), report.rows(),
                report.inserted(), report.updated(), report.unchanged());
        return report;
    }

    /** Reads and maps every row; fails before any write. */
    List<FactWrite> read() {
        try (Connection c = source.open()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    RecordRowMapper<T> mapper = new RecordRowMapper<>(type, rs.getMetaData());
                    List<FactWrite> writes = new ArrayList<>();
                    Map<String, Integer> rowOfId = new HashMap<>();
                    int row = 0;
                    while (rs.next()) {
                        row++;
                        T fact = mapper.map(rs, row);
                        String factId = id.apply(fact);
                        if (factId == null || factId.isBlank()) {
                            throw new ImportException("import of " + type.getSimpleName() + ", row " + row
                                    + ": the id is empty", row, null, null);
                        }
                        Integer earlier = rowOfId.putIfAbsent(factId, row);
                        if (earlier != null) {
                            throw new ImportException("import of " + type.getSimpleName() + ", row " + row
                                    + ": same id as row " + earlier, row, null, null);
                        }
                        writes.add(new FactWrite(factId, fact));
                    }
                    return writes;
                }
            }
        } catch (SQLException e) {
            throw new ImportException("import of " + type.getSimpleName() + ": the query failed (SQLSTATE "
                    + e.getSQLState() + "): " + PersonalData.maskEmailsIn(e.getMessage()), 0, null, e);
        }
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    public static final class Builder<T extends Record> {
        private final Class<T> type;
        private ConnectionSource source;
        private String query;
        private Function<T, String> id;
        private int fetchSize = 500;

        private Builder(Class<T> type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder<T> source(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            this.source = dataSource::getConnection;
            return this;
        }

        /** Any JDBC URL whose driver is on the class path ({@code jdbc:sqlserver:}, {@code jdbc:postgresql:}). */
        public Builder<T> source(String jdbcUrl, String user, String password) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.source = () -> DriverManager.getConnection(jdbcUrl, user, password);
            return this;
        }

        /** The query; its column labels name the record's fields (use {@code AS} to rename). */
        public Builder<T> query(String sql) {
            this.query = Objects.requireNonNull(sql, "sql");
            return this;
        }

        /** How a fact's id is taken (default: its {@code id} field). */
        public Builder<T> id(Function<T, String> id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder<T> fetchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("fetchSize must be positive, was " + rows);
            }
            this.fetchSize = rows;
            return this;
        }

        public SqlImport<T> build() {
            if (source == null || query == null) {
                throw new IllegalStateException("an import needs a source and a query");
            }
            if (id == null) {
                id = idField(type);
            }
            return new SqlImport<>(this);
        }

        private static <T extends Record> Function<T, String> idField(Class<T> type) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("id")) {
                    component.getAccessor().setAccessible(true);
                    return fact -> {
                        try {
                            Object value = component.getAccessor().invoke(fact);
                            return value == null ? null : value.toString();
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException("cannot read id of " + type.getSimpleName(), e);
                        }
                    };
                }
            }
            throw new IllegalArgumentException(type.getSimpleName() + " has no 'id' field: give the import an id function");
        }
    }
}
