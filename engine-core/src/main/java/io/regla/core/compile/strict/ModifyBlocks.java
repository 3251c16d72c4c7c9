package io.regla.core.compile.strict;

import java.util.ArrayList;
import java.util.List;

/**
 * Drools' {@code modify($fact) { setA(1), setB(2) }} block is not Java: before JavaParser reads a consequence, each
 * block is rewritten in place, character for character, into {@code modify($fact); setA(1); setB(2) ;} (the braces
 * and the commas between its expressions become semicolons), so that positions stay those of the DRL. The unscoped
 * calls inside a block are calls on the modified fact; {@link #inside} tells the checker where they are.
 */
final class ModifyBlocks {

    private final String code;
    private final List<int[]> blocks;

    private ModifyBlocks(String code, List<int[]> blocks) {
        this.code = code;
        this.blocks = blocks;
    }

    /** The code as plain Java, same length. */
    String code() {
        return code;
    }

    /** Whether {@code offset} (in {@link #code()}) falls inside a modify block's expressions. */
    boolean inside(int offset) {
        for (int[] b : blocks) {
            if (offset >= b[0] && offset < b[1]) return true;
        }
        return false;
    }

    static ModifyBlocks rewrite(String source) {
        char[] c = source.toCharArray();
        List<int[]> blocks = new ArrayList<>();
        int i = 0;
        while (i < c.length) {
            int skip = skipLiteralOrComment(c, i);
            if (skip != i) {
                i = skip;
                continue;
            }
            if (startsWord(c, i, "modify")) {
                int j = skipSpace(c, i + "modify".length());
                if (j < c.length && c[j] == '(') {
                    int close = matching(c, j, '(', ')');
                    int open = close < 0 ? -1 : skipSpace(c, close + 1);
                    if (open >= 0 && open < c.length && c[open] == '{') {
                        int end = matching(c, open, '{', '}');
                        if (end > 0) {
                            c[open] = ';';
                            separators(c, open + 1, end);
                            c[end] = ';';
                            blocks.add(new int[]{open + 1, end});
                            i = end + 1;
                            continue;
                        }
                    }
                }
            }
            i++;
        }
        return new ModifyBlocks(new String(c), List.copyOf(blocks));
    }

    /** Turns the commas at the block's own level (not inside calls or literals) into semicolons. */
    private static void separators(char[] c, int from, int to) {
        int depth = 0;
        int i = from;
        while (i < to) {
            int skip = skipLiteralOrComment(c, i);
            if (skip != i) {
                i = skip;
                continue;
            }
            char ch = c[i];
            if (ch == '(' || ch == '{' || ch == '[') depth++;
            else if (ch == ')' || ch == '}' || ch == ']') depth--;
            else if (ch == ',' && depth == 0) c[i] = ';';
            i++;
        }
    }

    /** The index of the bracket closing the one at {@code at}, or -1. */
    private static int matching(char[] c, int at, char open, char close) {
        int depth = 0;
        int i = at;
        while (i < c.length) {
            int skip = skipLiteralOrComment(c, i);
            if (skip != i) {
                i = skip;
                continue;
            }
            if (c[i] == open) depth++;
            else if (c[i] == close && --depth == 0) return i;
            i++;
        }
        return -1;
    }

    /** Past a string, char literal or comment starting at {@code i}; {@code i} itself when none starts there. */
    private static int skipLiteralOrComment(char[] c, int i) {
        if (c[i] == '"' || c[i] == '\'') {
            char quote = c[i];
            int j = i + 1;
            while (j < c.length && c[j] != quote) j += c[j] == '\\' ? 2 : 1;
            return Math.min(j + 1, c.length);
        }
        if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '/') {
            int j = i;
            while (j < c.length && c[j] != '\n') j++;
            return j;
        }
        if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '*') {
            int j = i + 2;
            while (j + 1 < c.length && !(c[j] == '*' && c[j + 1] == '/')) j++;
            return Math.min(j + 2, c.length);
        }
        return i;
    }

    private static boolean startsWord(char[] c, int i, String word) {
        if (i + word.length() > c.length || !new String(c, i, word.length()).equals(word)) return false;
        boolean before = i == 0 || !Character.isJavaIdentifierPart(c[i - 1]) && c[i - 1] != '.';
        boolean after = i + word.length() == c.length || !Character.isJavaIdentifierPart(c[i + word.length()]);
        return before && after;
    }

    private static int skipSpace(char[] c, int i) {
        while (i < c.length && Character.isWhitespace(c[i])) i++;
        return i;
    }
}
