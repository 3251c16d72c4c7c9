package io.regla.adapters.sqlimport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The source on H2. */
class H2ScheduledImportTest extends ScheduledImportContract {
    final String url = "jdbc:h2:mem:source-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    void source(String... sql) {
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "secret"); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    String url() {
        return url;
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "secret";
    }
}
