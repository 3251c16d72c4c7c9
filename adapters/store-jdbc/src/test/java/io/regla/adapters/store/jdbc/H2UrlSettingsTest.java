package io.regla.adapters.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** H2 settings given to {@link JdbcStore#h2(Path, String, Clock)} reach the database; without them H2 keeps its defaults. */
class H2UrlSettingsTest {

    @Test
    void urlSettingsReachTheDatabase(@TempDir Path dir) throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), ";RETENTION_TIME=0;AUTO_COMPACT_FILL_RATE=0", Clock.systemUTC())) {
            // a SET-able setting (run on each connection) and a database setting (read when the file is opened)
            assertThat(values(store, "RETENTION_TIME")).isNotEmpty().containsOnly("0");
            assertThat(values(store, "AUTO_COMPACT_FILL_RATE")).containsExactly("0");
        }
    }

    @Test
    void withoutSettingsH2KeepsItsDefaults(@TempDir Path dir) throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("db"), Clock.systemUTC())) {
            assertThat(values(store, "RETENTION_TIME")).containsExactly("45000");
            assertThat(values(store, "AUTO_COMPACT_FILL_RATE")).containsExactly("90");
        }
    }

    /** Every row of the setting: H2 lists a persisted SET beside the value in force. */
    private static List<String> values(JdbcStore store, String setting) throws Exception {
        List<String> values = new ArrayList<>();
        try (var c = store.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, setting);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) values.add(rs.getString(1).trim());
            }
        }
        return values;
    }
}
