package io.regla.core.compile.strict;

import io.regla.api.CompileError;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExpressionDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strict profile of a rule set version ({@code strict: true} in ruleset.yaml): whoever may edit its folder may
 * not run arbitrary code in the host. Checked on the DRL's parsed descriptors (Drools' {@link DrlParser}), with each
 * piece of Java in them (consequences, function bodies, constraint expressions) parsed by JavaParser:
 * <ul>
 *   <li>a consequence may insert, update, modify, delete or retract facts, construct the version's fact and action
 *       types (declared, imported, listed in the manifest) and values (java.lang, java.math, java.time, collections),
 *       call their methods and the helpers the host allowed;</li>
 *   <li>a constraint may only call accessors and allowed static helpers;</li>
 *   <li>never System, Runtime, threads, reflection, class loading, I/O, {@code eval}, the engine's internals
 *       ({@code drools.getKieRuntime()}), nor imports of such types.</li>
 * </ul>
 * Every refusal is a {@link CompileError} at the file, line and column of the offending call. Decision tables are
 * checked on the DRL the compiler generates from them (lines refer to that DRL; the rule name carries the row).
 */
public final class StrictProfile {

    private final Set<Class<?>> knownClasses;
    private final Set<Class<?>> helpers;

    /**
     * @param knownClasses fact and action types every version may use (shared actions, manifest facts)
     * @param helpers      classes whose static methods rules may call (from {@code allowHelpers})
     */
    public StrictProfile(Set<Class<?>> knownClasses, Set<Class<?>> helpers) {
        this.knownClasses = Set.copyOf(knownClasses);
        this.helpers = Set.copyOf(helpers);
    }

