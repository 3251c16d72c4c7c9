package io.regla.core.compile;

import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions of one build, reference counted. Drools' own {@code KieSessionsPool} cannot do two things
 * the engine needs: its {@code shutdown()} disposes sessions other threads are still firing (a reload
 * under load failed calls with "This session was previously disposed"), and a session cannot leave it
 * for good (a halted run's session would go back). Here the registry holds one reference while the
 * build serves and every call holds one while it runs; the idle sessions are disposed when the count
 * reaches zero, which can only happen after {@link #retire()}.
 */
final class SessionPool {

    private final KieBase kieBase;
    private final KieSessionConfiguration configuration;
    private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();
    /** 1 for the registry until retired, plus 1 per running call; 0 is final. */
    private final AtomicInteger holds = new AtomicInteger(1);
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean retired;

    SessionPool(KieBase kieBase, KieSessionConfiguration configuration, int initialSize) {
        this.kieBase = kieBase;
        this.configuration = configuration;
        for (int i = 0; i < initialSize; i++) idle.offer(create());
    }

    boolean tryAcquire() {
        for (;;) {
            int n = holds.get();
            if (n == 0) return false;
            if (holds.compareAndSet(n, n + 1)) return true;
        }
    }

    void release() {
        int n = holds.decrementAndGet();
        if (n == 0) drain();
        else if (n < 0) throw new IllegalStateException("released more often than acquired");
    }

    synchronized void retire() {
        if (retired) return;
        retired = true;
        release();
    }

    boolean drained() {
        return holds.get() == 0;
    }

    int live() {
        return live.get();
    }

    KieSession borrow() {
        KieSession s = idle.poll();
        return s != null ? s : create();
    }

    void giveBack(KieSession session) {
        try {
            ((StatefulKnowledgeSessionImpl) session).reset();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(SessionPool.class).warn("a session could not be reset and is dropped", e);
            discard(session);
            return;
        }
        // The caller still holds the build, so the count is above zero and drain() has not run yet.
        idle.offer(session);
    }

    void discard(KieSession session) {
        try {
            session.dispose();
        } finally {
            live.decrementAndGet();
        }
    }

    private KieSession create() {
        KieSession s = kieBase.newKieSession(configuration, null);
        live.incrementAndGet();
        return s;
    }

    private void drain() {
        for (KieSession s; (s = idle.poll()) != null; ) discard(s);
    }
}
