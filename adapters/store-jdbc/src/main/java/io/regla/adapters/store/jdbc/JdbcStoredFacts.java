package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import io.regla.api.spi.StoredFacts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Registered for {@link java.util.ServiceLoader}: every fact of an H2 store file ({@code regla diff --db}). */
public final class JdbcStoredFacts implements StoredFacts {

    @Override
    public List<Raw> readAll(Path file) {
        // the store appends .mv.db; never create an empty database for a mistyped path
        Path db = file.resolveSibling(file.getFileName() + ".mv.db");
        if (!Files.exists(db)) throw new StoreException("no store database at " + db);
        try (JdbcStore store = JdbcStore.h2(file, Clock.systemUTC())) {
            return store.jdbc().call("read every fact", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT fact_type, fact_id, body FROM regla_fact ORDER BY fact_type, fact_id");
                     ResultSet rs = ps.executeQuery()) {
                    List<Raw> out = new ArrayList<>();
                    while (rs.next()) out.add(new Raw(rs.getString(1), rs.getString(2), rs.getString(3)));
                    return out;
                }
            });
        }
    }
}
