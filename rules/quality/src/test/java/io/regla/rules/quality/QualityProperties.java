package io.regla.rules.quality;

import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.reconcile.DatasetDiff;
import io.regla.rules.quality.reconcile.Reconciler;
import io.regla.rules.quality.source.Sources;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants: a clean generated dataset has no findings; each injected fault of each kind is found
 * exactly once with the right code (and the same findings without the per-field profile); reconciling a copy finds nothing, and a mutated copy exactly the mutations.
 */
class QualityProperties {

    private final List<Path> dirs = new ArrayList<>();

    @AfterProperty
    void cleanUp() throws IOException {
        for (Path d : dirs) {
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(Collections.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        dirs.clear();
    }

    private Path tempDir() throws IOException {
        Path d = Files.createTempDirectory("quality-prop");
        dirs.add(d);
        return d;
    }

    @Property(tries = 40)
    void aCleanDatasetHasNoFindings(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int customers,
                                    @ForAll @IntRange(min = 0, max = 300) int orders) throws IOException {
        Path dir = new Orders(seed, customers, orders).write(tempDir());
        CheckResult r = QualityCheck.builder(Contracts.load(dir)).build().run();
        assertThat(r.findings()).isEmpty();
        assertThat(r.dataset("orders").records()).isEqualTo(orders);
        assertThat(r.exitCode()).isZero();
    }

    enum Fault { REQUIRED, TYPE, PATTERN, FORMAT, ENUM, RANGE, DUPLICATE_KEY, ORPHAN_REFERENCE }

    @Provide
    Arbitrary<List<Fault>> faults() {
        return Arbitraries.of(Fault.class).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 40)
    void eachInjectedFaultIsFoundOnceWithItsCode(@ForAll long seed, @ForAll("faults") List<Fault> faults) throws IOException {
        Orders data = new Orders(seed, 20, 200);
        Random r = new Random(seed);
        List<Integer> rows = new ArrayList<>();
        for (int i = 1; i < data.orders.size(); i++) rows.add(i);   // row 0 stays clean: duplicates copy clean ids
        Collections.shuffle(rows, r);
        Map<Long, String> expected = new TreeMap<>();                 // record number -> check code
        Set<Integer> faulted = new HashSet<>();
        for (int f = 0; f < faults.size(); f++) {
            int row = rows.get(f);
            faulted.add(row);
            String[] o = data.orders.get(row);
            switch (faults.get(f)) {
                case REQUIRED -> o[2] = "  ";
                case TYPE -> o[4] = "muchos";
                case PATTERN -> o[0] = String.format("Q%06d", row + 1);
                case FORMAT -> o[3] = "cliente" + row + "-at-example.com";
                case ENUM -> o[2] = "LOST";
                case RANGE -> o[4] = Integer.toString(101 + r.nextInt(1000));
                case DUPLICATE_KEY -> o[0] = data.orders.get(0)[0];
                case ORPHAN_REFERENCE -> o[1] = "C99999";
            }
            expected.put((long) row + 1, faults.get(f).name());
        }
        Path dir = data.write(tempDir());
        CheckResult result = QualityCheck.builder(Contracts.load(dir)).build().run();
        Map<Long, String> found = new TreeMap<>();
        for (Finding f : result.findings()) {
            assertThat(found.put(f.record(), f.check())).as("one finding for record %d", f.record()).isNull();
            assertThat(f.dataset()).isEqualTo("orders");
        }
        assertThat(found).isEqualTo(expected);
        // without the per-field profile (a caller that reads only findings): the same findings, keys and messages
        CheckResult lean = QualityCheck.builder(Contracts.load(dir)).fieldProfiles(false).build().run();
        assertThat(lean.findings()).isEqualTo(result.findings());
        assertThat(lean.dataset("orders").findings()).isEqualTo(result.dataset("orders").findings());
        assertThat(lean.dataset("orders").profile()).isEmpty();
        assertThat(result.dataset("orders").profile()).isNotEmpty();
    }

    @Property(tries = 30)
    void reconcilingACopyFindsNothingAndAMutatedCopyExactlyTheMutations(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int orders,
            @ForAll @IntRange(min = 0, max = 10) int deletions, @ForAll @IntRange(min = 0, max = 10) int additions,
            @ForAll @IntRange(min = 0, max = 10) int changes) throws IOException {
        Orders data = new Orders(seed, 10, orders);
        Path source = data.write(tempDir());
        Path copy = data.write(tempDir());
        // tiny segments so that a few hundred rows go through several bisection passes
        DatasetDiff same = new Reconciler(Contracts.load(source), Sources.folder(source), Sources.folder(copy), 2, 4)
                .reconcile(Contracts.load(source).get("orders"));
        assertThat(same.identical()).isTrue();
        assertThat(same.missing()).isEmpty();

        Random r = new Random(seed ^ 0x5DEECE66DL);
        List<String[]> target = new ArrayList<>();
        data.orders.forEach(o -> target.add(o.clone()));
        Collections.shuffle(target, r);                                  // order never matters
        Set<String> missing = new TreeSet<>();
        for (int i = 0; i < Math.min(deletions, target.size()); i++) missing.add(target.remove(target.size() - 1)[0]);
        Map<String, List<String>> changed = new TreeMap<>();
        for (int i = 0; i < Math.min(changes, target.size()); i++) {
            String[] o = target.get(i);
            List<String> fields = new ArrayList<>();
            if (r.nextBoolean()) {
                o[2] = o[2].equals("NEW") ? "PAID" : "NEW";
                fields.add("status");
            }
            if (fields.isEmpty() || r.nextBoolean()) {
                o[5] = new java.math.BigDecimal(o[5]).add(java.math.BigDecimal.ONE).toPlainString();
                fields.add("amount");
            }
            changed.put(o[0], fields);
        }
        Set<String> extra = new TreeSet<>();
        for (int i = 0; i < additions; i++) {
            String[] o = Orders.order(r, 900_000 + i, 10);
            target.add(o);
            extra.add(o[0]);
        }
        Path mutated = tempDir();
        Files.writeString(mutated.resolve("customers.csv"), Files.readString(source.resolve("customers.csv")));
        Orders.writeCsv(mutated.resolve("orders.csv"), Orders.HEADER, target);
        DatasetDiff diff = new Reconciler(Contracts.load(source), Sources.folder(source), Sources.folder(mutated), 2, 4)
                .reconcile(Contracts.load(source).get("orders"));
        assertThat(diff.missing()).containsExactlyElementsOf(missing);
        assertThat(diff.extra()).containsExactlyElementsOf(extra);
        Map<String, List<String>> foundChanged = new HashMap<>();
        diff.changed().forEach(c -> foundChanged.put(c.key(), c.fields()));
        assertThat(foundChanged).isEqualTo(changed);
        assertThat(diff.targetRecords()).isEqualTo(target.size());
        assertThat(diff.identical()).isEqualTo(missing.isEmpty() && extra.isEmpty() && changed.isEmpty());
    }
}
