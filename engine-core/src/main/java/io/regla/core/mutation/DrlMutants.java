package io.regla.core.mutation;

import io.regla.api.Version;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutants of one DRL file. Rules, patterns, constraints and {@code not}/{@code exists} are located with Drools'
 * own DRL parser (its descriptors carry character offsets); the mutation itself rewrites that span of the text, so a
 * mutant is the original file with one small edit, shown as a one-line diff. Operators and literals are found inside
 * a constraint's span by a scan that skips string literals.
 */
final class DrlMutants {

    /** A binding with nothing else: {@code $id : id}. Not a constraint: negating or dropping it only breaks compiling. */
    private static final Pattern PURE_BINDING = Pattern.compile("\\s*\\$?[\\w$]+\\s*:\\s*[\\w$.]+\\s*");
    private static final Pattern BINDING_PREFIX = Pattern.compile("\\s*\\$?[\\w$]+\\s*:(?!=)\\s*");
    /** A code-like literal: a template name or an alert/rejection code. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{2,}");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?([lLdDfF]|[bB][iI]|[bB][dD])?");
    private static final Map<String, String> SWAPS = new LinkedHashMap<>();

    static {
        SWAPS.put("<=", "<");
        SWAPS.put(">=", ">");
        SWAPS.put("==", "!=");
        SWAPS.put("!=", "==");
        SWAPS.put("<", "<=");
        SWAPS.put(">", ">=");
    }

    private final String ruleSet;
    private final Version version;
    private final SourceText src;
    private final List<Edit> out = new ArrayList<>();

    private DrlMutants(String ruleSet, Version version, String file, String text) {
        this.ruleSet = ruleSet;
        this.version = version;
        this.src = new SourceText(file, text);
    }

    /** The mutants of {@code text}; none when the file does not parse (compiling reports that). */
    static List<Edit> of(String ruleSet, Version version, String file, String text) {
        DrlMutants m = new DrlMutants(ruleSet, version, file, text);
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            return List.of();
        }
        if (pkg == null || parser.hasErrors()) return List.of();
        for (RuleDescr rule : pkg.getRules()) m.rule(rule);
        return m.out;
    }

    private void rule(RuleDescr rule) {
        String text = src.text;
        String name = rule.getName();
        int start = rule.getStartCharacter();
        int end = ruleEnd(rule);
        if (start >= 0 && end > start && text.startsWith("rule", start)) {
            int lastLine = src.line(end - 1);
            Edit e = src.edit(ruleSet, version, name, MutationKind.REMOVE_RULE, "\"" + name + "\"", start, end, "");
            Mutant m = e.mutant();
            // the before view of a whole rule is its header and its span, not every line of it
            out.add(new Edit(new Mutant(m.id(), ruleSet, version, m.file(), m.line(), m.column(), name, m.kind(),
                    "rule \"" + name + "\" … end (lines " + m.line() + "-" + lastLine + ")", ""), e.file(), start, end, ""));
        }
        if (rule.getLhs() != null) conditions(name, rule.getLhs());
        consequence(rule, start, end);
    }

    /** Where a rule's text ends: just after its {@code end} keyword. */
    private int ruleEnd(RuleDescr rule) {
        String text = src.text;
        int e = rule.getEndCharacter();
        if (e < 0) return -1;
        for (int i = Math.min(e + 1, text.length()); i >= Math.max(0, e - 4); i--) {
            if (i >= 3 && text.startsWith("end", i - 3)) return i;
        }
        return -1;
    }

    private void conditions(String rule, BaseDescr d) {
        if (d instanceof NotDescr || d instanceof ExistsDescr) {
            String keyword = d instanceof NotDescr ? "not" : "exists";
            List<? extends BaseDescr> kids = ((ConditionalElementDescr) d).getDescrs();
            int start = d.getStartCharacter();
            if (!kids.isEmpty() && start >= 0 && src.text.startsWith(keyword, start)) {
                int childStart = kids.get(0).getStartCharacter();
                int end = start + keyword.length();
                // "not (A and B)": the parenthesis stays, so the group is still one condition
                while (end < src.text.length() && end < childStart && Character.isWhitespace(src.text.charAt(end))) end++;
                out.add(src.edit(ruleSet, version, rule, MutationKind.DROP_NOT_EXISTS, keyword, start, end, ""));
            }
        }
        if (d instanceof PatternDescr p) {
            pattern(rule, p);
            if (p.getSource() instanceof CollectDescr c && c.getInputPattern() != null) conditions(rule, c.getInputPattern());
            if (p.getSource() instanceof AccumulateDescr a && a.getInput() != null) conditions(rule, a.getInput());
        }
        if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr kid : ce.getDescrs()) conditions(rule, kid);
        }
    }

    private void pattern(String rule, PatternDescr p) {
        int pStart = p.getStartCharacter();
        int pEnd = p.getEndCharacter();
        if (pStart < 0 || pEnd <= pStart || !(p.getConstraint() instanceof AndDescr and)) return;
        for (BaseDescr c : and.getDescrs()) {
            if (!(c instanceof ExprConstraintDescr expr)) continue;
            String e = expr.getExpression();
            int start = locate(e, expr.getStartCharacter(), pStart, pEnd);
            if (start < 0 || PURE_BINDING.matcher(e).matches()) continue;
            constraint(rule, e, start, pStart, pEnd);
        }
    }

    /** Where {@code expression} starts in the text: at the descriptor's offset, or found inside its pattern. */
    private int locate(String expression, int hint, int pStart, int pEnd) {
        if (hint >= 0 && src.text.startsWith(expression, hint)) return hint;
        int i = src.text.indexOf(expression, pStart);
        return i >= 0 && i + expression.length() <= pEnd ? i : -1;
    }

    private void constraint(String rule, String e, int start, int pStart, int pEnd) {
        int end = start + e.length();
        Matcher binding = BINDING_PREFIX.matcher(e);
        boolean bound = binding.lookingAt();
        if (!bound) {
            out.add(src.edit(ruleSet, version, rule, MutationKind.NEGATE_CONSTRAINT, e, start, end, "!(" + e + ")"));
            dropConstraint(rule, e, start, end, pStart, pEnd);
        }
        scan(rule, e, start);
    }

    /** Removes a constraint with its separating comma. */
    private void dropConstraint(String rule, String e, int start, int end, int pStart, int pEnd) {
        String text = src.text;
        int after = end;
        while (after < pEnd && Character.isWhitespace(text.charAt(after))) after++;
        if (after < pEnd && text.charAt(after) == ',') {
            after++;
            while (after < pEnd && Character.isWhitespace(text.charAt(after))) after++;
            out.add(src.edit(ruleSet, version, rule, MutationKind.DROP_CONSTRAINT, e, start, after, ""));
            return;
        }
        int before = start - 1;
        while (before > pStart && Character.isWhitespace(text.charAt(before))) before--;
        if (before > pStart && text.charAt(before) == ',') {
            out.add(src.edit(ruleSet, version, rule, MutationKind.DROP_CONSTRAINT, e, before, end, ""));
        } else {
            out.add(src.edit(ruleSet, version, rule, MutationKind.DROP_CONSTRAINT, e, start, end, ""));
        }
    }

    /** Relational operators, {@code in}, numbers and code literals of one constraint, outside its string literals. */
    private void scan(String rule, String e, int base) {
        int i = 0;
        while (i < e.length()) {
            char ch = e.charAt(i);
            if (ch == '"' || ch == '\'') {
                int close = closing(e, i);
                String literal = e.substring(i + 1, close);
                if (ch == '"' && CODE.matcher(literal).matches()) {
                    out.add(src.edit(ruleSet, version, rule, MutationKind.CHANGE_LITERAL, "\"" + literal + "\" -> \"" + literal + "_X\"",
                            base + i, base + close + 1, "\"" + literal + "_X\""));
                }
                i = close + 1;
                continue;
            }
            String op = operatorAt(e, i);
            if (op != null) {
                out.add(src.edit(ruleSet, version, rule, MutationKind.SWAP_OPERATOR, op + " -> " + SWAPS.get(op),
                        base + i, base + i + op.length(), SWAPS.get(op)));
                i += op.length();
                continue;
            }
            if (startsWord(e, i, "not in") && e.substring(i + 6).stripLeading().startsWith("(")) {
                out.add(src.edit(ruleSet, version, rule, MutationKind.SWAP_OPERATOR, "not in -> in", base + i, base + i + 6, "in"));
                i += 6;
                continue;
            }
            if (startsWord(e, i, "in") && e.substring(i + 2).stripLeading().startsWith("(")
                    && !e.substring(0, i).stripTrailing().endsWith("not")) {
                out.add(src.edit(ruleSet, version, rule, MutationKind.SWAP_OPERATOR, "in -> not in", base + i, base + i + 2, "not in"));
                i += 2;
                continue;
            }
            if (Character.isDigit(ch) && (i == 0 || !(Character.isJavaIdentifierPart(e.charAt(i - 1)) || e.charAt(i - 1) == '.'))) {
                Matcher m = NUMBER.matcher(e);
                if (m.find(i) && m.start() == i) {
                    numbers(rule, m.group(), base + i);
                    i = m.end();
                    continue;
                }
            }
            if (Character.isJavaIdentifierPart(ch)) {
                while (i < e.length() && Character.isJavaIdentifierPart(e.charAt(i))) i++;
                continue;
            }
            i++;
        }
    }

    private void numbers(String rule, String literal, int at) {
        String digits = literal.replaceAll("[a-zA-Z]+$", "");
        String suffix = literal.substring(digits.length());
        java.math.BigDecimal v = new java.math.BigDecimal(digits);
        List<java.math.BigDecimal> changed = new ArrayList<>();
        changed.add(v.add(java.math.BigDecimal.ONE));
        if (v.signum() > 0) changed.add(v.subtract(java.math.BigDecimal.ONE));
        if (v.signum() != 0) changed.add(v.multiply(java.math.BigDecimal.valueOf(2)));
        for (java.math.BigDecimal c : changed.stream().distinct().toList()) {
            String replacement = c.toPlainString() + suffix;
            out.add(src.edit(ruleSet, version, rule, MutationKind.CHANGE_NUMBER, literal + " -> " + replacement,
                    at, at + literal.length(), replacement));
        }
    }

    /** Code literals the consequence emits ({@code new SendEmail("BIENVENIDA", …)}). */
    private void consequence(RuleDescr rule, int ruleStart, int ruleEnd) {
        if (!(rule.getConsequence() instanceof String rhs) || rhs.isBlank() || ruleStart < 0 || ruleEnd < 0) return;
        int lhsEnd = rule.getLhs() == null ? -1 : rule.getLhs().getEndCharacter();
        int then = thenKeyword(Math.max(ruleStart, lhsEnd), ruleEnd);
        if (then < 0) return;
        int base = src.text.indexOf(rhs, then);
        if (base < 0 || base + rhs.length() > ruleEnd) return;
        for (int i = 0; i < rhs.length(); i++) {
            char ch = rhs.charAt(i);
            if (ch == '/' && i + 1 < rhs.length() && rhs.charAt(i + 1) == '/') {
                int nl = rhs.indexOf('\n', i);
                i = nl < 0 ? rhs.length() : nl;
            } else if (ch == '"' || ch == '\'') {
                int close = closing(rhs, i);
                String literal = rhs.substring(i + 1, close);
                if (ch == '"' && CODE.matcher(literal).matches()) {
                    out.add(src.edit(ruleSet, version, rule.getName(), MutationKind.CHANGE_LITERAL,
                            "\"" + literal + "\" -> \"" + literal + "_X\"", base + i, base + close + 1, "\"" + literal + "_X\""));
                }
                i = close;
            }
        }
    }

    private int thenKeyword(int ruleStart, int ruleEnd) {
        Matcher m = Pattern.compile("\\bthen\\b").matcher(src.text).region(ruleStart, ruleEnd);
        // searched from the end of the conditions: a comment in them may say "then" too
        return m.find() ? m.end() : -1;
    }

    private static int closing(String s, int open) {
        char q = s.charAt(open);
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') i += 2;
            else if (c == q) return i;
            else i++;
        }
        return s.length() - 1;
    }

    private static String operatorAt(String e, int i) {
        for (String op : SWAPS.keySet()) {
            if (!e.startsWith(op, i)) continue;
            // not part of "->", "<<", ">>", "!==" or a lambda arrow
            char prev = i > 0 ? e.charAt(i - 1) : ' ';
            if (op.equals(">") && prev == '-') return null;
            if ((op.equals("<") || op.equals(">")) && i + 1 < e.length() && (e.charAt(i + 1) == op.charAt(0))) return null;
            return op;
        }
        return null;
    }

    private static boolean startsWord(String e, int i, String word) {
        if (!e.startsWith(word, i)) return false;
        boolean before = i == 0 || !Character.isJavaIdentifierPart(e.charAt(i - 1));
        int j = i + word.length();
        boolean after = j >= e.length() || !Character.isJavaIdentifierPart(e.charAt(j));
        return before && after;
    }
}
