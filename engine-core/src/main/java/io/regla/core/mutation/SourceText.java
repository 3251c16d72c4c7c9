package io.regla.core.mutation;

import io.regla.api.Version;

import java.util.ArrayList;
import java.util.List;

/** A file's text with line positions: turns character spans into line:column and one-line before/after views. */
final class SourceText {

    final String file;
    final String text;
    private final int[] lineStarts;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int line(int offset) {
        int lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo + 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    private int lineStart(int offset) {
        return lineStarts[line(offset) - 1];
    }

    private int lineEnd(int offset) {
        int n = text.indexOf('\n', offset);
        return n < 0 ? text.length() : n;
    }

    /**
     * The edit as a mutant: id {@code file:line:col kind detail}, before/after the whole lines the span touches,
     * whitespace collapsed to one line.
     */
    Edit edit(String ruleSet, Version version, String rule, MutationKind kind, String detail, int start, int end,
              String replacement) {
        int from = lineStart(start);
        int to = lineEnd(Math.max(start, end - 1));
        String before = oneLine(text.substring(from, to));
        String after = oneLine(text.substring(from, start) + replacement + (end < to ? text.substring(end, to) : ""));
        int line = line(start);
        int col = column(start);
        String id = file + ":" + line + ":" + col + " " + kind.label() + (detail.isEmpty() ? "" : " " + oneLine(detail));
        return new Edit(new Mutant(id, ruleSet, version, file, line, col, rule, kind, before, after), file, start, end,
                replacement);
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
