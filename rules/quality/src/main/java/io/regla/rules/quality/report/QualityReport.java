package io.regla.rules.quality.report;

import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.history.QualityRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes {@code findings.csv} and {@code report.html} into a folder (created if needed). */
public final class QualityReport {

    public static final String FINDINGS_CSV = "findings.csv";
    public static final String REPORT_HTML = "report.html";

    private QualityReport() {
    }

    public static void write(CheckResult result, Map<String, List<QualityRun>> history, Path dir) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve(FINDINGS_CSV), StandardCharsets.UTF_8)) {
                FindingsCsv.write(result.findings(), w);
            }
            Files.writeString(dir.resolve(REPORT_HTML), HtmlReport.render(result, history), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }
}
