package io.regla.core.compile.strict;

import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.slf4j.Logger;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The DRL a version compiles: its .drl files and the DRL generated from its decision tables (whose cells are code too). */
public final class StrictSources {

    private StrictSources() {
    }

    public static Map<String, String> drl(RuleSetFolder folder, Logger log) {
        Set<String> dataFiles = new HashSet<>();
        if (folder.manifest() != null) folder.manifest().data().forEach(d -> dataFiles.add(d.file()));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : folder.sortedFiles().entrySet()) {
            String name = file.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (dataFiles.contains(name) || name.equals(Manifest.FILE_NAME)) continue;
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            if (lower.endsWith(".drl")) {
                out.put(name, text);
            } else if (lower.endsWith(".csv") && text.toLowerCase(Locale.ROOT).contains("ruletable")
                    || lower.endsWith(".xlsx") || lower.endsWith(".xls")) {
                try {
                    out.put(name, new SpreadsheetCompiler().compile(new ByteArrayInputStream(file.getValue()),
                            lower.endsWith(".csv") ? InputType.CSV : InputType.XLS));
                } catch (RuntimeException e) {
                    // a table that does not convert fails the compile with its own error
                    log.debug("{}: not converted for the strict check: {}", name, e.getMessage());
                }
            }
        }
        return out;
    }
}
