package io.regla.adapters.store.jdbc;

import io.regla.rules.quality.history.QualityHistory;
import io.regla.rules.quality.history.QualityHistoryProvider;

import java.nio.file.Path;
import java.time.Clock;

/** Registered for {@link java.util.ServiceLoader}: the quality history on an H2 file or a database server. */
public final class JdbcQualityHistoryProvider implements QualityHistoryProvider {

    @Override
    public QualityHistory openH2(Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder of " + file, e);
        }
        return JdbcQualityHistory.owning(JdbcStore.h2(file, Clock.systemUTC()));
    }

    @Override
    public QualityHistory connect(String jdbcUrl, String user, String password) {
        return JdbcQualityHistory.owning(JdbcStore.connect(jdbcUrl, user, password, Clock.systemUTC()));
    }
}
