package io.regla.core.compile.strict;

import io.regla.api.CompileError;
import io.regla.core.testmodel.Greet;
import io.regla.core.testmodel.Person;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict profile's invariants: any consequence built from the allowed grammar passes; a forbidden call placed
 * anywhere in one (a statement, a nested block, an argument, a modify block, a lambda) is refused at its own
 * file:line:col with the call named.
 */
class StrictProfileProperties {

    private static final StrictProfile PROFILE = new StrictProfile(Set.of(Person.class, Greet.class), Set.of(Adulthood.class));

    private static final String HEADER = """
            package rules.prop;

            import io.regla.core.testmodel.Person;
            import io.regla.core.testmodel.Greet;
            import io.regla.core.compile.strict.Adulthood;
            import java.math.BigDecimal;
            import java.math.RoundingMode;
            import java.time.LocalDate;
            import java.util.ArrayList;
            import java.util.List;

            declare Seen
                personId : String
            end

            rule "generated"
                salience 10
            when
                $p : Person($id : id, Adulthood.isAdult(age), name != null)
                not Seen(personId == $id)
            then
            """;

    /** Statements a strict consequence may hold; %d is filled with a number. */
    private static final List<String> ALLOWED = List.of(
            "insert(new Greet($id, \"hola\"));",
            "insertLogical(new Seen($id));",
            "String t%d = $p.name().toUpperCase() + \", \" + %d;",
            "modify($p) { setAge(%d), setName(\"a, b\") };",
            "update($p);",
            "delete($p);",
            "retract($p);",
            "LocalDate d%d = LocalDate.of(2026, 1, 1).plusDays(%d);",
            "boolean a%d = Adulthood.isAdult(%d);",
            "List<String> l%d = new ArrayList<>(List.of(\"a\", String.valueOf(%d)));",
            "drools.getRule().getName();",
            "BigDecimal b%d = new BigDecimal(\"1.5\").setScale(2, RoundingMode.HALF_UP);",
            "if ($p.age() > %d) { insert(new Greet($id, \"x\")); }",
            "List.of(%d).forEach(x -> insert(new Greet($id, String.valueOf(x))));",
            "// a comment with System.exit(1) in it is not code",
            "String s%d = \"System.exit(%d)\";");

    /** Forbidden expressions: the text, where in it the refusal points, and what its message must name. */
    record Forbidden(String code, int at, String named) {
    }

    private static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden("System.exit(1)", 0, "System.exit"),
            new Forbidden("Runtime.getRuntime().exec(\"ls\")", 0, "Runtime"),
            new Forbidden("Class.forName(\"x\")", 0, "Class.forName"),
            new Forbidden("$p.getClass().getName()", 0, "getClass"),
            new Forbidden("java.nio.file.Files.readString(null)", 0, "Files"),
            new Forbidden("new java.io.File(\"x\").delete()", 4, "java.io.File"),
            new Forbidden("new Thread(() -> {}).getName()", 4, "Thread"),
            new Forbidden("new ProcessBuilder(\"ls\").command()", 4, "ProcessBuilder"),
            new Forbidden("drools.getKieRuntime().halt()", 0, "getKieRuntime"),
            new Forbidden("Thread.currentThread().getName()", 0, "Thread"),
            new Forbidden("java.lang.reflect.Array.newInstance(null, 1)", 0, "java.lang.reflect"),
            new Forbidden("insert(drools)", 7, "drools"),
            new Forbidden("java.util.concurrent.Executors.newSingleThreadExecutor()", 0, "Executors"),
            new Forbidden("System.getenv(\"HOME\")", 0, "System.getenv"));

    /** Where a forbidden expression may sit: the text before and after it on its line. */
    private static final List<String[]> PLACES = List.of(
            new String[]{"", ";"},
            new String[]{"if ($p.age() > 1) { ", "; }"},
            new String[]{"insert(new Greet($id, String.valueOf(", ")));"},
            new String[]{"modify($p) { setAge(2), setName(String.valueOf(", ")) };"},
            new String[]{"List.of(1).forEach(x -> { ", "; });"},
            new String[]{"String z = \"" + "\" + ", ";"});

    @Property(tries = 200)
    void aConsequenceOfAllowedStatementsPasses(@ForAll("allowed") List<String> statements) {
        String drl = drl(statements);
        assertThat(PROFILE.check(Map.of("rules.drl", drl))).as(drl).isEmpty();
    }

    @Property(tries = 300)
    void aForbiddenCallAnywhereIsRefusedAtItsPlace(@ForAll("allowed") List<String> statements,
                                                   @ForAll("forbidden") Forbidden forbidden,
                                                   @ForAll("places") String[] place,
                                                   @ForAll("positions") int position) {
        List<String> body = new ArrayList<>(statements);
        int index = position % (body.size() + 1);
        body.add(index, place[0] + forbidden.code() + place[1]);
        String drl = drl(body);
        int line = (int) HEADER.lines().count() + 1 + index;
        int column = 4 + place[0].length() + forbidden.at() + 1;
        List<CompileError> errors = PROFILE.check(Map.of("rules.drl", drl));
        assertThat(errors).as(drl).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules.drl");
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.message()).startsWith("strict: rule \"generated\"").contains(forbidden.named());
        });
        // nothing but the forbidden call is refused
        assertThat(errors).as(drl).allSatisfy(e -> assertThat(e.line()).isEqualTo(line));
    }

    @Provide
    Arbitrary<List<String>> allowed() {
        Arbitrary<String> statement = Combinators.combine(Arbitraries.of(ALLOWED), Arbitraries.integers().between(0, 999))
                .as((template, n) -> template.replace("%d", String.valueOf(n)));
        return statement.list().ofMinSize(0).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Forbidden> forbidden() {
        return Arbitraries.of(FORBIDDEN);
    }

    @Provide
    Arbitrary<String[]> places() {
        return Arbitraries.of(PLACES);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 1000);
    }

    private static String drl(List<String> statements) {
        StringBuilder out = new StringBuilder(HEADER);
        // unique local names: the generator may repeat a declaration
        int n = 0;
        for (String s : statements) out.append("    ").append(s.replaceAll("\\b([tdalbs])(\\d+) =", "$1$2_" + n++ + " =")).append('\n');
        return out.append("end\n").toString();
    }
}
