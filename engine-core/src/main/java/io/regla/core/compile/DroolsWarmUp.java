package io.regla.core.compile;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drools' one-time initialisation (its service registry, configuration classes, an empty KieBase and session,
 * the MVEL runtime), run on a background thread while the engine is being built, so that a fresh JVM's first
 * decision does not pay for it after reading the rule sources and configuring logging (benchmarks/README.md,
 * "Cold start"). It has no effect beyond warm classes and Drools' static state: the KieBases it builds (an empty
 * one, and one on a {@linkplain #sample sample artifact}) are dropped and never decide. Compiles wait for it
 * ({@link #await}), so Drools is never initialised from two threads at once.
 */
public final class DroolsWarmUp {

    private final Thread thread;
    /** The artifact to finish on, given once the registry has listed its versions (null: none). */
    private final CompletableFuture<Path> sample = new CompletableFuture<>();

    private DroolsWarmUp(ClassLoader classLoader) {
        this.thread = new Thread(() -> run(classLoader), "regla-drools-init");
    }

    /** Set once a warm-up has run in this JVM: what it initialises is JVM-wide, the next engine needs none. */
    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Starts the warm-up on a daemon thread, the first time in this JVM; later, one that has nothing to do. */
    public static DroolsWarmUp start(ClassLoader classLoader) {
        return STARTED.compareAndSet(false, true) ? startNow(classLoader) : new DroolsWarmUp(classLoader);
    }

    /** Starts a warm-up whether or not one ran before (tests). */
    static DroolsWarmUp startNow(ClassLoader classLoader) {
        DroolsWarmUp w = new DroolsWarmUp(classLoader);
        w.thread.setDaemon(true);
        w.thread.setContextClassLoader(classLoader);
        w.thread.start();
        return w;
    }

    /** Whether its thread has finished (or never had anything to do). */
    boolean finished() {
        return !thread.isAlive();
    }

    /**
     * The build-time artifact the warm-up finishes on (null: none): loaded into a throwaway KieBase, it initialises
     * what every artifact load needs once (deserialisation of Drools' classes, generated accessors, the network
     * builder), so the version a caller asks for loads as fast as a second one. Must be called, once the rule
     * sources are listed, before anything waits for the warm-up; later calls do nothing.
     */
    public void sample(Path artifact) {
        sample.complete(artifact);
    }

    private void run(ClassLoader classLoader) {
        try {
            KieServices services = KieServices.get();
            KieBase empty = KnowledgeBaseFactory.newKnowledgeBase(services.newKieBaseConfiguration(null, classLoader));
            KieSessionConfiguration conf = services.newKieSessionConfiguration(null, classLoader);
            conf.setOption(ClockTypeOption.PSEUDO);
            empty.newKieSession(conf, null).dispose();
            // what loading an artifact and building its network use next (class initialisation only)
            for (String name : new String[]{DroolsObjectInputStream.class.getName(), "org.drools.mvel.MVELConstraint",
                    "org.mvel2.MVEL", "org.mvel2.optimizers.OptimizerFactory", "org.drools.mvel.MVELDialectRuntimeData"}) {
                Class.forName(name, true, DroolsWarmUp.class.getClassLoader());
            }
            // bounded: the registry gives it right after listing its folders; a failed build may never
            Path artifact = sample.get(30, TimeUnit.SECONDS);
            if (artifact != null) PrecompiledPackages.loadThrowaway(artifact, classLoader);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LoggerFactory.getLogger(DroolsWarmUp.class).debug("Drools warm-up got no artifact", e);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // the compile that follows meets the same problem and reports it properly
            LoggerFactory.getLogger(DroolsWarmUp.class).debug("Drools warm-up failed", e);
        }
    }

    /** Waits for the warm-up, if one was started (a no-op once it has finished). */
    static void await(DroolsWarmUp warmUp) {
        if (warmUp == null || !warmUp.thread.isAlive()) return;
        boolean interrupted = false;
        for (;;) {
            try {
                warmUp.thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // it finishes in any case: wait for it, then pass the interrupt on
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
