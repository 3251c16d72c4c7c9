package io.regla.rules.advising;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The rows of the sheet holding the {@code RuleTable} of an {@code .xlsx} decision table, numbered as Excel shows them. */
public final class WorkbookRows {

    private WorkbookRows() {
    }

    public static List<CsvRecords.Record> read(byte[] xlsx, String file) {
        DataFormatter format = new DataFormatter();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            Sheet chosen = wb.getNumberOfSheets() == 0 ? null : wb.getSheetAt(0);
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    Cell first = row.getCell(0);
                    if (first != null && format.formatCellValue(first).strip().toLowerCase().startsWith("ruletable")) chosen = sheet;
                }
            }
            List<CsvRecords.Record> out = new ArrayList<>();
            if (chosen == null) return out;
            for (int r = 0; r <= chosen.getLastRowNum(); r++) {
                Row row = chosen.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : format.formatCellValue(cell));
                    }
                }
                out.add(new CsvRecords.Record(r + 1, List.copyOf(cells)));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a readable .xlsx workbook (" + e.getMessage() + ")", e);
        }
    }
}
