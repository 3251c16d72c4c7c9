package io.regla.rules.loyalty.migration;

import java.util.ArrayList;
import java.util.List;

/** The export's CSV dialect: {@code ,} separated, double quotes around a field holding {@code ,} or {@code "}, one record a line. */
public final class Csv {

    private Csv() {
    }

    /** The fields of one line; null if a quote is left open (the caller reports the line). */
    public static String[] parse(String line) {
        // most lines quote nothing: split at the commas, no character-by-character copy
        if (line.indexOf('"') < 0) {
            int n = 1;
            for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) n++;
            String[] out = new String[n];
            int from = 0;
            for (int k = 0; k < n - 1; k++) {
                int to = line.indexOf(',', from);
                out[k] = line.substring(from, to);
                from = to + 1;
            }
            out[n - 1] = line.substring(from);
            return out;
        }
        return parseQuoted(line);
    }

    /** The general case, quotes and all (package-private: the property compares the fast path with it). */
    static String[] parseQuoted(String line) {
        List<String> out = new ArrayList<>(10);
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) return null;
        out.add(f.toString());
        return out.toArray(new String[0]);
    }

    public static String field(String value) {
        if (value == null) return "";
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0) return value;
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    public static String line(Object... values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(',');
            b.append(field(values[i] == null ? null : values[i].toString()));
        }
        return b.toString();
    }
}
