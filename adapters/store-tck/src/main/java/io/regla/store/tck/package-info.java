/**
 * The store contract suite: abstract tests every {@link io.regla.api.spi.Store} adapter extends
 * ({@link io.regla.store.tck.StoreContract}, {@link io.regla.store.tck.DispatcherContract},
 * {@link io.regla.store.tck.OutboxCrashProperties}), and the test doubles they use. Tests share one
 * store per backend and keep apart by unique ids and outbox channels, so a backend starts once per run.
 */
package io.regla.store.tck;
