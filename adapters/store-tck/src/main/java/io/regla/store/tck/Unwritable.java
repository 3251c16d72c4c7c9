package io.regla.store.tck;

/** A fact that cannot be serialised (its accessor throws): makes a batch fail half-way. */
public record Unwritable(String id) {
    @Override
    public String id() {
        throw new IllegalStateException("this fact refuses to be written");
    }
}
