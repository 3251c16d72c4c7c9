package io.regla.rules.loyalty.migration;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Read-only work of the migration run beside the calling thread (the before check beside the load, the key-level
 * reconcile beside the balance verification), or where {@link #get()} is first called when the migration runs everything on
 * its calling thread. Its wall and CPU milliseconds are kept for the stage figures; a failure is rethrown by {@link #get()}.
 */
final class Beside<T> {

    private final FutureTask<T> task;
    private final boolean parallel;
    private volatile long millis;
    private volatile long cpuMillis;

    private Beside(String name, Callable<T> work, boolean parallel) {
        this.parallel = parallel;
        this.task = new FutureTask<>(() -> {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            try {
                return work.call();
            } finally {
                millis = (System.nanoTime() - t0) / 1_000_000;
                cpuMillis = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
            }
        });
        if (parallel) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Starts {@code work} on its own thread when {@code beside}; otherwise it runs at the first {@link #get()}. */
    static <T> Beside<T> start(String name, boolean beside, Callable<T> work) {
        return new Beside<>(name, work, beside);
    }

    T get() {
        if (!parallel) task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + this, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops waiting for the work (the stage it runs beside failed); not interrupted, as an interrupted H2 read may close its file. */
    void cancel() {
        task.cancel(false);
    }

    long millis() {
        return millis;
    }

    long cpuMillis() {
        return cpuMillis;
    }
}
