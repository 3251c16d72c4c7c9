package io.regla.rules.quality.source;

import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.ContractException;
import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.contract.Source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where to read datasets from: as each contract says (CSV files relative to a data folder, JDBC queries), or a
 * folder / database given instead, as reconciliation does for its source and target sides.
 */
public abstract class Sources {

    /** Opens a reader over one dataset, giving the values of {@code fields} (contract field names). */
    public abstract RowReader open(Contract contract, List<String> fields);

    public RowReader open(Contract contract) {
        return open(contract, contract.fieldList().stream().map(Field::name).toList());
    }

    /** What messages call this side. */
    public abstract String describe();

    /** As every contract says; CSV files relative to {@code dataDir}. */
    public static Sources asContracted(Path dataDir) {
        return new Sources() {
            @Override
            public RowReader open(Contract c, List<String> fields) {
                Source s = c.source();
                if (s.isCsv()) return csv(dataDir.resolve(s.csv()), fields, c);
                String password = s.passwordEnv() == null ? null : System.getenv(s.passwordEnv());
                return new JdbcRowReader(s.jdbcUrl(), s.user(), password, s.query(), fields, c.dataset());
            }

            @Override
            public String describe() {
                return "the contracts' sources (data " + dataDir + ")";
            }
        };
    }

    /** CSV files in {@code dir}: the contract's file name when its source is CSV, else {@code <dataset>.csv}. */
    public static Sources folder(Path dir) {
        return new Sources() {
            @Override
            public RowReader open(Contract c, List<String> fields) {
                String file = c.source().isCsv() ? Path.of(c.source().csv()).getFileName().toString() : c.dataset() + ".csv";
                return csv(dir.resolve(file), fields, c);
            }

            @Override
            public String describe() {
                return dir.toString();
            }
        };
    }

    /**
     * A database: each dataset is the table named after it ({@code SELECT * FROM admissions}), its columns named
     * after the contract's fields. This is the shape a load into a target schema produces.
     */
    public static Sources database(String url, String user, String password) {
        return new Sources() {
            @Override
            public RowReader open(Contract c, List<String> fields) {
                return new JdbcRowReader(url, user, password, "SELECT * FROM " + c.dataset(), fields, c.dataset());
            }

            @Override
            public String describe() {
                return url;
            }
        };
    }

    /** {@code jdbc:...} is a database, anything else a folder of CSV files. */
    public static Sources parse(String spec, String user, String password) {
        if (spec.startsWith("jdbc:")) return database(spec, user, password);
        Path dir = Path.of(spec);
        if (!Files.isDirectory(dir)) throw new ContractException(spec + ": neither a folder nor a jdbc: URL");
        return folder(dir);
    }

    private static RowReader csv(Path file, List<String> fields, Contract c) {
        if (!Files.isRegularFile(file)) {
            throw new ContractException(c.file().getFileName() + ": source: " + file + " does not exist");
        }
        return new CsvRowReader(file, fields);
    }
}
