package io.regla.rules.advising;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rows of {@code faculty-routes.csv} as the analyst wrote them, read the way the decision-table
 * compiler reads them: below the {@code RuleTable} cell come four header rows (column type, pattern,
 * code, label), then one route per row whose first cell holds {@code faculty, advisor e-mail, advisor name}
 * (a comma inside a value is written {@code \,}).
 *
 * @param file     the file name, for reports
 * @param rows     the routes, in file order
 * @param problems rows that cannot be routes (wrong number of values, characters that break the rule)
 */
public record RouteTable(String file, List<Row> rows, List<TableFinding> problems) {

    /** One route row; {@code line} is the spreadsheet row number (the CSV line). */
    public record Row(int line, String faculty, String advisorEmail, String advisorName) {
        public boolean isFallback() {
            return FacultyRoute.FALLBACK.equals(faculty);
        }

        public FacultyRoute route() {
            return new FacultyRoute(faculty, advisorEmail, advisorName);
        }
    }

    private static final Pattern UNESCAPED_COMMA = Pattern.compile("(?<!\\\\),");
    private static final int HEADER_ROWS = 4;

    public RouteTable {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    public static RouteTable parse(String csv, String file) {
        return parse(CsvRecords.parse(csv), file);
    }

    /** The same table from rows read elsewhere (an {@code .xlsx} workbook), each with its spreadsheet row number. */
    public static RouteTable parse(List<CsvRecords.Record> records, String file) {
        List<Row> rows = new ArrayList<>();
        List<TableFinding> problems = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).cell(0).strip().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                start = i + 1 + HEADER_ROWS;
                break;
            }
        }
        if (start < 0) {
            problems.add(TableFinding.error("NOT_A_TABLE", file, 1, "no RuleTable cell: not a decision table"));
            return new RouteTable(file, rows, problems);
        }
        for (int i = start; i < records.size(); i++) {
            CsvRecords.Record r = records.get(i);
            if (r.isBlank()) break; // the decision-table parser ends a table at the first empty row
            String[] values = UNESCAPED_COMMA.split(r.cell(0), -1);
            if (values.length != 3) {
                problems.add(TableFinding.error("MALFORMED_ROW", file, r.line(), "expected 'faculty, advisor e-mail, advisor name' "
                        + "but found " + values.length + " value(s) in '" + r.cell(0) + "'"));
                continue;
            }
            String faculty = unescape(values[0]);
            String email = unescape(values[1]);
            String name = unescape(values[2]);
            if (faculty.isEmpty() || email.isEmpty()) {
                problems.add(TableFinding.error("MALFORMED_ROW", file, r.line(), (faculty.isEmpty() ? "faculty" : "advisor e-mail") + " is empty"));
                continue;
            }
            if ((faculty + email + name).matches(".*[\"\\\\$].*")) {
                problems.add(TableFinding.error("MALFORMED_ROW", file, r.line(), "a value holds \", \\ or $, which break the generated rule"));
                continue;
            }
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                problems.add(TableFinding.error("MALFORMED_ROW", file, r.line(), "'" + email + "' is not an e-mail address"));
                continue;
            }
            rows.add(new Row(r.line(), faculty, email, name.isEmpty() ? null : name));
        }
        return new RouteTable(file, rows, problems);
    }

    private static String unescape(String value) {
        return value.replace("\\,", ",").strip();
    }
}
