package io.regla.rules.advising;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The table check finds every duplicate, conflict and gap injected into a random clean table, and nothing else. */
class RouteTableCheckProperties {

    /** A table with the rows (line numbers) and catalogue gaps that were injected into it. */
    record Injected(String csv, List<String> catalogue, Set<Integer> duplicateLines, Set<Integer> conflictLines,
                    Set<String> gaps) {
    }

    @Property(tries = 200)
    void findsEveryInjectedDuplicateConflictAndGap(@ForAll("tables") Injected t) {
        List<RouteTableCheck.CatalogueEntry> catalogue = new ArrayList<>();
        for (int i = 0; i < t.catalogue().size(); i++) catalogue.add(new RouteTableCheck.CatalogueEntry(i + 2, t.catalogue().get(i)));
        List<TableFinding> findings = new RouteTableCheck().catalogue(catalogue, "faculties.csv")
                .check(RouteTable.parse(t.csv(), "t.csv"));

        assertThat(lines(findings, "DUPLICATE_FACULTY")).isEqualTo(t.duplicateLines());
        assertThat(lines(findings, "ADVISOR_CONFLICT")).isEqualTo(t.conflictLines());
        Set<String> missing = findings.stream().filter(f -> f.code().equals("MISSING_ROUTE"))
                .map(f -> t.catalogue().get(f.line() - 2)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).isEqualTo(t.gaps());
        assertThat(findings).allMatch(f -> Set.of("DUPLICATE_FACULTY", "ADVISOR_CONFLICT", "MISSING_ROUTE").contains(f.code()));
    }

    private static Set<Integer> lines(List<TableFinding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).map(TableFinding::line).collect(Collectors.toCollection(TreeSet::new));
    }

    @Provide
    Arbitrary<Injected> tables() {
        Arbitrary<List<String>> faculties = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPRSTUVÁÉÍÓÚÑ ").ofMinLength(3).ofMaxLength(14)
                .filter(s -> !Faculties.key(s).isEmpty())
                .list().ofMinSize(1).ofMaxSize(15).uniqueElements(Faculties::key);
        return Combinators.combine(faculties, Arbitraries.longs(), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4)).as(RouteTableCheckProperties::inject);
    }

    private static Injected inject(List<String> faculties, long seed, int duplicates, int conflicts, int gaps) {
        Random random = new Random(seed);
        List<String> shuffled = new ArrayList<>(faculties);
        Collections.shuffle(shuffled, random);
        int gapCount = Math.min(gaps, shuffled.size() - 1);
        Set<String> gapSet = new TreeSet<>(shuffled.subList(0, gapCount));
        List<String> routed = shuffled.subList(gapCount, shuffled.size());

        // rows: [faculty, advisor] in table order; the first occurrence of each faculty comes first
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < routed.size(); i++) rows.add(new String[]{routed.get(i), "asesor" + i + "@example.edu.co", "first"});
        for (int i = 0; i < duplicates; i++) {
            String[] of = rows.get(random.nextInt(routed.size()));
            rows.add(new String[]{respell(of[0], random), of[1].toUpperCase(), "dup"});
        }
        for (int i = 0; i < conflicts; i++) {
            String[] of = rows.get(random.nextInt(routed.size()));
            rows.add(new String[]{respell(of[0], random), "otro" + i + "@example.edu.co", "conflict"});
        }
        List<String[]> extra = new ArrayList<>(rows.subList(routed.size(), rows.size()));
        Collections.shuffle(extra, random); // duplicates and conflicts interleaved, always after their original
        rows = new ArrayList<>(rows.subList(0, routed.size()));
        rows.addAll(extra);

        StringBuilder csv = new StringBuilder("RuleSet,rules.advising\nImport,io.regla.rules.advising.FacultyRoute\n,\n"
                + "RuleTable FacultyRoutes,\nACTION,\n,\n\"insert(new FacultyRoute(\"\"$1\"\", \"\"$2\"\", \"\"$3\"\"));\",\n"
                + "\"Faculty, advisor e-mail, advisor name\",\n\"*, fallback@example.edu.co, Respaldo\",\n");
        int line = 10; // eight header lines, the fallback row on line 9
        Set<Integer> dupLines = new TreeSet<>();
        Set<Integer> conflictLines = new TreeSet<>();
        for (String[] r : rows) {
            csv.append('"').append(r[0]).append(", ").append(r[1]).append(", Nombre\",\n");
            if (r[2].equals("dup")) dupLines.add(line);
            if (r[2].equals("conflict")) conflictLines.add(line);
            line++;
        }
        return new Injected(csv.toString(), faculties, dupLines, conflictLines, gapSet);
    }

    private static String respell(String faculty, Random random) {
        String plain = java.text.Normalizer.normalize(faculty, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String cased = random.nextBoolean() ? plain.toLowerCase() : plain;
        return (random.nextBoolean() ? " " : "") + cased + (random.nextBoolean() ? "  " : "");
    }
}
