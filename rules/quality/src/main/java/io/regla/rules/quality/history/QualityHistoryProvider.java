package io.regla.rules.quality.history;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Opens a {@link QualityHistory} on a store, found with {@link ServiceLoader} so that the CLI needs no compile-time
 * dependency on a store adapter ({@code store-jdbc} registers one in
 * {@code META-INF/services/io.regla.rules.quality.history.QualityHistoryProvider}).
 */
public interface QualityHistoryProvider {

    /** The history in an H2 file database ({@code file} without {@code .mv.db}), created on first use. */
    QualityHistory openH2(Path file);

    /** The history in a database server ({@code jdbc:postgresql://...}). */
    QualityHistory connect(String jdbcUrl, String user, String password);

    /** The first provider on the class path. */
    static QualityHistoryProvider find() {
        return ServiceLoader.load(QualityHistoryProvider.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no quality history store on the class path (add store-jdbc)"));
    }
}
