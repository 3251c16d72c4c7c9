package io.regla.rules.advising;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader that keeps each record's line number, so reports can say "row 12" the way a
 * spreadsheet does. Quoted fields may hold commas, doubled quotes and line breaks.
 */
public final class CsvRecords {

    /** One record: the line it starts on (1-based) and its cells, unquoted. */
    public record Record(int line, List<String> cells) {
        public String cell(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }

        public boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    private CsvRecords() {
    }

    public static List<Record> parse(String text) {
        List<Record> out = new ArrayList<>();
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a BOM from spreadsheet exports
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                cells.add(cell.toString());
                cell.setLength(0);
                out.add(new Record(recordLine, List.copyOf(cells)));
                cells.clear();
                line++;
                recordLine = line;
            } else {
                cell.append(c);
            }
            i++;
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            out.add(new Record(recordLine, List.copyOf(cells)));
        }
        return out;
    }
}
