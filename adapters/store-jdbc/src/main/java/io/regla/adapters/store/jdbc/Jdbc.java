package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Connection handling shared by the JDBC stores: one connection per call, transactions where asked. */
final class Jdbc {

    /** SQLSTATE of a unique-key violation on H2 and PostgreSQL (and SQL Server's JDBC driver). */
    static final String UNIQUE_VIOLATION = "23505";

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A connection the caller holds and closes, for a session-level state that outlives one call (an advisory lock). */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs in auto-commit mode: each statement is its own transaction. */
    <T> T call(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("store: " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs in one transaction: committed if {@code work} returns, rolled back if it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store: " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static PreparedStatement bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        return ps;
    }
}
