package io.regla.examples.hospital;

import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.contract.FieldType;
import io.regla.rules.quality.source.RowReader;
import io.regla.rules.quality.source.Sources;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The load into the platform's target schema: one typed table per dataset, named after it, columns named after
 * the contract's fields. Rows are copied as read from the ERP (duplicates too: deciding what to do with them is
 * the hospital's call after the report). A value that is not of its field's type cannot enter a typed column and
 * is loaded as NULL; the reconciliation shows those rows as changed.
 */
public final class HospitalLoad {

    private HospitalLoad() {
    }

    /** Loads every dataset; returns rows loaded. */
    public static long load(Contracts contracts, Sources from, String targetUrl) throws SQLException {
        long rows = 0;
        try (Connection c = DriverManager.getConnection(targetUrl)) {
            c.setAutoCommit(false);
            for (Contract contract : contracts.ordered()) {
                List<Field> fields = contract.fieldList();
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + contract.dataset());
                    StringBuilder ddl = new StringBuilder("CREATE TABLE " + contract.dataset() + " (");
                    for (int i = 0; i < fields.size(); i++) {
                        ddl.append(i == 0 ? "" : ", ").append('"').append(fields.get(i).name()).append("\" ").append(sqlType(fields.get(i).type()));
                    }
                    st.execute(ddl.append(')').toString());
                }
                String insert = "INSERT INTO " + contract.dataset() + " VALUES (" + "?, ".repeat(fields.size() - 1) + "?)";
                try (RowReader reader = from.open(contract); PreparedStatement ps = c.prepareStatement(insert)) {
                    String[] row;
                    int batch = 0;
                    while ((row = reader.next()) != null) {
                        for (int i = 0; i < fields.size(); i++) ps.setObject(i + 1, typed(fields.get(i), row[i], contract));
                        ps.addBatch();
                        rows++;
                        if (++batch == 500) {
                            ps.executeBatch();
                            batch = 0;
                        }
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        }
        return rows;
    }

    private static Object typed(Field f, String raw, Contract c) {
        if (raw == null || raw.isBlank()) return raw == null ? null : raw;
        Object v = f.type().parse(raw.strip(), c.timeZone());
        if (v == FieldType.INVALID) return null;
        if (v instanceof Instant i) return i.atOffset(ZoneOffset.UTC);
        if (v instanceof BigDecimal || v instanceof Long) return v;
        return v;
    }

    private static String sqlType(FieldType t) {
        return switch (t) {
            case STRING -> "VARCHAR(400)";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DECIMAL(18,4)";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP WITH TIME ZONE";
        };
    }
}
