package io.regla.rules.loyalty.migration;

import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.QualityCheck;
import io.regla.rules.quality.check.DatasetResult;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.source.Sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The before check with the quality domain: the export's bundled contracts
 * (loyalty/migration/contracts/*.contract.yaml: required fields, types, enums, ranges, unique ids, orphans)
 * run by {@link QualityCheck} over the export's CSV files. Its findings are the data quality analysis the
 * business reads before migrating; the migration's own gate ({@link RowParser}, {@link ExportLoader}) uses
 * the same check codes and adds the rules across records a contract cannot say (a refund past what is left
 * of its purchase, the rows of a rejected member).
 */
final class ExportContracts {

    static final String[] FILES = {"members", "transactions", "refunds", "redemptions"};

    private ExportContracts() {
    }

    /** Findings per {@code dataset:CHECK}. */
    static Map<String, Long> check(Path export, Instant at) {
        return check(Sources.folder(export), at, true);
    }

    /**
     * The same over {@code sources} (the before check's single read: {@link BeforeCheck}); {@code fieldProfiles} false
     * skips the quality domain's per-field profile, which the migration never reads (same findings).
     */
    static Map<String, Long> check(Sources sources, Instant at, boolean fieldProfiles) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("regla-loyalty-contracts");
            for (String f : FILES) {
                try (InputStream in = ExportContracts.class.getClassLoader()
                        .getResourceAsStream("loyalty/migration/contracts/" + f + Contracts.SUFFIX)) {
                    if (in == null) throw new IllegalStateException("bundled contract " + f + Contracts.SUFFIX + " is missing");
                    Files.copy(in, dir.resolve(f + Contracts.SUFFIX));
                }
            }
            CheckResult r = QualityCheck.builder(Contracts.load(dir)).sources(sources).at(at).fieldProfiles(fieldProfiles).build().run();
            Map<String, Long> out = new TreeMap<>();
            for (DatasetResult d : r.datasets()) d.findings().forEach((check, n) -> out.merge(d.dataset() + ":" + check, n, Long::sum));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                for (String f : FILES) dir.resolve(f + Contracts.SUFFIX).toFile().delete();
                dir.toFile().delete();
            }
        }
    }
}
