package io.regla.rules.advising;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faculty table as an Excel workbook (cell for cell the CSV an analyst edits) compiles with
 * drools-decisiontables and routes every faculty exactly as the CSV does. The twin is not shipped beside the CSV:
 * both would load, and every route would be inserted twice.
 */
class FacultyRoutesXlsxTest {

    @Test
    void theXlsxTwinDecidesLikeTheCsv(@TempDir Path rules) throws IOException {
        Path version = Files.createDirectories(rules.resolve("advising/1.0.0"));
        Files.copy(Path.of("advising/1.0.0/ruleset.yaml"), version.resolve("ruleset.yaml"));
        Files.copy(Path.of("advising/1.0.0/routing.drl"), version.resolve("routing.drl"));
        String csv = Files.readString(Path.of("advising/1.0.0/faculty-routes.csv"));
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(version.resolve("faculty-routes.xlsx"))) {
            Sheet sheet = wb.createSheet("Rutas");
            List<CsvRecords.Record> records = CsvRecords.parse(csv);
            for (int r = 0; r < records.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = records.get(r).cells();
                for (int c = 0; c < cells.size(); c++) if (!cells.get(c).isEmpty()) row.createCell(c).setCellValue(cells.get(c));
            }
            wb.write(out);
        }
        List<Object> facts = new ArrayList<>(RouteTableCheck.readOwners(Files.readString(Path.of("src/test/resources/advising/owners.csv")), "owners.csv"));
        int n = 0;
        for (RouteTable.Row row : RouteTable.parse(csv, "faculty-routes.csv").rows()) {
            n++;
            facts.add(new Deal("D" + n, "Programa " + n, row.isFallback() ? null : row.faculty().toLowerCase(), null, List.of("C" + n)));
            facts.add(new Contact("C" + n, "c" + n + "@example.com", "N", "A", null, null));
        }
        facts.add(new Deal("DX", "Teología", "TEOLOGÍA", "555", List.of()));

        DecideOptions at = DecideOptions.at(Instant.parse("2026-08-03T14:00:00Z"));
        try (RulesEngine xlsx = Regla.builder().rulesDirectory(rules).build();
             RulesEngine bundled = Regla.builder().bundledRules().build()) {
            Decision fromXlsx = xlsx.decide("advising", facts, at);
            Decision fromCsv = bundled.decide("advising", facts, at);
            assertThat(fromXlsx.actions()).hasSizeGreaterThan(30).containsExactlyInAnyOrderElementsOf(fromCsv.actions());
            assertThat(xlsx.registry().rules("advising", fromXlsx.version())).hasSize(23);
        }
    }
}
