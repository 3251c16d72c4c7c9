package io.regla.rules.quality.report;

import io.regla.rules.quality.Finding;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code findings.csv}: one row per finding, columns dataset, record, key, field, check, severity, message. */
public final class FindingsCsv {

    public static final String HEADER = "dataset,record,key,field,check,severity,message";

    private FindingsCsv() {
    }

    public static void write(List<Finding> findings, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (Finding f : findings) {
            out.write(cell(f.dataset()));
            out.write(',');
            out.write(Long.toString(f.record()));
            out.write(',');
            out.write(cell(f.key()));
            out.write(',');
            out.write(cell(f.field()));
            out.write(',');
            out.write(cell(f.check()));
            out.write(',');
            out.write(cell(f.severity()));
            out.write(',');
            out.write(cell(f.message()));
            out.write('\n');
        }
    }

    static String cell(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
