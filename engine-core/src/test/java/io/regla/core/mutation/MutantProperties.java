package io.regla.core.mutation;

import io.regla.api.Version;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MutantProperties {

    private static final Version V = Version.parse("1.0.0");

    private static String drl(int threshold, String op, int days) {
        return """
                package rules.p;
                import io.regla.core.testmodel.Person;
                import io.regla.core.testmodel.Greet;

                rule "r1"
                when
                    $p : Person(age %s %d, name != "X", $id : id)
                    not Greet(personId == $id, text == "CODE_A")
                then
                    insert(new Greet($id, "CODE_B"));
                end

                rule "r2"
                when
                    Person(age < %d)
                then
                    insert(new Greet("x", "CODE_C"));
                end
                """.formatted(op, threshold, days);
    }

    /** Every mutant is the original with exactly one span changed, and its diff shows that change. */
    @Property(tries = 60)
    void everyMutantChangesOneSpanOnly(@ForAll @IntRange(min = 0, max = 500) int threshold,
                                       @ForAll("ops") String op, @ForAll @IntRange(min = 0, max = 99) int days) {
        String text = drl(threshold, op, days);
        List<Edit> edits = DrlMutants.of("p", V, "p.drl", text);
        assertThat(edits).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (Edit e : edits) {
            assertThat(ids.add(e.mutant().id())).as("unique id %s", e.mutant().id()).isTrue();
            String mutated = e.apply(text);
            assertThat(mutated).isNotEqualTo(text);
            assertThat(mutated).startsWith(text.substring(0, e.start())).endsWith(text.substring(e.end()));
            assertThat(e.mutant().before()).isNotEqualTo(e.mutant().after());
        }
    }

    /** A number n in a condition gives n+1, n-1 (when positive) and 2n (when not 0), each once. */
    @Property(tries = 60)
    void numbersChangeByOneAndDouble(@ForAll @IntRange(min = 0, max = 10_000) int n) {
        List<String> changed = DrlMutants.of("p", V, "p.drl", drl(n, ">=", 7)).stream()
                .filter(e -> e.mutant().kind() == MutationKind.CHANGE_NUMBER && e.mutant().line() == 7)
                .map(Edit::replacement).toList();
        Set<String> expected = new HashSet<>();
        expected.add(String.valueOf(n + 1));
        if (n > 0) expected.add(String.valueOf(n - 1));
        if (n != 0) expected.add(String.valueOf(2 * n));
        assertThat(changed).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Each relational operator is swapped with its partner, once per occurrence. */
    @Property(tries = 30)
    void operatorsSwapWithTheirPartner(@ForAll("ops") String op) {
        List<String> swaps = DrlMutants.of("p", V, "p.drl", drl(18, op, 7)).stream()
                .filter(e -> e.mutant().kind() == MutationKind.SWAP_OPERATOR && e.mutant().line() == 7)
                .map(e -> e.mutant().id().replaceAll(".* swap-operator ", "")).toList();
        String partner = switch (op) {
            case "<" -> "<=";
            case "<=" -> "<";
            case ">" -> ">=";
            case ">=" -> ">";
            case "==" -> "!=";
            default -> "==";
        };
        assertThat(swaps).containsExactly(op + " -> " + partner, "!= -> ==");
    }

    /** A cap keeps min(cap, all) distinct mutants, always the same ones. */
    @Property(tries = 60)
    void sampleIsEvenDistinctAndDeterministic(@ForAll @IntRange(min = 0, max = 80) int cap) {
        List<Edit> all = DrlMutants.of("p", V, "p.drl", drl(18, ">=", 7));
        List<Edit> sample = MutationTester.sample(all, cap);
        int expected = cap == 0 ? all.size() : Math.min(cap, all.size());
        assertThat(sample).hasSize(expected).doesNotHaveDuplicates().isEqualTo(MutationTester.sample(all, cap));
        assertThat(all).containsAll(sample);
        assertThat(sample.get(0)).isEqualTo(all.get(0));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> ops() {
        return net.jqwik.api.Arbitraries.of("<", "<=", ">", ">=", "==", "!=");
    }
}
