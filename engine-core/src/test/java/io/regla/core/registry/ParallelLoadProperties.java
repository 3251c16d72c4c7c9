package io.regla.core.registry;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@link ParallelLoad}: every item once, on at most one thread per core, a failure rethrown to the caller. */
class ParallelLoadProperties {

    @Property(tries = 200)
    void everyItemRunsExactlyOnceOnAtMostOneThreadPerCore(@ForAll @IntRange(min = 0, max = 40) int n) {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(n, 1));
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ParallelLoad.run(items, i -> {
            threads.add(Thread.currentThread());
            runs.incrementAndGet(i);
        });
        for (int i = 0; i < n; i++) assertThat(runs.get(i)).as("item " + i).isEqualTo(1);
        assertThat(threads.size()).isLessThanOrEqualTo(Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors())));
        assertThat(threads.stream().filter(t -> t != Thread.currentThread())).allMatch(t -> !t.isAlive());
    }

    @Property(tries = 200)
    void aFailingItemIsRethrownAndNoItemRunsTwice(@ForAll @IntRange(min = 1, max = 40) int n,
                                                   @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 39) Integer> failing) {
        List<Integer> bad = new ArrayList<>(failing.stream().map(f -> f % n).toList());
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Throwable thrown = catchThrowable(() -> ParallelLoad.run(items, i -> {
            runs.incrementAndGet(i);
            if (bad.contains(i)) throw new IllegalStateException("item " + i);
        }));
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(bad).contains(Integer.parseInt(thrown.getMessage().substring("item ".length())));
        for (int i = 0; i < n; i++) assertThat(runs.get(i)).isLessThanOrEqualTo(1);
    }
}
