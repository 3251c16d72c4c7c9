package io.regla.core.compile.strict;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.Position;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one piece of Java from a rule (a consequence, a function body, a constraint's expression) against the
 * strict profile, on the syntax tree JavaParser builds: which types it names, constructs, and calls into.
 * Text that does not parse as Java cannot be checked, so it is refused too: the profile admits only what it can see.
 */
final class JavaCodeCheck {

    /** One refusal, at a line and column relative to the checked text (1-based). */
    record Finding(int line, int column, String message) {
    }

    enum Kind { CONSEQUENCE, CONSTRAINT }

    /** Calls a consequence may make without a scope: the working-memory operations (and the version's functions). */
    static final Set<String> MEMORY_OPERATIONS = Set.of("insert", "insertLogical", "update", "modify", "delete", "retract");

    /** Methods on {@code drools}/{@code kcontext} that only describe the firing rule. */
    private static final Set<String> RULE_CONTEXT_METHODS = Set.of("getRule", "getMatch");

    /** Methods that open reflection, class loading, process control or the engine's internals, whoever they are called on. */
    private static final Set<String> FORBIDDEN_METHODS = Set.of("getClass", "forName", "getClassLoader", "newInstance",
            "invoke", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields",
            "getDeclaredField", "getDeclaredFields", "getConstructor", "getDeclaredConstructor", "setAccessible", "exec",
            "exit", "halt", "getRuntime", "load", "loadLibrary", "wait", "notify", "notifyAll", "eval", "getKieRuntime",
            "getWorkingMemory", "getKnowledgeRuntime", "getEntryPoint", "getChannels", "getKieBase", "getKieSession",
            "setGlobal", "getGlobal", "lookup");

    private final StrictContext context;
    private final Kind kind;
    private final Set<String> functions;
    private final List<Finding> findings = new ArrayList<>();
    private ModifyBlocks modifyBlocks; // of the block being checked; null for an expression
    private int[] lineStarts; // offsets where each line of the checked text starts

    JavaCodeCheck(StrictContext context, Kind kind, Set<String> functions) {
        this.context = context;
        this.kind = kind;
        this.functions = functions;
    }

    /** Checks a block of statements (consequence, function body). */
    List<Finding> checkBlock(String code) {
        Node root;
        modifyBlocks = ModifyBlocks.rewrite(code);
        String text = "{" + modifyBlocks.code() + "\n}";
        lineStarts = text.lines().mapToInt(l -> 0).toArray();
        for (int i = 0, line = 1; i < text.length() && line < lineStarts.length; i++) {
            if (text.charAt(i) == '\n') lineStarts[line++] = i + 1;
        }
        try {
            root = StaticJavaParser.parseBlock(text);
        } catch (ParseProblemException e) {
            findings.add(new Finding(1, 1, "not plain Java, so it cannot be checked in a strict rule set: " + firstLine(e)));
            return findings;
        }
        walk(root);
        return findings;
    }

    /** Checks an expression (a constraint, a from source, an accumulate argument). */
    List<Finding> checkExpression(String code) {
        Expression root;
        try {
            root = StaticJavaParser.parseExpression(code);
        } catch (ParseProblemException e) {
            return List.of(new Finding(1, 1, "expression '" + code.trim() + "' cannot be checked in a strict rule set: "
                    + firstLine(e)));
        }
        walk(root);
        return findings;
    }

    private void walk(Node root) {
        root.walk(node -> {
            if (node instanceof MethodCallExpr call) checkCall(call);
            else if (node instanceof ObjectCreationExpr created) checkCreation(created);
            else if (node instanceof ClassExpr c) refuse(c, "'" + c + "': class literals (reflection) are not allowed");
            else if (node instanceof MethodReferenceExpr ref) checkTypeScope(ref, ref.getScope(), ref.getIdentifier());
            else if (node instanceof ClassOrInterfaceType type) {
                String name = type.getNameWithScope();
                if (StrictTypes.forbidden(name)) refuse(type, "type " + name + " is not allowed in a strict rule set");
            } else if (node instanceof NameExpr name && isRuleContext(name) && !isScopeOfCall(name)) {
                // the rule context handed around (Object d = drools; d.halt()) would escape the check on its calls
                refuse(name, name + " may only be used as " + name + ".getRule() or " + name + ".getMatch()");
            } else if (node instanceof NameExpr name && StrictTypes.forbidden(name.getNameAsString())) {
                refuse(name, name + " is not allowed in a strict rule set");
            } else if (node instanceof FieldAccessExpr field && StrictTypes.forbidden(field.toString())) {
                refuse(field, field + " is not allowed in a strict rule set");
            }
        });
    }

    private void checkCall(MethodCallExpr call) {
        String method = call.getNameAsString();
        Optional<Expression> scope = call.getScope();
        if (scope.isEmpty()) {
            if (functions.contains(method)) return;
            if (kind == Kind.CONSEQUENCE && MEMORY_OPERATIONS.contains(method)) return;
            // inside modify($f) { setA(1) } an unscoped call is a method of the modified fact
            if (inModifyBlock(call) && !FORBIDDEN_METHODS.contains(method)) return;
            // in a constraint an unscoped call is on the pattern's fact (this.hasOwner()): an accessor
            if (kind == Kind.CONSTRAINT && !FORBIDDEN_METHODS.contains(method)) return;
            refuse(call, "calls " + method + "(..): " + (kind == Kind.CONSEQUENCE
                    ? "a consequence may only insert, update, modify or delete facts, or call an allowed helper"
                    : "a constraint may only call accessors and allowed helpers"));
            return;
        }
        Expression s = scope.get();
        if (FORBIDDEN_METHODS.contains(method)) {
            refuse(call, "calls " + s + "." + method + "(..), which is not allowed in a strict rule set");
            return;
        }
        if (s instanceof NameExpr n && isRuleContext(n)) {
            if (!RULE_CONTEXT_METHODS.contains(method)) {
                refuse(call, "calls " + s + "." + method + "(..): only getRule() and getMatch() of the rule context are allowed");
            }
            return;
        }
        checkTypeScope(call, s, method);
    }

    /** A call or reference whose scope names a type (a static call): only known types, value types or helpers. */
    private void checkTypeScope(Node at, Expression scope, String member) {
        String typeName = typeName(scope);
        if (typeName == null) return; // an instance call on a value: a fact's accessor or method
        if (StrictTypes.forbidden(typeName)) {
            refuse(at, "calls " + typeName + "." + member + ": " + typeName + " is not allowed in a strict rule set");
        } else if (context.isHelper(typeName)) {
            return;
        } else if (kind == Kind.CONSTRAINT && !StrictTypes.isValueType(typeName)) {
            refuse(at, "calls " + typeName + "." + member + ": a constraint may only call helpers the host allows "
                    + "(Regla.builder().allowHelpers(..))");
        } else if (!context.isKnownType(typeName) && !StrictTypes.isValueType(typeName)) {
            refuse(at, "calls " + typeName + "." + member + ": " + typeName + " is neither a fact or action type of the "
                    + "version, a value type, nor an allowed helper");
        }
    }

    private void checkCreation(ObjectCreationExpr created) {
        String name = created.getType().getNameWithScope();
        if (created.getAnonymousClassBody().isPresent()) {
            refuse(created, "new " + name + "() {..}: anonymous classes are not allowed in a strict rule set");
        } else if (kind == Kind.CONSTRAINT && !StrictTypes.isValueType(name)) {
            refuse(created, "new " + name + "(..): a constraint may not construct objects other than values");
        } else if (!StrictTypes.forbidden(name) && !context.isKnownType(name) && !StrictTypes.isValueType(name)) {
            refuse(created, "new " + name + "(..): a strict rule set may only construct its fact and action types and values");
        }
        // forbidden names are reported by the ClassOrInterfaceType visit
    }

    /**
     * The type a scope names, or null when it is a value: a capitalised simple name that is not a variable binding
     * ({@code $x}), or a qualified name ({@code java.lang.System}).
     */
    private static String typeName(Expression scope) {
        if (scope instanceof NameExpr n) {
            String s = n.getNameAsString();
            return !s.isEmpty() && Character.isUpperCase(s.charAt(0)) ? s : null;
        }
        if (scope instanceof FieldAccessExpr f) {
            String full = f.toString();
            if (full.matches("[a-z_][\\w]*(\\.[\\w$]+)*") && Character.isUpperCase(f.getNameAsString().charAt(0))) {
                return full; // a package-qualified type such as java.lang.System
            }
        }
        if (scope instanceof com.github.javaparser.ast.expr.TypeExpr t) return t.getType().asString();
        return null;
    }

    private static boolean isRuleContext(NameExpr n) {
        return n.getNameAsString().equals("drools") || n.getNameAsString().equals("kcontext");
    }

    private static boolean isScopeOfCall(NameExpr n) {
        return n.getParentNode().filter(p -> p instanceof MethodCallExpr call
                && call.getScope().filter(sc -> sc == n).isPresent()).isPresent();
    }

    private boolean inModifyBlock(Node node) {
        if (modifyBlocks == null || node.getBegin().isEmpty()) return false;
        Position p = node.getBegin().get();
        if (p.line < 1 || p.line > lineStarts.length) return false;
        // the checked text starts with the "{" the code was wrapped in
        return modifyBlocks.inside(lineStarts[p.line - 1] + p.column - 1 - 1);
    }

    private void refuse(Node at, String message) {
        Position p = at.getBegin().orElse(new Position(1, 1));
        // one finding per place: System.exit(..) is one offence, not a call plus a name
        if (findings.stream().anyMatch(f -> f.line() == p.line && f.column() == p.column)) return;
        findings.add(new Finding(p.line, p.column, message));
    }

    private static String firstLine(ParseProblemException e) {
        String m = e.getProblems().isEmpty() ? e.getMessage() : e.getProblems().get(0).getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