    /** The refusals for a version's DRL sources (file name to DRL text); empty when it keeps to the profile. */
    public List<CompileError> check(Map<String, String> drlFiles) {
        Map<String, PackageDescr> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : drlFiles.entrySet()) {
            try {
                DrlParser parser = new DrlParser();
                PackageDescr p = parser.parse(new StringReader(f.getValue()));
                if (p != null && !parser.hasErrors()) parsed.put(f.getKey(), p);
                // syntax errors are the compiler's to report
            } catch (DroolsParserException e) {
                // idem
            }
        }
        List<CompileError> errors = new ArrayList<>();
        StrictContext context = new StrictContext(knownClasses, helpers);
        Set<String> functions = new HashSet<>();
        // Names first, over every file: a type declared in one file may be used in another.
        parsed.forEach((file, p) -> {
            for (ImportDescr imp : p.getImports()) checkImport(file, imp, context, errors);
            for (FunctionImportDescr imp : p.getFunctionImports()) {
                String target = imp.getTarget();
                int dot = target.lastIndexOf('.');
                if (dot > 0 && context.isHelperClass(target.substring(0, dot))) {
                    functions.add(target.substring(dot + 1));
                } else {
                    errors.add(error(file, imp.getLine(), imp.getColumn() + 1, "import function " + target
                            + ": only static methods of allowed helpers may be imported"));
                }
            }
            for (TypeDeclarationDescr t : p.getTypeDeclarations()) context.addKnown(t.getTypeName());
            for (EnumDeclarationDescr t : p.getEnumDeclarations()) context.addKnown(t.getTypeName());
            for (FunctionDescr fn : p.getFunctions()) functions.add(fn.getName());
        });
        parsed.forEach((file, p) -> {
            for (FunctionDescr fn : p.getFunctions()) {
                // a function body is Java that consequences call: the same limits apply
                report(file, drlFiles.get(file), fn.getLine(), fn.getBody(), "function " + fn.getName(),
                        new JavaCodeCheck(context, JavaCodeCheck.Kind.CONSEQUENCE, functions).checkBlock(fn.getBody()), errors);
            }
            for (TypeDeclarationDescr t : p.getTypeDeclarations()) {
                // a declared field's default value is an expression Drools evaluates at construction
                t.getFields().values().stream().filter(f -> f.getInitExpr() != null && !f.getInitExpr().isBlank())
                        .forEach(f -> source(file, "declare " + t.getTypeName() + "." + f.getFieldName(), f.getInitExpr(),
                                f.getLine() > 0 ? f.getLine() : t.getLine(), f.getLine() > 0 ? f.getColumn() : t.getColumn(),
                                context, functions, errors, " = "));
            }
            for (RuleDescr rule : p.getRules()) {
                String where = "rule \"" + rule.getName() + "\"";
                for (String attribute : DYNAMIC_ATTRIBUTES) {
                    // salience and enabled may be expressions, evaluated at each match
                    var a = rule.getAttributes().get(attribute);
                    if (a != null && a.getValue() != null) {
                        source(file, where, a.getValue(), a.getLine() > 0 ? a.getLine() : rule.getLine(),
                                a.getLine() > 0 ? a.getColumn() : rule.getColumn(), context, functions, errors, attribute + " ");
                    }
                }
                if (rule.getLhs() != null) lhs(file, where, rule.getLhs(), context, functions, errors);
                Object consequence = rule.getConsequence();
                if (consequence instanceof String code && !code.isBlank()) {
                    report(file, drlFiles.get(file), rule.getConsequenceLine(), code, where,
                            new JavaCodeCheck(context, JavaCodeCheck.Kind.CONSEQUENCE, functions).checkBlock(code), errors);
                }
                rule.getNamedConsequences().forEach((name, code) -> {
                    if (code instanceof String text) {
                        report(file, drlFiles.get(file), rule.getConsequenceLine(), text, where + " then[" + name + "]",
                                new JavaCodeCheck(context, JavaCodeCheck.Kind.CONSEQUENCE, functions).checkBlock(text), errors);
                    }
                });
            }
        });
        errors.sort(Comparator.comparing(CompileError::file).thenComparingInt(CompileError::line)
                .thenComparingInt(CompileError::column));
        return List.copyOf(new java.util.LinkedHashSet<>(errors));
    }

    private static void checkImport(String file, ImportDescr imp, StrictContext context, List<CompileError> errors) {
        String target = imp.getTarget();
        if (StrictTypes.forbidden(target)) {
            errors.add(error(file, imp.getLine(), imp.getColumn() + 1, "import " + target + ": not allowed in a strict rule set"));
        } else if (target.endsWith(".*")) {
            errors.add(error(file, imp.getLine(), imp.getColumn() + 1, "import " + target
                    + ": a strict rule set imports each type by name, so that what it may construct is known"));
        } else if (!context.isHelperClass(target)) {
            context.addKnown(target);
        }
    }

    /** Walks a rule's conditions: constraints, from/accumulate sources; eval is refused outright. */
    private static void lhs(String file, String where, BaseDescr descr, StrictContext context, Set<String> functions,
                            List<CompileError> errors) {
        if (descr instanceof EvalDescr eval) {
            errors.add(error(file, eval.getLine(), eval.getColumn() + 1, where + ": eval(" + eval.getContent()
                    + ") is not allowed in a strict rule set; write the condition as a constraint"));
            return;
        }
        if (descr instanceof PatternDescr pattern) {
            if (pattern.getConstraint() != null) lhs(file, where, (BaseDescr) pattern.getConstraint(), context, functions, errors);
            if (pattern.getSource() instanceof FromDescr from) {
                source(file, where, from.getDataSource().toString(), from.getLine() > 0 ? from.getLine() : pattern.getLine(),
                        from.getLine() > 0 ? from.getColumn() : pattern.getColumn(), context, functions, errors);
            } else if (pattern.getSource() instanceof AccumulateDescr acc) {
                if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getResultCode() != null) {
                    errors.add(error(file, acc.getLine(), acc.getColumn() + 1, where
                            + ": accumulate with inline init/action/result code is not allowed in a strict rule set"));
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr fn : acc.getFunctions()) {
                    for (String param : fn.getParams()) {
                        expression(file, where, param, acc.getLine(), acc.getColumn(), context, functions, errors);
                    }
                }
                if (acc.getInput() != null) lhs(file, where, acc.getInput(), context, functions, errors);
            } else if (pattern.getSource() instanceof CollectDescr collect && collect.getInputPattern() != null) {
                lhs(file, where, collect.getInputPattern(), context, functions, errors);
            }
            return;
        }
        if (descr instanceof ExprConstraintDescr c) {
            expression(file, where, c.getExpression(), c.getLine(), c.getColumn(), context, functions, errors);
            return;
        }
        if (descr instanceof ConditionalElementDescr ce) {
            for (BaseDescr nested : ce.getDescrs()) lhs(file, where, nested, context, functions, errors);
        }
    }

    /**
     * A constraint is DRL, not Java ({@code $a : amount > 3}, {@code date after $d}): Drools' expression parser splits it
     * into its operands, and each operand is Java that JavaParser reads. A from source is one Java expression.
     */
    private static void expression(String file, String where, String text, int line, int column, StrictContext context,
                                   Set<String> functions, List<CompileError> errors) {
        List<String> operands = new ArrayList<>();
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(text);
        if (parser.hasErrors() || parsed == null) {
            operands.add(text); // let JavaParser say why it cannot be checked
        } else {
            operands(parsed, operands);
        }
        for (String operand : operands) {
            List<JavaCodeCheck.Finding> found = new JavaCodeCheck(context, JavaCodeCheck.Kind.CONSTRAINT, functions)
                    .checkExpression(operand);
            // operands carry no position of their own: report at the constraint's start
            for (JavaCodeCheck.Finding f : found) {
                errors.add(error(file, Math.max(line, 0), Math.max(column, 0) + 1, where + ": " + f.message()));
            }
        }
    }

    private static void source(String file, String where, String text, int line, int column, StrictContext context,
                               Set<String> functions, List<CompileError> errors) {
        source(file, where, text, line, column, context, functions, errors, "from ");
    }

    private static void source(String file, String where, String text, int line, int column, StrictContext context,
                               Set<String> functions, List<CompileError> errors, String label) {
        for (JavaCodeCheck.Finding f : new JavaCodeCheck(context, JavaCodeCheck.Kind.CONSTRAINT, functions).checkExpression(text)) {
            errors.add(error(file, Math.max(line, 0), Math.max(column, 0) + 1, where + ": " + label + f.message()));
        }
    }

    /** Rule attributes whose value may be an expression. */
    private static final List<String> DYNAMIC_ATTRIBUTES = List.of("salience", "enabled");

    private static void operands(BaseDescr descr, List<String> out) {
        if (descr instanceof ConstraintConnectiveDescr c) {
            c.getDescrs().forEach(d -> operands(d, out));
        } else if (descr instanceof RelationalExprDescr r) {
            operands(r.getLeft(), out);
            operands(r.getRight(), out);
        } else if (descr instanceof BindingDescr b) {
            out.add(b.getExpression());
        } else if (descr instanceof AtomicExprDescr a) {
            if (!a.isLiteral()) out.add(a.getExpression());
        } else if (descr instanceof ExpressionDescr e) {
            out.add(e.getExpression());
        }
    }

    /**
     * Reports findings in a piece of code at their place in the DRL file: the parser hands the code over trimmed, with
     * the line where its block starts ({@code then}, {@code function}), so the code is looked up from that line on.
     */
    private static void report(String file, String source, int fromLine, String code, String where,
                               List<JavaCodeCheck.Finding> found, List<CompileError> errors) {
        int[] start = locate(source, fromLine, code);
        for (JavaCodeCheck.Finding f : found) {
            int line = start[0] + f.line() - 1;
            // the checked text is "{" + code: the first line is shifted by that brace
            int column = f.line() == 1 ? start[1] + f.column() - 2 : f.column();
            errors.add(error(file, Math.max(line, 0), Math.max(column, 0), where + ": " + f.message()));
        }
    }

    /** The 1-based line and column where {@code code} starts in {@code source}, searched from {@code fromLine}. */
    private static int[] locate(String source, int fromLine, String code) {
        String first = code.strip().lines().findFirst().orElse("").strip();
        int offset = 0;
        for (int l = 1; l < fromLine && offset >= 0; l++) {
            int nl = source.indexOf('\n', offset);
            offset = nl < 0 ? -1 : nl + 1;
        }
        int at = offset < 0 || first.isEmpty() ? -1 : source.indexOf(first, offset);
        if (at < 0) return new int[]{Math.max(fromLine, 0), 1};
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[]{line, at - lineStart + 1};
    }

    private static CompileError error(String file, int line, int column, String message) {
        return new CompileError(file, line, column, "strict: " + message);
    }
}
