package io.regla.core.mutation;

import io.regla.api.Version;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutants of a CSV: a reference-data file (every row after the header) or a decision table (the rows below a
 * {@code RuleTable}'s four header rows). A numeric cell is doubled (0 becomes 1); a row is dropped.
 */
final class TableMutants {

    /** A number that is a whole value of the cell or of one of its comma-separated parts (not a piece of a date). */
    private static final Pattern NUMBER_IN_CELL = Pattern.compile("(?<=^|,|^\"|\\s)-?\\d+(\\.\\d+)?(?=$|,|\"$|\\s)");

    private TableMutants() {
    }

    static List<Edit> of(String ruleSet, Version version, String file, String text, boolean decisionTable) {
        SourceText src = new SourceText(file, text);
        List<Edit> out = new ArrayList<>();
        List<int[]> lines = lines(text);
        int first = decisionTable ? firstTableRow(text, lines) : 1;
        if (first < 0) return out;
        for (int n = first; n < lines.size(); n++) {
            int s = lines.get(n)[0], e = lines.get(n)[1];
            String row = text.substring(s, e);
            if (row.replace(",", "").isBlank()) {
                if (decisionTable) break; // a blank row ends the table
                continue;
            }
            int next = n + 1 < lines.size() ? lines.get(n + 1)[0] : text.length();
            Edit drop = src.edit(ruleSet, version, file, MutationKind.DROP_ROW, "", s, next, "");
            Mutant m = drop.mutant();
            // a row is named by its line alone
            out.add(new Edit(new Mutant(file + ":" + m.line() + " " + MutationKind.DROP_ROW.label(), ruleSet, version, file,
                    m.line(), m.column(), file, m.kind(), m.before(), ""),
                    file, s, next, ""));
            int cell = 0;
            for (int[] c : cells(row)) {
                cell++;
                // a cell may hold several values ("0,18" for a table's two parameters): each number is one mutant
                String value = row.substring(c[0], c[1]);
                Matcher num = NUMBER_IN_CELL.matcher(value);
                while (num.find()) {
                    String number = num.group();
                    BigDecimal v = new BigDecimal(number);
                    String changed = v.signum() == 0 ? "1" : v.multiply(BigDecimal.valueOf(2)).stripTrailingZeros().toPlainString();
                    if (number.contains(".") && !changed.contains(".")) changed = changed + ".0";
                    int at = s + c[0] + num.start();
                    Mutant m1 = src.edit(ruleSet, version, file, MutationKind.CHANGE_CELL, "", at, at + number.length(), changed).mutant();
                    // cells are named by row and cell number, not by column of characters
                    String id = file + ":" + m1.line() + ":" + cell + " " + MutationKind.CHANGE_CELL.label() + " " + number + " -> " + changed;
                    out.add(new Edit(new Mutant(id, ruleSet, version, file, m1.line(), cell, file, m1.kind(), m1.before(), m1.after()),
                            file, at, at + number.length(), changed));
                }
            }
        }
        return out;
    }

    /** The first data row of a decision table: four rows below the {@code RuleTable} row. */
    private static int firstTableRow(String text, List<int[]> lines) {
        for (int n = 0; n < lines.size(); n++) {
            String row = text.substring(lines.get(n)[0], lines.get(n)[1]).toLowerCase(Locale.ROOT);
            if (row.replace("\"", "").trim().startsWith("ruletable")) return n + 5;
        }
        return -1;
    }

    /** [start, end) of every line, without its line break. */
    private static List<int[]> lines(String text) {
        List<int[]> out = new ArrayList<>();
        int s = 0;
        while (s < text.length()) {
            int nl = text.indexOf('\n', s);
            int e = nl < 0 ? text.length() : nl;
            int end = e > s && text.charAt(e - 1) == '\r' ? e - 1 : e;
            out.add(new int[]{s, end});
            s = nl < 0 ? text.length() : nl + 1;
        }
        return out;
    }

    /** [start, end) of every cell of one CSV row; quoted cells keep their quotes (they are never numeric). */
    private static List<int[]> cells(String row) {
        List<int[]> out = new ArrayList<>();
        int s = 0;
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                out.add(new int[]{s, i});
                s = i + 1;
            }
        }
        out.add(new int[]{s, row.length()});
        return out;
    }
}
