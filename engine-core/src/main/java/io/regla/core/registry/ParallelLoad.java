package io.regla.core.registry;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a task on every item on up to one thread per core (the calling thread and short-lived helpers), for the
 * eager load of a registry's versions. Items are taken in order from a shared counter, so a slow one does not
 * hold up the others; an unchecked exception or error of any task is rethrown on the calling thread after
 * every thread has finished.
 */
final class ParallelLoad {

    private ParallelLoad() {
    }

    static <T> void run(List<T> items, Consumer<T> task) {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), items.size());
        if (threads <= 1) {
            items.forEach(task);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < items.size(); ) {
                try {
                    task.accept(items.get(i));
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Thread(worker, "regla-load-" + (i + 1));
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
        worker.run();
        boolean interrupted = false;
        for (Thread helper : helpers) {
            for (;;) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers finish their item and stop; wait for them, then say so
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
    }
}
