package io.regla.adapters.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/** The test JVM's embedded PostgreSQL ({@link TestDatabases}) for tests in other packages: a fresh database on it. */
public final class SharedPostgres {

    private SharedPostgres() {
    }

    /** A store on a new, empty database of that name (created here; names must be unique per JVM). */
    public static JdbcStore freshStore(String database) {
        try (Connection c = TestDatabases.postgresDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return JdbcStore.connect(TestDatabases.postgres().getJdbcUrl("postgres", database), "postgres", null, Clock.systemUTC());
    }
}
