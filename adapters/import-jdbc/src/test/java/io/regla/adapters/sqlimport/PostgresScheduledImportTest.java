package io.regla.adapters.sqlimport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

class PostgresScheduledImportTest extends ScheduledImportContract {

    @Override
    void source(String... sql) {
        try (Connection c = SourceDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    String url() {
        return SourceDatabase.jdbcUrl();
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    String password() {
        return "unused";   // the embedded server trusts local connections
    }
}
