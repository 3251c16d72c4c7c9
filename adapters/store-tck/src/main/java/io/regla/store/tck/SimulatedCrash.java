package io.regla.store.tck;

/**
 * Stands for the process dying at this point. An {@link Error}, so no code under test catches it the
 * way it handles ordinary failures: what was written before stays, nothing after happens.
 */
public final class SimulatedCrash extends Error {
    public SimulatedCrash(String where) {
        super("simulated crash " + where, null, false, false);
    }
}
