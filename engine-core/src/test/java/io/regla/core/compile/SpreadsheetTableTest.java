package io.regla.core.compile;

import io.regla.api.DecideOptions;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An analyst's .xlsx decision table compiles like its CSV twin. */
class SpreadsheetTableTest {

    @Test
    void anXlsxDecisionTableDecides(@TempDir Path tmp) throws Exception {
        Path v = Files.createDirectories(tmp.resolve("bands/1.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: bands\nversion: 1.0.0\neffectiveFrom: 2026-01-01\n");
        String[][] rows = {
                {"RuleSet", "rules.bands"},
                {"Import", "io.regla.core.testmodel.Person, io.regla.core.testmodel.Greet"},
                {},
                {"RuleTable AgeBand"},
                {"CONDITION", "ACTION"},
                {"$p:Person", ""},
                {"age >= $1, age < $2", "insert(new Greet($p.id(), \"$param\"));"},
                {"Age from-to", "Greeting"},
                {"0,18", "junior"},
                {"18,200", "adult"},
        };
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(v.resolve("bands.xlsx"))) {
            Sheet sheet = wb.createSheet("Tables");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) row.createCell(c).setCellValue(rows[r][c]);
            }
            wb.write(out);
        }
        try (RulesEngine engine = Regla.builder().rulesDirectory(tmp).build()) {
            var d = engine.decide("bands", List.of(new Person("P1", "Ana", 12, null, null), new Person("P2", "Bea", 40, null, null)),
                    DecideOptions.at(Instant.parse("2026-03-01T00:00:00Z")));
            assertThat(d.actions(Greet.class)).extracting(Greet::text).containsExactlyInAnyOrder("junior", "adult");
            assertThat(d.trace().rulesFired()).allMatch(r -> r.startsWith("AgeBand_"));
        }
    }
}
