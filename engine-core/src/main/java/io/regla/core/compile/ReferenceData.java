package io.regla.core.compile;

import io.regla.api.CompileError;
import io.regla.api.FactFormat;
import io.regla.api.FactMappingException;
import io.regla.core.facts.FactMapper;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The reference facts of a version: the rows of the CSV files its manifest lists under {@code data:}, read when the
 * version compiles (from its files or its build-time artifact alike), so a bad table is a compile error: the version is
 * refused by {@code regla check} and never replaces the one serving on reload.
 */
final class ReferenceData {

    private ReferenceData() {
    }

    /**
     * @param load the class of a type name, or null when it is not on the classpath
     * @return every row of every data file as a fact; problems are added to {@code errors}
     */
    static List<Object> read(RuleSetFolder folder, FactMapper mapper, Function<String, Class<?>> load, List<CompileError> errors) {
        List<Object> facts = new ArrayList<>();
        for (Manifest.DataFile data : folder.manifest().data()) {
            byte[] bytes = folder.files().get(data.file());
            if (bytes == null) {
                errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "data file '" + data.file() + "' not found in the version folder"));
                continue;
            }
            Class<?> type = load.apply(data.type());
            if (type == null) {
                errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "data type '" + data.type() + "' not found on the classpath"));
                continue;
            }
            List<Object> rows;
            try {
                rows = mapper.read(FactFormat.CSV, new StringReader(new String(bytes, StandardCharsets.UTF_8)),
                        data.file(), type.getSimpleName());
            } catch (FactMappingException e) {
                // record n is data row n, which is line n + 1 after the header
                errors.add(new CompileError(data.file(), e.record() + 1, 0, e.getMessage()));
                continue;
            }
            if (data.maxRows() != null && rows.size() > data.maxRows()) {
                int firstExtra = data.maxRows() + 1;
                errors.add(new CompileError(data.file(), firstExtra + 1, 0, data.file() + ": " + rows.size() + " rows, at most "
                        + data.maxRows() + " allowed (maxRows: " + data.maxRows() + " in " + Manifest.FILE_NAME + "); row "
                        + firstExtra + " (line " + (firstExtra + 1) + ") is one too many"));
                continue;
            }
            facts.addAll(rows);
        }
        return facts;
    }
}
