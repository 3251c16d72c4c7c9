package io.regla.store.tck;

import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.Store;
import io.regla.api.spi.StoredFact;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After any sequence of writes, the store holds what a plain map would: the last content per id, a
 * version that counts the content changes, and a failed conditional batch changes nothing.
 */
public abstract class FactStoreProperties {

    protected abstract Store store();

    /** One operation on a small id space, so that they collide. */
    public record Op(String kind, int id, String text, int versionSkew) {
    }

    @Provide
    Arbitrary<Op> ops() {
        return Combinators.combine(
                Arbitraries.of("put", "insert", "replace", "delete", "batch"),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of("a", "b", "c"),
                Arbitraries.integers().between(-1, 1)).as(Op::new);
    }

    private record Model(String text, long version) {
    }

    @Property(tries = 40)
    void theStoreBehavesLikeAVersionedMap(@ForAll @Size(max = 25) List<@net.jqwik.api.From("ops") Op> ops) {
        FactStore facts = store().facts();
        String run = UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, Model> model = new TreeMap<>();
        for (Op op : ops) {
            String id = run + op.id();
            TestNote note = new TestNote(id, op.text());
            Model current = model.get(id);
            switch (op.kind()) {
                case "put" -> {
                    long v = facts.put(id, note);
                    Model next = current == null ? new Model(op.text(), 1)
                            : current.text().equals(op.text()) ? current : new Model(op.text(), current.version() + 1);
                    assertThat(v).isEqualTo(next.version());
                    model.put(id, next);
                }
                case "insert" -> {
                    assertThat(facts.insert(id, note)).isEqualTo(current == null);
                    model.putIfAbsent(id, new Model(op.text(), 1));
                }
                case "replace" -> {
                    long expected = (current == null ? 1 : current.version()) + op.versionSkew();
                    boolean shouldWin = current != null && op.versionSkew() == 0;
                    try {
                        facts.replace(id, note, expected);
                        assertThat(shouldWin).as("replace at %d won", expected).isTrue();
                        model.put(id, new Model(op.text(), current.version() + 1));
                    } catch (ConcurrentUpdateException e) {
                        assertThat(shouldWin).as("replace at %d lost", expected).isFalse();
                    }
                }
                case "delete" -> {
                    assertThat(facts.delete(TestNote.class, id)).isEqualTo(current != null);
                    model.remove(id);
                }
                default -> {
                    // an upsert of this id and the next, plus a condition that fails when the skew says so
                    String other = run + ((op.id() + 1) % 5);
                    String guard = run + "guard";
                    boolean conditionHolds = op.versionSkew() >= 0;
                    List<FactWrite> batch = new ArrayList<>(List.of(new FactWrite(id, note),
                            new FactWrite(other, new TestNote(other, op.text()))));
                    batch.add(conditionHolds ? new FactWrite(guard, new TestNote(guard, "g"))
                            : FactWrite.replace(guard, new TestNote(guard, "g"), 99));
                    Map<String, Model> after = new HashMap<>(model);
                    for (FactWrite w : batch) {
                        String text = ((TestNote) w.fact()).text();
                        Model m = after.get(w.id());
                        after.put(w.id(), m == null ? new Model(text, 1)
                                : m.text().equals(text) ? m : new Model(text, m.version() + 1));
                    }
                    try {
                        facts.putAll(batch);
                        assertThat(conditionHolds).isTrue();
                        model.clear();
                        model.putAll(after);
                    } catch (ConcurrentUpdateException e) {
                        assertThat(conditionHolds).isFalse();
                    }
                }
            }
        }
        Map<String, Model> stored = new TreeMap<>();
        for (StoredFact<TestNote> f : facts.list(TestNote.class, run, null, 100)) {
            stored.put(f.id(), new Model(f.value().text(), f.version()));
        }
        assertThat(stored).isEqualTo(model);
    }
}
